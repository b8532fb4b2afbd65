package cn.lianbao.escalation;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.agency.AgencyDirectory;
import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.notice.NoticeStep;
import cn.lianbao.notice.Notices;
import cn.lianbao.plan.PlanCatalog;
import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.AgencyAnswers;
import cn.lianbao.process.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The steps of a milestone's escalation ladder, one method per step of plan-milestone.bpmn
 * ({@code ${escalationLadder.openLevel1(execution)}} …). The dates the ladder waits for are data
 * it computes with the {@link PlanCalendar}; the engine clock is the only clock.
 */
@Component("escalationLadder")
public class EscalationLadder {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final PlanCalendar calendar;
  private final AgencyCatalog agencies;
  private final AgencyAnswers answers;
  private final Notices notices;
  private final EscalationProperties figures;
  private final PlanCatalog plans;

  public EscalationLadder(PlanCalendar calendar, AgencyCatalog agencies, AgencyAnswers answers, Notices notices,
      EscalationProperties figures, PlanCatalog plans) {
    this.plans = plans;
    this.calendar = calendar;
    this.agencies = agencies;
    this.answers = answers;
    this.notices = notices;
    this.figures = figures;
  }

  /** Reminder at the follow-up date: the agencies holding open work are told, unless it is done or late already. */
  public void remind(DelegateExecution milestone) {
    Date deadline = WorkVariables.DEADLINE.get(milestone);
    if (WorkVariables.DELIVERED.find(milestone).orElse(false) || ClockUtil.getCurrentTime().after(deadline)) {
      return;
    }
    notices.notify(milestone.getProcessBusinessKey(), NoticeStep.REMINDER, WorkVariables.FOLLOW_UP.get(milestone),
        agenciesHoldingWork(milestone), model(milestone));
  }

  /** Level 1: the deadline passed undelivered; each late agency's leaders get a supervision task. */
  public void openLevel1(DelegateExecution milestone) {
    List<String> late = agenciesHoldingWork(milestone);
    Escalation.LATE_AGENCIES.set(milestone, late);
    Date deadline = WorkVariables.DEADLINE.get(milestone);
    Escalation.LEVEL2_DUE.set(milestone, calendar.endOfDay(calendar.dayOf(deadline).plusDays(figures.level2AfterDays())));
    PlanMilestoneProcess.ESCALATION_LEVEL.set(milestone, 1);
    updateDaysOverdue(milestone);
    List<String> leaders = late.stream().map(agency -> agency + Agency.LEADERS_SUFFIX).toList();
    Escalation.ESCALATED_GROUPS.set(milestone, leaders);
    notices.notify(milestone.getProcessBusinessKey(), NoticeStep.LEVEL1, deadline, leaders, model(milestone));
  }

  /**
   * A leader's answer at level 1: kept with the other agencies' answers; a committed day given
   * before level 2 postpones level 2 to its end, if that is later.
   */
  public void recordExplanation(DelegateTask task) {
    String committed = Escalation.COMMITTED_DAY.find(task).map(String::strip).orElse("");
    LocalDate day = LocalDate.parse(committed);
    LocalDate today = calendar.dayOf(ClockUtil.getCurrentTime());
    if (!day.isAfter(today)) {
      throw new InvalidInputException(Escalation.COMMITTED_DAY.name(), "字段 " + Escalation.COMMITTED_DAY.name()
          + "（承诺完成时间）应晚于今天（" + today.format(DAY) + "），收到 " + day.format(DAY));
    }
    answers.record(task, Escalation.DELAY_EXPLANATIONS,
        List.of(Escalation.DELAY_EXPLANATION, Escalation.COMMITTED_DAY), null);
    Date committedEnd = calendar.endOfDay(day);
    VariableScope milestone = task.getExecution().getProcessInstance();
    if (committedEnd.after(Escalation.LEVEL2_DUE.get(milestone))) {
      Escalation.LEVEL2_DUE.set(milestone, committedEnd);
      ProcessEngineServices engine = task.getProcessEngineServices();
      Job level2 = engine.getManagementService().createJobQuery().processInstanceId(task.getProcessInstanceId())
          .activityId(Escalation.Elements.LEVEL2_DUE).singleResult();
      if (level2 != null) {
        engine.getManagementService().setJobDuedate(level2.getId(), committedEnd);
      }
    }
  }

