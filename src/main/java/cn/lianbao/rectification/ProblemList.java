package cn.lianbao.rectification;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.patrol.JointPatrolProcess;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.InvalidInputException;
import cn.lianbao.process.VariableLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The year's problem list of an item, on {@code userTask_writeRectificationReport}: every problem
 * found by the item's joint patrols of the same plan and year (their work orders' {@code planId},
 * {@code year} and {@code itemNo}), with the agency that rectifies it, the day it is due
 * (the patrol's {@link WorkVariables#OUTCOME_DEADLINE}, from its {@code rectifyBy}) and how far it
 * got, read from the history of the patrols (running or ended). Refreshed when the task is created,
 * claimed and completed; completion is refused while a problem is not yet rectified and verified.
 */
@Component("problemListReader")
public class ProblemList implements TaskListener {

  /** At most this many patrols of one item and year are read (the plan asks for two). */
  static final int MAX_PATROLS = 20;
  /** At most this many variables of those patrols are read. */
  static final int MAX_VARIABLES = 5000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATROL_DAY = JointPatrolProcess.PATROL_DAY.name();
  private static final String PROBLEMS_FOUND = JointPatrolProcess.PROBLEMS_FOUND.name();

  private final PlanCalendar calendar;

  public ProblemList(PlanCalendar calendar) {
    this.calendar = calendar;
  }

  @Override
  public void notify(DelegateTask task) {
    List<Map<String, Object>> problems = refresh(task);
    if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      List<String> open = problems.stream().filter(problem -> !Boolean.TRUE.equals(problem.get("closed")))
          .map(problem -> "“" + problem.get("patrol") + "”问题" + problem.get("no") + "（"
              + problem.get("agencyName") + "，" + problem.get("status") + "）")
          .toList();
      if (!open.isEmpty()) {
        throw new InvalidInputException(RectificationReportProcess.PROBLEM_LIST.name(),
            "问题清单中还有 " + open.size() + " 个问题未完成整改验收：" + String.join("；", open)
                + "。全部整改并验收通过后才能提交整改报告。");
      }
    }
  }

  /** Reads the list and keeps it on the task's process. */
  List<Map<String, Object>> refresh(DelegateTask task) {
    String planId = WorkVariables.PLAN_ID.find(task).orElse(null);
    Integer year = WorkVariables.YEAR.find(task).orElse(null);
    String itemNo = WorkVariables.ITEM_NO.find(task).orElse(null);
    List<Map<String, Object>> problems = new ArrayList<>();
    int notRecorded = 0;
    if (planId != null && year != null && itemNo != null) {
      HistoryService history = task.getProcessEngineServices().getHistoryService();
      notRecorded = read(history, planId, year, itemNo, problems);
    }
    RectificationReportProcess.PROBLEM_LIST.set(task.getExecution(), fitted(problems));
    RectificationReportProcess.OPEN_PROBLEMS.set(task.getExecution(),
        (int) problems.stream().filter(problem -> !Boolean.TRUE.equals(problem.get("closed"))).count());
    RectificationReportProcess.PATROLS_NOT_RECORDED.set(task.getExecution(), notRecorded);
    return problems;
  }

  /** Adds the problems of the item's patrols in order; answers how many patrols are not recorded yet. */
  int read(HistoryService history, String planId, int year, String itemNo, List<Map<String, Object>> problems) {
    // the business keys of an item's work start with "<year>-<item>-" (annual-plan, plan-item and
    // plan-milestone hand them down): an indexed column, where three variable joins grew with the
    // history of every past year
    List<HistoricProcessInstance> patrols = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(JointPatrolProcess.KEY)
        .processInstanceBusinessKeyLike(year + "-" + itemNo + "-%")
        .variableValueEquals(WorkVariables.PLAN_ID.name(), planId)
        .orderByProcessInstanceStartTime().asc().listPage(0, MAX_PATROLS);
    List<String> ids = patrols.stream()
        .filter(patrol -> !patrol.getState().endsWith("TERMINATED"))
        .map(HistoricProcessInstance::getId).toList();
    if (ids.isEmpty()) {
      return 0;
    }
    List<HistoricVariableInstance> variables = history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(ids.toArray(String[]::new))
        .variableNameIn(WorkVariables.MILESTONE_TITLE.name(), WorkVariables.OUTCOME_DEADLINE.name(), PATROL_DAY,
            PROBLEMS_FOUND, JointPatrolProcess.PROBLEM_NO.name(), JointPatrolProcess.PROBLEM_TEXT.name(),
            JointPatrolProcess.PROBLEM_AGENCY_NAME.name(), JointPatrolProcess.RECTIFICATION_MEASURES.name(),
            JointPatrolProcess.ACCEPTED.name())
        .disableBinaryFetching().disableCustomObjectDeserialization()
        .listPage(0, MAX_VARIABLES);
    // the patrol's own variables, and those of each problem's subprocess (one execution each)
    Map<String, Map<String, Object>> patrolValues = new HashMap<>();
    Map<String, Map<String, Object>> problemValues = new LinkedHashMap<>();
    Map<String, String> patrolOfProblem = new HashMap<>();
    for (HistoricVariableInstance variable : variables) {
      if (variable.getProcessInstanceId().equals(variable.getActivityInstanceId())) {
        patrolValues.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
            .put(variable.getName(), variable.getValue());
      } else {
        problemValues.computeIfAbsent(variable.getExecutionId(), id -> new HashMap<>())
            .put(variable.getName(), variable.getValue());
        patrolOfProblem.put(variable.getExecutionId(), variable.getProcessInstanceId());
      }
    }
    Date now = ClockUtil.getCurrentTime();
    int notRecorded = 0;
    for (String id : ids) {
      Map<String, Object> patrol = patrolValues.getOrDefault(id, Map.of());
      if (patrol.get(PROBLEMS_FOUND) == null) {
        notRecorded++;
        continue;
      }
      Date rectifyBy = (Date) patrol.get(WorkVariables.OUTCOME_DEADLINE.name());
      List<Map<String, Object>> found = new ArrayList<>();
      problemValues.forEach((execution, values) -> {
        if (!id.equals(patrolOfProblem.get(execution))
            || !(values.get(JointPatrolProcess.PROBLEM_NO.name()) instanceof Integer no)) {
          return;
        }
        Object measures = values.get(JointPatrolProcess.RECTIFICATION_MEASURES.name());
        Object accepted = values.get(JointPatrolProcess.ACCEPTED.name());
        boolean closed = Boolean.TRUE.equals(accepted);
        String status = closed ? "已整改，验收通过"
            : Boolean.FALSE.equals(accepted) ? "验收未通过，重新整改中"
            : measures != null ? "已整改，待验收" : "待整改";
        if (!closed && rectifyBy != null && now.after(rectifyBy)) {
          status += "（已超过整改期限）";
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("patrol", patrol.get(WorkVariables.MILESTONE_TITLE.name()));
        problem.put("patrolDay", patrol.get(PATROL_DAY));
        problem.put("no", no);
        problem.put("problem", values.get(JointPatrolProcess.PROBLEM_TEXT.name()));
        problem.put("agencyName", values.get(JointPatrolProcess.PROBLEM_AGENCY_NAME.name()));
        problem.put("rectifyBy", rectifyBy == null ? null : calendar.dayOf(rectifyBy).toString());
        problem.put("measures", measures);
        problem.put("status", status);
        problem.put("closed", closed);
        found.add(problem);
      });
      found.sort((a, b) -> Integer.compare((Integer) a.get("no"), (Integer) b.get("no")));
      problems.addAll(found);
    }
    return notRecorded;
  }

  /**
   * The list as JSON within a String variable's column: long texts shortened first, then, if still
   * too long, only the problems still open (the ones that matter for the report).
   */
  static String fitted(List<Map<String, Object>> problems) {
    String json = write(problems);
    if (json.length() <= VariableLimits.MAX_STRING) {
      return json;
    }
    List<Map<String, Object>> shortened = new ArrayList<>();
    for (Map<String, Object> problem : problems) {
      Map<String, Object> copy = new LinkedHashMap<>(problem);
      copy.computeIfPresent("problem", (key, text) -> abbreviate(text.toString(), 60));
      copy.computeIfPresent("measures", (key, text) -> abbreviate(text.toString(), 30));
      shortened.add(copy);
    }
    json = write(shortened);
    if (json.length() <= VariableLimits.MAX_STRING) {
      return json;
    }
    List<Map<String, Object>> open = new ArrayList<>();
    for (Map<String, Object> problem : shortened) {
      if (!Boolean.TRUE.equals(problem.get("closed")) && write(open).length() < VariableLimits.MAX_STRING - 400) {
        problem.remove("measures");
        open.add(problem);
      }
    }
    return write(open);
  }

  private static String abbreviate(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length) + "…";
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value, e);
    }
  }
}
