package cn.lianbao.patrol;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.InvalidInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The findings of a joint patrol, on {@code userTask_recordPatrol}. When the task is created it
 * offers the agencies a finding can be given to ({@link JointPatrolProcess#AGENCY_CHOICES}); when it
 * completes it reads the form's {@code findings} JSON, refuses a malformed list (the task stays
 * open) and keeps the problems as {@link JointPatrolProcess#PROBLEMS}, one rectification each.
 */
@Component("patrolFindingsReader")
public class PatrolFindings implements TaskListener {

  /** "字段 findings（发现的问题）", the way every message names the field. */
  static final String FIELD = "字段 " + JointPatrolProcess.FINDINGS.name() + "（发现的问题）";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AgencyCatalog agencies;

  public PatrolFindings(AgencyCatalog agencies) {
    this.agencies = agencies;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> offerAgencies(task);
      case EVENTNAME_COMPLETE -> keepProblems(task);
      default -> { }
    }
  }

  void offerAgencies(DelegateTask task) {
    List<Map<String, String>> choices = new ArrayList<>();
    for (String id : choices(task)) {
      choices.add(Map.of("id", id, "name", name(id)));
    }
    JointPatrolProcess.AGENCY_CHOICES.set(task.getExecution(), write(choices));
  }

  void keepProblems(DelegateTask task) {
    List<Map<String, Object>> problems = parse(
        JointPatrolProcess.FINDINGS.find(task).orElse(null), allowedAgencies(task), this::name);
    JointPatrolProcess.PROBLEMS.set(task.getExecution(), problems);
    JointPatrolProcess.PROBLEMS_FOUND.set(task.getExecution(), !problems.isEmpty());
  }

  private String name(String agency) {
    return agencies.find(agency).map(Agency::name).orElse(agency);
  }

  /** The agencies of the form's choice: the implementing ones (the jurisdictions), then the lead. */
  static Set<String> choices(VariableScope scope) {
    Set<String> ids = new LinkedHashSet<>();
    ids.addAll(WorkVariables.IMPLEMENTING_GROUPS.find(scope).orElse(List.of()));
    ids.addAll(WorkVariables.RESPONSIBLE_GROUPS.find(scope).orElse(List.of()));
    return ids;
  }

  /** Every agency of the item that can be made responsible for a problem. */
  static Set<String> allowedAgencies(VariableScope scope) {
    Set<String> ids = choices(scope);
    ids.addAll(WorkVariables.COOPERATING_GROUPS.find(scope).orElse(List.of()));
    return ids;
  }

  /**
   * The problems of a findings list, numbered from 1, with the names of their agencies, or an {@link InvalidInputException} naming
   * the field and every entry at fault.
   */
  static List<Map<String, Object>> parse(String findings, Set<String> allowed, Function<String, String> names) {
    if (findings == null || findings.isBlank()) {
      throw refused("为必填项（没有发现问题时为 []）");
    }
    JsonNode list;
    try {
      list = JSON.readTree(findings);
    } catch (JsonProcessingException e) {
      list = null;
    }
    if (list == null || !list.isArray()) {
      throw refused("应为问题列表（JSON 数组，如 [{\"agency\":\"qingpu-gov\",\"problem\":\"…\"}]），收到“"
          + abbreviate(findings) + "”");
    }
    List<String> faults = new ArrayList<>();
    List<Map<String, Object>> problems = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      int no = i + 1;
      if (!entry.isObject()) {
        faults.add("第 " + no + " 条应为含 agency（责任单位）和 problem（问题描述）的对象");
        continue;
      }
      String agency = text(entry.get(JointPatrolProcess.AGENCY));
      String problem = text(entry.get(JointPatrolProcess.PROBLEM));
      if (agency.isEmpty()) {
        faults.add("第 " + no + " 条未选择责任单位（agency）");
      } else if (!allowed.contains(agency)) {
        faults.add("第 " + no + " 条的责任单位“" + abbreviate(agency) + "”不是本事项的单位");
      }
      int length = problem.codePointCount(0, problem.length());
      if (problem.isEmpty()) {
        faults.add("第 " + no + " 条的问题描述（problem）为必填项");
      } else if (length > JointPatrolProcess.PROBLEM_MAX_LENGTH) {
        faults.add("第 " + no + " 条的问题描述不能超过 " + JointPatrolProcess.PROBLEM_MAX_LENGTH
            + " 字（收到 " + length + " 字）");
      }
      Map<String, Object> kept = new LinkedHashMap<>();
      kept.put(JointPatrolProcess.NO, no);
      kept.put(JointPatrolProcess.AGENCY, agency);
      kept.put(JointPatrolProcess.AGENCY_NAME, names.apply(agency));
      kept.put(JointPatrolProcess.PROBLEM, problem);
      problems.add(kept);
    }
    if (!faults.isEmpty()) {
      throw refused(String.join("；", faults));
    }
    return problems;
  }

  private static InvalidInputException refused(String problem) {
    return new InvalidInputException(JointPatrolProcess.FINDINGS.name(), FIELD + problem);
  }

  private static String text(JsonNode value) {
    return value == null || !value.isTextual() ? "" : value.asText().trim();
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value, e);
    }
  }
}