  /** Level 2: still undelivered; the supervisors and the guiding agencies' leaders get the case. */
  public void openLevel2(DelegateExecution milestone) {
    List<String> groups = new ArrayList<>();
    groups.add(AgencyDirectory.SUPERVISORS);
    WorkVariables.GUIDING_GROUPS.find(milestone).orElse(List.of())
        .forEach(agency -> groups.add(agency + Agency.LEADERS_SUFFIX));
    Escalation.LEVEL2_GROUPS.set(milestone, groups);
    Escalation.SUPERVISE_DUE.set(milestone, daysFromNow(figures.superviseDays()));
    PlanMilestoneProcess.ESCALATION_LEVEL.set(milestone, 2);
    updateDaysOverdue(milestone);
    Escalation.CASE_HISTORY.set(milestone, caseHistory(milestone));
    Set<String> escalated = new LinkedHashSet<>(Escalation.ESCALATED_GROUPS.find(milestone).orElse(List.of()));
    escalated.addAll(groups);
    Escalation.ESCALATED_GROUPS.set(milestone, List.copyOf(escalated));
    notices.notify(milestone.getProcessBusinessKey(), NoticeStep.LEVEL2, Escalation.LEVEL2_DUE.get(milestone),
        groups, model(milestone));
  }

  /** The supervisors' final day must lie ahead. */
  public void checkFinalDay(DelegateTask task) {
    LocalDate day = LocalDate.parse(Escalation.FINAL_DAY.get(task).strip());
    LocalDate today = calendar.dayOf(ClockUtil.getCurrentTime());
    if (!day.isAfter(today)) {
      throw new InvalidInputException(Escalation.FINAL_DAY.name(), "字段 " + Escalation.FINAL_DAY.name()
          + "（最终完成期限）应晚于今天（" + today.format(DAY) + "），收到 " + day.format(DAY));
    }
  }

  /** The supervisors set a final day: the responsible agencies' leaders are told. */
  public void setFinalDate(DelegateExecution milestone) {
    LocalDate day = LocalDate.parse(Escalation.FINAL_DAY.get(milestone).strip());
    Date finalDue = calendar.endOfDay(day);
    Escalation.FINAL_DUE.set(milestone, finalDue);
    Escalation.SUPERVISE_AGAIN_DUE.set(milestone,
        calendar.endOfDay(calendar.dayOf(finalDue).plusDays(figures.superviseDays())));
    List<String> leaders = WorkVariables.RESPONSIBLE_GROUPS.get(milestone).stream()
        .map(agency -> agency + Agency.LEADERS_SUFFIX).toList();
    Map<String, Object> model = model(milestone);
    model.put("finalDay", day.format(DAY));
    model.put("instruction", Escalation.INSTRUCTION.find(milestone).orElse(""));
    notices.notify(milestone.getProcessBusinessKey(), NoticeStep.FINAL_DATE, finalDue, leaders, model);
  }

  /** The final day passed undelivered: the case returns to the supervisors once more. */
  public void returnCase(DelegateExecution milestone) {
    updateDaysOverdue(milestone);
    Escalation.CASE_HISTORY.set(milestone, caseHistory(milestone));
    notices.notify(milestone.getProcessBusinessKey(), NoticeStep.FINAL_DATE_MISSED, Escalation.FINAL_DUE.get(milestone),
        Escalation.LEVEL2_GROUPS.get(milestone), model(milestone));
  }

  /** The milestone was delivered during the escalation: everyone the case reached is told it is closed. */
  public void closeCase(DelegateExecution milestone) {
    updateDaysOverdue(milestone);
    notices.notify(milestone.getProcessBusinessKey(), NoticeStep.CLOSED,
        WorkVariables.DELIVERED_AT.find(milestone).orElse(ClockUtil.getCurrentTime()),
        Escalation.ESCALATED_GROUPS.find(milestone).orElse(List.of()), model(milestone));
  }

