package cn.lianbao.escalation;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.agency.AgencyDirectory;
import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.guidance.Guidance;
import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The rules of the escalation ladder, in one place: when each level is due, who it reaches, which
 * days the leaders and supervisors may give, and how a committed day postpones level 2. Every date
 * comes from the {@link PlanCalendar} and the engine clock; the figures from {@link EscalationProperties}.
 */
@Component
public class EscalationRules {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final PlanCalendar calendar;
  private final AgencyCatalog agencies;
  private final EscalationProperties figures;

  public EscalationRules(PlanCalendar calendar, AgencyCatalog agencies, EscalationProperties figures) {
    this.calendar = calendar;
    this.agencies = agencies;
    this.figures = figures;
  }

  /** Level 2 is due this many days after the deadline (before any committed day postpones it). */
  public Date level2Due(Date deadline) {
    return calendar.endOfDay(calendar.dayOf(deadline).plusDays(figures.level2AfterDays()));
  }

  /** When the supervisors' task is due, counted from today. */
  public Date superviseDue() {
    return calendar.endOfDay(today().plusDays(figures.superviseDays()));
  }

  /** When the returned case's task is due, counted from the final day. */
  public Date superviseAgainDue(Date finalDue) {
    return calendar.endOfDay(calendar.dayOf(finalDue).plusDays(figures.superviseDays()));
  }

  /** The groups of level 2: the supervisors and the guiding agencies' leaders. */
  public List<String> level2Groups(VariableScope milestone) {
    List<String> groups = new ArrayList<>();
    groups.add(AgencyDirectory.SUPERVISORS);
    WorkVariables.GUIDING_GROUPS.find(milestone).orElse(List.of())
        .forEach(agency -> groups.add(agency + Agency.LEADERS_SUFFIX));
    return groups;
  }

  /** The leaders' groups of the agencies. */
  public List<String> leaders(List<String> agencyIds) {
    return agencyIds.stream().map(agency -> agency + Agency.LEADERS_SUFFIX).toList();
  }

  /**
   * A day a leader commits to, or the supervisors set, must lie after today; parsed from the form's
   * {@code yyyy-MM-dd}, refused in Chinese naming the field otherwise.
   */
  public LocalDate dayAhead(String field, String label, String value) {
    LocalDate day = LocalDate.parse(value.strip());
    LocalDate today = today();
    if (!day.isAfter(today)) {
      throw new InvalidInputException(field, "字段 " + field + "（" + label + "）应晚于今天（" + today.format(DAY)
          + "），收到 " + day.format(DAY));
    }
    return day;
  }

  /**
   * A committed day given while level 2 has not fired and later than it postpones level 2 to that
   * day's end: the variable the diagram's timer reads, the timer re-armed by the engine from it, and
   * the due dates of every open 督办单 of the milestone. After level 2 fired nothing moves.
   *
   * @return whether level 2 moved
   */
  public boolean postponeLevel2(DelegateExecution milestone, LocalDate committed) {
    if (PlanMilestoneProcess.ESCALATION_LEVEL.find(milestone).orElse(0) != 1) {
      return false;
    }
    Date committedEnd = calendar.endOfDay(committed);
    if (!committedEnd.after(Escalation.LEVEL2_DUE.get(milestone))) {
      return false;
    }
    ProcessEngineServices engine = milestone.getProcessEngineServices();
    ManagementService management = engine.getManagementService();
    Job level2 = management.createJobQuery().processInstanceId(milestone.getProcessInstanceId())
        .activityId(Escalation.Elements.LEVEL2_DUE).singleResult();
    if (level2 == null) {
      return false;
    }
    Escalation.LEVEL2_DUE.set(milestone.getProcessInstance(), committedEnd);
    management.recalculateJobDuedate(level2.getId(), false);
    TaskService tasks = engine.getTaskService();
    for (Task open : tasks.createTaskQuery().processInstanceId(milestone.getProcessInstanceId())
        .taskDefinitionKey(Escalation.Elements.EXPLAIN_DELAY).list()) {
      open.setDueDate(committedEnd);
      open.setFollowUpDate(committedEnd);
      tasks.saveTask(open);
    }
    return true;
  }

  /**
   * The agencies late with the milestone: those holding an open task of its work (tasks of the
   * instances that share the milestone's business key, read, never changed); the responsible
   * agencies when none is open. In the catalogue's order.
   */
  public List<String> lateAgencies(DelegateExecution milestone) {
    TaskService tasks = milestone.getProcessEngineServices().getTaskService();
    Set<String> holding = new LinkedHashSet<>();
    for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(milestone.getProcessBusinessKey()).list()) {
      if (task.getProcessInstanceId().equals(milestone.getProcessInstanceId())
          || Guidance.TASKS.contains(task.getTaskDefinitionKey())) {
        // the milestone's own tasks, and the guiding agencies' tasks wherever they are, are no work late
        continue;
      }
      for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
        if (IdentityLinkType.CANDIDATE.equals(link.getType()) && agencies.contains(link.getGroupId())) {
          holding.add(link.getGroupId());
        }
      }
    }
    if (holding.isEmpty()) {
      holding.addAll(WorkVariables.RESPONSIBLE_GROUPS.get(milestone));
    }
    List<String> order = agencies.all().stream().map(Agency::id).toList();
    return holding.stream().sorted(Comparator.comparingInt(order::indexOf)).toList();
  }

  /** The end of a day the supervisors give. */
  public Date endOfDay(LocalDate day) {
    return calendar.endOfDay(day);
  }

  private LocalDate today() {
    return calendar.dayOf(ClockUtil.getCurrentTime());
  }
}
