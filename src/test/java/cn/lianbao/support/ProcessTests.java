package cn.lianbao.support;

import cn.lianbao.plan.PlanMilestoneProcess;
import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.report.ProgressReportProcess;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/** What the process tests read from the engine and hand to it: a task's groups and dates, variables, files. */
public final class ProcessTests {

  private ProcessTests() {}

  /**
   * Runs the asynchronous continuations waiting now (a year's items and milestones opening, a
   * work's delivery report), as the job executor would, until none is left; timers stay.
   */
  public static void runAsyncJobs(ProcessEngine engine) {
    List<Job> waiting;
    while (!(waiting = engine.getManagementService().createJobQuery().messages().executable().list()).isEmpty()) {
      waiting.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }

  /**
   * Starts a progress report of item 5 for {@code agency}, due at the end of Q1 2027, under a unique
   * business key beginning with {@code keyPrefix}; answers its one open task.
   */
  public static Task startProgressReport(ProcessEngine engine, PlanCalendar calendar, String keyPrefix, String agency) {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(ProgressReportProcess.KEY,
        keyPrefix + UUID.randomUUID(),
        WorkVariables.RESPONSIBLE_GROUPS.with(new ArrayList<>(List.of(agency)))
            .putValue(WorkVariables.YEAR.name(), 2027)
            .putValue(WorkVariables.ITEM_NO.name(), "5")
            .putValue(WorkVariables.DEADLINE.name(), calendar.quarterEnd(2027, 1))
            .putValue(WorkVariables.FOLLOW_UP.name(), calendar.quarterFollowUp(2027, 1)));
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  /** The groups of the task's candidate links, in the engine's order. */
  public static List<String> candidateGroups(ProcessEngine engine, Task task) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId)
        .toList();
  }

  /** The open per-agency tasks of the element, by their one candidate group. */
  public static Map<String, Task> tasksByGroup(ProcessEngine engine, ProcessInstance instance, String element) {
    List<Task> tasks = engine.getTaskService().createTaskQuery()
        .processInstanceId(instance.getId()).taskDefinitionKey(element).list();
    tasks.forEach(task -> assertThat(candidateGroups(engine, task)).hasSize(1));
    return tasks.stream().collect(Collectors.toMap(task -> candidateGroups(engine, task).get(0), Function.identity(),
        (a, b) -> { throw new AssertionError("two tasks for one agency"); }, LinkedHashMap::new));
  }

  public static void assertDates(Task task, Date due, Date followUp) {
    assertThat(task.getDueDate()).as("due date of " + task.getTaskDefinitionKey()).isEqualTo(due);
    assertThat(task.getFollowUpDate()).as("follow-up date of " + task.getTaskDefinitionKey()).isEqualTo(followUp);
  }

  /** The value of the instance's one variable of that name, running or ended; null while it has none. */
  public static Object historic(ProcessEngine engine, ProcessInstance instance, String name) {
    return historic(engine, instance.getId(), name);
  }

  public static Object historic(ProcessEngine engine, String processInstanceId, String name) {
    HistoricVariableInstance variable = historicVariable(engine, processInstanceId, name);
    return variable == null ? null : variable.getValue();
  }

  /** The typed value (a file's name and content) of the instance's one variable of that name, or null. */
  public static TypedValue historicTyped(ProcessEngine engine, ProcessInstance instance, String name) {
    HistoricVariableInstance variable = historicVariable(engine, instance.getId(), name);
    return variable == null ? null : variable.getTypedValue();
  }

  private static HistoricVariableInstance historicVariable(ProcessEngine engine, String processInstanceId,
      String name) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableName(name).singleResult();
  }

  /** Whether the instance's milestone is recorded as met; null before its delivery is reported. */
  public static Boolean delivered(ProcessEngine engine, ProcessInstance instance) {
    return (Boolean) historic(engine, instance, PlanMilestoneProcess.DELIVERED.name());
  }

  /** An uploaded file: application/pdf when the name ends in .pdf, else application/octet-stream. */
  public static FileValue file(String name, String content) {
    return file(name, content, name.endsWith(".pdf") ? "application/pdf" : "application/octet-stream");
  }

  /** An uploaded file of that mime type; none when {@code mimeType} is null. */
  public static FileValue file(String name, String content, String mimeType) {
    return Variables.fileValue(name)
        .file(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))
        .mimeType(mimeType)
        .create();
  }
}
