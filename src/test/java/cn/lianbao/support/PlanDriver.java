package cn.lianbao.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.escalation.Escalation;
import cn.lianbao.form.FormCheckOnComplete;
import cn.lianbao.form.FormDefinitions;
import cn.lianbao.form.FormField;
import cn.lianbao.plan.AnnualPlanProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Drives a plan year the way its officers would: moves the engine clock from deadline to deadline,
 * completes each open task with plausible values for the fields of its own form, and fires the
 * timers that fall due. Records the candidate groups of every task it completes, by business key.
 */
public final class PlanDriver {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final ProcessEngine engine;
  private final int year;
  private final Map<String, List<String>> groupsByTask = new LinkedHashMap<>();
  private final List<String> tasksWithoutDates = new ArrayList<>();
  private final Map<String, BiFunction<Task, LocalDate, Object>> values = new LinkedHashMap<>();
  private Consumer<Task> beforeEachCompletion = task -> {};

  public PlanDriver(ProcessEngine engine, int year) {
    this.engine = engine;
    this.year = year;
  }

  /** The value the driver enters in every form field of that name, given the engine's day. */
  public PlanDriver withValue(String field, Function<LocalDate, Object> value) {
    return withValue(field, (task, today) -> value.apply(today));
  }

  /** The value the driver enters in every form field of that name, given the task and the engine's day. */
  public PlanDriver withValue(String field, BiFunction<Task, LocalDate, Object> value) {
    values.put(field, value);
    return this;
  }

  /** Something to do with each task before the driver completes it (the task must stay open). */
  public PlanDriver beforeEachCompletion(Consumer<Task> hook) {
    this.beforeEachCompletion = hook;
    return this;
  }

  /** Starts the year's plan and lets its items and milestones open (their own jobs). */
  public ProcessInstance start(String planId) {
    ProcessInstance plan = engine.getRuntimeService().startProcessInstanceByKey(AnnualPlanProcess.KEY,
        String.valueOf(year), Variables.createVariables().putValue(AnnualPlanProcess.PLAN_ID.name(), planId)
            .putValue(AnnualPlanProcess.YEAR.name(), year));
    ProcessTests.runAsyncJobs(engine);
    return plan;
  }

  /** Moves the engine clock to the given instant; never backwards. */
  public void clockAt(Date instant) {
    if (instant.after(ClockUtil.getCurrentTime())) {
      ClockUtil.setCurrentTime(instant);
    }
  }

  /** 23:59:59 China Standard Time of the day: the deadline of a plan date. */
  public static Date endOfDay(int year, int month, int day) {
    return Date.from(LocalDate.of(year, month, day).atTime(23, 59, 59).atZone(CHINA).toInstant());
  }

  public static Date at(LocalDate day, int hour) {
    return Date.from(day.atTime(hour, 0).atZone(CHINA).toInstant());
  }

  /** The plan's open tasks. */
  public List<Task> openTasks() {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike(year + "-%").list();
  }

  /**
   * Works the year from deadline to deadline: before each, completes every open task due by it
   * (except those {@code late} holds back), then lets the deadline pass and fires the timers due.
   * Stops after {@code until}.
   */
  public void workUntil(Date until, Predicate<Task> late) {
    while (true) {
      Optional<Date> next = openTasks().stream().filter(late.negate()).map(Task::getDueDate)
          .filter(due -> due != null && !due.after(until)).min(Comparator.naturalOrder());
      if (next.isEmpty()) {
        break;
      }
      Date deadline = next.get();
      clockAt(new Date(deadline.getTime() - 5L * 24 * 3600 * 1000));
      completeDueBy(deadline, late);
      clockAt(new Date(deadline.getTime() + 60_000));
      fireDueTimers();
    }
    clockAt(until);
    fireDueTimers();
  }

  /** Completes, again and again, every open task due by the deadline, until none is left. */
  public void completeDueBy(Date deadline, Predicate<Task> late) {
    boolean worked = true;
    while (worked) {
      worked = false;
      for (Task task : openTasks()) {
        if (gone(task) || task.getDueDate() == null || task.getDueDate().after(deadline) || late.test(task)) {
          continue;
        }
        complete(task);
        worked = true;
      }
    }
  }

  public void complete(Task task) {
    if (task.getDueDate() == null || task.getFollowUpDate() == null) {
      tasksWithoutDates.add(task.getName());
    }
    beforeEachCompletion.accept(task);
    groupsByTask.put(task.getId() + " " + businessKey(task) + " " + task.getName(),
        ProcessTests.candidateGroups(engine, task));
    engine.getTaskService().complete(task.getId(), plausibleValues(task));
    ProcessTests.runAsyncJobs(engine);
  }

