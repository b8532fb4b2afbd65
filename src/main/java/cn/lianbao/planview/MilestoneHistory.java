package cn.lianbao.planview;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.escalation.Escalation;
import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.planview.PlanViewJson.Year;
import cn.lianbao.process.AgencyAnswers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * One milestone part's history, for the plan view's panel (Cockpit CE has no page for finished
 * instances): its row of the plan view, the tasks of the milestone and of the work it called (who
 * completed each and when), the escalation (督办) steps and answers, and the documents uploaded
 * (file variables, downloaded through the webapps' engine API with the same session).
 */
@Component
public class MilestoneHistory {

  /** The webapps' engine API path of a historic file variable's content (session, no second login). */
  static final String DOWNLOAD = "/camunda/api/engine/engine/default/history/variable-instance/%s/data";

  private final PlanView view;
  private final HistoryService history;
  private final IdentityService identity;
  private final PlanCalendar calendar;
  private final ObjectMapper json = new ObjectMapper();

  public MilestoneHistory(PlanView view, HistoryService history, IdentityService identity, PlanCalendar calendar) {
    this.calendar = calendar;
    this.view = view;
    this.history = history;
    this.identity = identity;
  }

  /** The history of the year's milestone part run by this instance, if the viewer sees it. */
  public Map<String, Object> of(Year year, String processInstanceId, Viewer viewer) {
    PlanView.Part part = view.parts(year, view.today()).stream()
        .filter(one -> one.instanceId.equals(processInstanceId)).findFirst()
        .orElseThrow(() -> new PlanViewRefusal(404,
            year.year() + " 年的年度计划中没有这个节点（流程实例 " + PlanViewRefusal.shorten(processInstanceId) + "）。"));
    if (!viewer.sees(part.concerned)) {
      // the same answer as an unknown instance: an agency's user learns nothing of others' items
      throw new PlanViewRefusal(404, year.year() + " 年的年度计划中没有这个节点（流程实例 " + PlanViewRefusal.shorten(processInstanceId) + "）。");
    }
    List<HistoricProcessInstance> instances = withCalledWork(processInstanceId);
    Map<String, String> processNames = new HashMap<>();
    for (HistoricProcessInstance instance : instances) {
      processNames.put(instance.getId(), Objects.requireNonNullElse(instance.getProcessDefinitionName(),
          instance.getProcessDefinitionKey()));
    }

    List<Map<String, Object>> tasks = new ArrayList<>();
    Map<String, String> taskNames = new HashMap<>();
    for (HistoricProcessInstance instance : instances) {
      for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery()
          .processInstanceId(instance.getId()).list()) {
        taskNames.put(task.getId(), task.getName());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", task.getName());
        row.put("process", processNames.get(instance.getId()));
        String who = task.getAssignee() != null || task.getEndTime() == null ? task.getAssignee() : completedBy(task);
        row.put("assignee", who);
        row.put("assigneeName", userName(who));
        row.put("startTime", iso(task.getStartTime()));
        row.put("endTime", iso(task.getEndTime()));
        row.put("due", iso(task.getDueDate()));
        row.put("completed", task.getEndTime() != null && "completed".equals(task.getDeleteReason()));
        tasks.add(row);
      }
    }
    tasks.sort(Comparator.comparing((Map<String, Object> row) -> (String) row.get("startTime"),
        Comparator.nullsLast(Comparator.naturalOrder())));

    Map<String, Object> milestoneVariables = new HashMap<>();
    List<Map<String, Object>> documents = new ArrayList<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
        .disableBinaryFetching().list()) {
      TypedValue value = variable.getTypedValue();
      if (value instanceof FileValue file) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", variable.getName());
        document.put("fileName", file.getFilename());
        document.put("task", variable.getTaskId() == null ? null : taskNames.get(variable.getTaskId()));
        document.put("process", processNames.get(variable.getProcessInstanceId()));
        document.put("created", iso(variable.getCreateTime()));
        document.put("download", DOWNLOAD.formatted(variable.getId()));
        documents.add(document);
      } else if (processInstanceId.equals(variable.getProcessInstanceId())
          && processInstanceId.equals(variable.getExecutionId())) {
        milestoneVariables.put(variable.getName(), variable.getValue());
      }
    }
    documents.sort(Comparator.comparing((Map<String, Object> row) -> (String) row.get("created"),
        Comparator.nullsLast(Comparator.naturalOrder())));

    Map<String, Object> escalation = new LinkedHashMap<>();
    escalation.put("level", part.escalationLevel);
    escalation.put("level2Due", iso((Date) date(milestoneVariables.get(Escalation.LEVEL2_DUE.name()))));
    escalation.put("finalDue", iso((Date) date(milestoneVariables.get(Escalation.FINAL_DUE.name()))));
    List<Map<String, Object>> explanations = new ArrayList<>();
    for (Object answer : list(milestoneVariables.get(Escalation.DELAY_EXPLANATIONS.name()))) {
      if (answer instanceof Map<?, ?> map) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("agency", text(map.get(AgencyAnswers.AGENCY_NAME)));
        row.put("explanation", text(map.get(Escalation.DELAY_EXPLANATION.name())));
        row.put("committedDay", text(map.get(Escalation.COMMITTED_DAY.name())));
        explanations.add(row);
      }
    }
    escalation.put("explanations", explanations);
    escalation.put("rounds", list(milestoneVariables.get(Escalation.SUPERVISION_ROUNDS.name())).stream()
        .map(MilestoneHistory::text).toList());

    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("part", part.json());
    answer.put("finished", instances.get(0).getEndTime() != null);
    answer.put("endTime", iso(instances.get(0).getEndTime()));
    answer.put("tasks", tasks);
    answer.put("escalation", escalation);
    answer.put("documents", documents);
    return answer;
  }

  /** The instance first, then the instances it called, and theirs. */
  private List<HistoricProcessInstance> withCalledWork(String processInstanceId) {
    List<HistoricProcessInstance> found = new ArrayList<>();
    HistoricProcessInstance root = history.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    if (root == null || !PlanMilestoneProcess.KEY.equals(root.getProcessDefinitionKey())) {
      return found;
    }
    found.add(root);
    for (int next = 0; next < found.size() && found.size() < 200; next++) {
      found.addAll(history.createHistoricProcessInstanceQuery()
          .superProcessInstanceId(found.get(next).getId()).list());
    }
    return found;
  }

  private final Map<String, String> names = new java.util.concurrent.ConcurrentHashMap<>();

  private String userName(String userId) {
    if (userId == null) {
      return null;
    }
    return names.computeIfAbsent(userId, id -> {
      User user = identity.createUserQuery().userId(id).singleResult();
      if (user == null) {
        return id;
      }
      String name = (Objects.toString(user.getFirstName(), "") + Objects.toString(user.getLastName(), "")).strip();
      return name.isEmpty() ? id : name;
    });
  }

  /** Who completed an unclaimed task, from the user operation log (written when a user completes it). */
  private String completedBy(HistoricTaskInstance task) {
    return history.createUserOperationLogQuery().taskId(task.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list().stream()
        .map(UserOperationLogEntry::getUserId).filter(Objects::nonNull).findFirst().orElse(null);
  }

  private static Object date(Object value) {
    return value instanceof Date ? value : null;
  }

  private List<?> list(Object value) {
    if (value instanceof List<?> list) {
      return list;
    }
    if (value == null) {
      return List.of();
    }
    try {
      Object parsed = json.readValue(value.toString(), Object.class);
      return parsed instanceof List<?> list ? list : List.of();
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }


  private String iso(Date instant) {
    return instant == null ? null : instant.toInstant().atZone(calendar.zone()).toOffsetDateTime()
        .truncatedTo(ChronoUnit.SECONDS).format(PlanView.ISO);
  }
}