  /** Agencies with an open task in the milestone's work; the responsible ones when none is open. */
  private List<String> agenciesHoldingWork(DelegateExecution milestone) {
    ProcessEngineServices engine = milestone.getProcessEngineServices();
    Set<String> holding = new LinkedHashSet<>();
    List<String> instances = new ArrayList<>();
    collectWork(engine, milestone.getProcessInstanceId(), instances);
    for (String instance : instances) {
      for (Task task : engine.getTaskService().createTaskQuery().processInstanceId(instance).list()) {
        for (IdentityLink link : engine.getTaskService().getIdentityLinksForTask(task.getId())) {
          if (IdentityLinkType.CANDIDATE.equals(link.getType()) && agencies.contains(link.getGroupId())) {
            holding.add(link.getGroupId());
          }
        }
      }
    }
    if (holding.isEmpty()) {
      holding.addAll(WorkVariables.RESPONSIBLE_GROUPS.get(milestone));
    }
    List<String> order = agencies.all().stream().map(Agency::id).toList();
    return holding.stream().sorted(java.util.Comparator.comparingInt(order::indexOf)).toList();
  }

  private static void collectWork(ProcessEngineServices engine, String parent, List<String> into) {
    for (ProcessInstance child : engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(parent).list()) {
      into.add(child.getId());
      collectWork(engine, child.getId(), into);
    }
  }

  private void updateDaysOverdue(DelegateExecution milestone) {
    Date at = WorkVariables.DELIVERED_AT.find(milestone).orElse(ClockUtil.getCurrentTime());
    WorkVariables.DAYS_OVERDUE.set(milestone, calendar.daysLate(WorkVariables.DEADLINE.get(milestone), at));
  }

  private Date daysFromNow(int days) {
    return calendar.endOfDay(calendar.dayOf(ClockUtil.getCurrentTime()).plusDays(days));
  }

  /** What the supervisors read: the milestone, its deadline, and the leaders' answers so far. */
  private String caseHistory(DelegateExecution milestone) {
    StringBuilder history = new StringBuilder();
    history.append("节点：").append(WorkVariables.MILESTONE_TITLE.find(milestone).orElse(""))
        .append("；截止 ").append(calendar.dayOf(WorkVariables.DEADLINE.get(milestone)).format(DAY))
        .append("，已逾期 ").append(WorkVariables.DAYS_OVERDUE.find(milestone).orElse(0)).append(" 天。\n");
    List<Map<String, Object>> explained = Escalation.DELAY_EXPLANATIONS.find(milestone).orElse(List.of());
    if (explained.isEmpty()) {
      history.append("单位领导尚未作出情况说明。\n");
    }
    for (Map<String, Object> answer : explained) {
      history.append(answer.get(AgencyAnswers.AGENCY_NAME)).append("：")
          .append(answer.get(Escalation.DELAY_EXPLANATION.name()))
          .append("（承诺 ").append(answer.get(Escalation.COMMITTED_DAY.name())).append(" 完成）\n");
    }
    Escalation.INSTRUCTION.find(milestone).ifPresent(instruction ->
        history.append("督办意见：").append(instruction).append("；最终期限 ")
            .append(Escalation.FINAL_DAY.find(milestone).orElse("")).append("\n"));
    return history.toString().strip();
  }

  private Map<String, Object> model(DelegateExecution milestone) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("businessKey", milestone.getProcessBusinessKey());
    String itemNo = WorkVariables.ITEM_NO.find(milestone).orElse("");
    model.put("item", WorkVariables.PLAN_ID.find(milestone).flatMap(plans::find).flatMap(plan -> plan.item(itemNo))
        .map(item -> item.no() + " " + item.shortTitle()).orElse(itemNo));
    model.put("milestone", WorkVariables.MILESTONE_TITLE.find(milestone).orElse(""));
    model.put("deadline", calendar.dayOf(WorkVariables.DEADLINE.get(milestone)).format(DAY));
    model.put("daysOverdue", WorkVariables.DAYS_OVERDUE.find(milestone).orElse(0));
    model.put("agency", String.join("、", WorkVariables.RESPONSIBLE_GROUPS.get(milestone).stream()
        .map(agency -> agencies.find(agency).map(Agency::name).orElse(agency)).toList()));
    return model;
  }
}