  /** Completes the open work of the part with this business key (not its 督办单) until it is delivered. */
  public void deliver(String businessKey) {
    while (true) {
      Task work = openTasks().stream().filter(task -> businessKey.equals(businessKey(task)))
          .filter(task -> !task.getTaskDefinitionKey().equals(Escalation.Elements.EXPLAIN_DELAY))
          .findFirst().orElse(null);
      if (work == null) {
        return;
      }
      complete(work);
    }
  }

  /** Executes every job whose due date has come and every asynchronous continuation, until none is left. */
  public void fireDueTimers() {
    List<Job> due;
    ProcessTests.runAsyncJobs(engine);
    while (!(due = engine.getManagementService().createJobQuery().executable()
        .duedateLowerThan(new Date(ClockUtil.getCurrentTime().getTime() + 1)).list()).isEmpty()) {
      for (Job job : due) {
        engine.getManagementService().executeJob(job.getId());
      }
      ProcessTests.runAsyncJobs(engine);
    }
  }

  public Map<String, List<String>> groupsByTask() {
    return groupsByTask;
  }

  public List<String> tasksWithoutDates() {
    return tasksWithoutDates;
  }

  /** The business key of the task's process instance, also when completing another task has ended it. */
  public String businessKey(Task task) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(task.getProcessInstanceId()).singleResult().getBusinessKey();
  }

  /** Whether completing an earlier task of the same pass has closed this one (a delivery ends the 督办单). */
  private boolean gone(Task task) {
    return engine.getTaskService().createTaskQuery().taskId(task.getId()).count() == 0;
  }

  /** Values for every field of the task's form that an officer would fill in. */
  public VariableMap plausibleValues(Task task) {
    VariableMap values = Variables.createVariables();
    for (FormField field : formFields(task)) {
      if (field.readonly()) {
        continue;
      }
      values.putValue(field.name(), plausible(task, field));
    }
    return values;
  }

  private Object plausible(Task task, FormField field) {
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(CHINA).toLocalDate();
    if (values.containsKey(field.name())) {
      return values.get(field.name()).apply(task, today);
    }
    switch (field.type().toLowerCase()) {
      case "file" -> {
        String ending = field.extensions().isEmpty() || field.extensions().contains("pdf")
            ? "pdf" : field.extensions().get(0);
        return ProcessTests.file(field.name() + "." + ending, "%PDF-1.4 " + field.name(), "application/pdf");
      }
      case "integer", "long", "short" -> {
        long value = field.min() == null ? 1 : Math.max(1, field.min());
        return field.type().equalsIgnoreCase("long") ? (Object) value : (Object) (int) value;
      }
      case "boolean" -> {
        return true;
      }
      case "date" -> {
        return ClockUtil.getCurrentTime();
      }
      default -> {
        if (field.day()) {
          return today.toString();
        }
        if (field.name().toLowerCase().contains("findings")) {
          return "[]";
        }
        String text = "按计划完成（" + field.label() + "）";
        return field.maxLength() != null && text.length() > field.maxLength()
            ? text.substring(0, field.maxLength()) : text;
      }
    }
  }

  /** The resource of the task's embedded form ({@code forms/….html}), or null. */
  public String formResource(Task task) {
    String formKey = engine.getFormService().getTaskFormKey(task.getProcessDefinitionId(), task.getTaskDefinitionKey());
    return formKey == null || !formKey.startsWith(FormCheckOnComplete.EMBEDDED_DEPLOYMENT) ? null
        : formKey.substring(FormCheckOnComplete.EMBEDDED_DEPLOYMENT.length());
  }

  /** The fields of the task's embedded form; none when it has none. */
  public List<FormField> formFields(Task task) {
    String formKey = engine.getFormService().getTaskFormKey(task.getProcessDefinitionId(), task.getTaskDefinitionKey());
    if (formKey == null || !formKey.startsWith(FormCheckOnComplete.EMBEDDED_DEPLOYMENT)) {
      return List.of();
    }
    String deployment = engine.getRepositoryService().getProcessDefinition(task.getProcessDefinitionId()).getDeploymentId();
    try (InputStream form = engine.getRepositoryService().getResourceAsStream(deployment,
        formKey.substring(FormCheckOnComplete.EMBEDDED_DEPLOYMENT.length()))) {
      assertThat(form).as("form of " + task.getName()).isNotNull();
      return FormDefinitions.parse(new String(form.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
