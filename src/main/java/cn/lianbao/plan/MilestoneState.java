package cn.lianbao.plan;

import cn.lianbao.calendar.PlanCalendar;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The milestone's state ({@code delivered}, {@code deliveredAt}, {@code overdue}, {@code daysOverdue},
 * {@code escalationLevel}): opened, recorded overdue and recorded delivered here, by plan-milestone's
 * own steps ({@code ${milestoneState.recordDelivery(execution)}} …). Days overdue are counted in one
 * place, {@link #daysOverdue}, through the {@link PlanCalendar}.
 */
@Component("milestoneState")
public class MilestoneState {

  private static final Logger LOG = LoggerFactory.getLogger(MilestoneState.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final PlanCalendar calendar;

  public MilestoneState(PlanCalendar calendar) {
    this.calendar = calendar;
  }

  /** A milestone opens undelivered, not overdue, not escalated. */
  public void open(VariableScope milestone) {
    PlanMilestoneProcess.DELIVERED.set(milestone, false);
    PlanMilestoneProcess.OVERDUE.set(milestone, false);
    PlanMilestoneProcess.DAYS_OVERDUE.set(milestone, 0);
    PlanMilestoneProcess.ESCALATION_LEVEL.set(milestone, 0);
  }

  /** The deadline passed undelivered: overdue, kept in the variable history. The work stays open. */
  public void recordOverdue(DelegateExecution milestone) {
    PlanMilestoneProcess.OVERDUE.set(milestone, true);
    updateDaysOverdue(milestone);
    LOG.info("Milestone {} is overdue (deadline {})", milestone.getProcessBusinessKey(),
        WorkVariables.DEADLINE.get(milestone));
  }

  /**
   * A delivery report arrived. The first one meets the milestone (when, and how many days late);
   * open supervision tasks get a note that their case closes with it. Later reports change nothing.
   * Sets the report's local {@code newDelivery}, which the diagram's gateway reads.
   */
  public void recordDelivery(DelegateExecution report) {
    boolean first = !PlanMilestoneProcess.DELIVERED.find(report).orElse(false);
    report.setVariableLocal(PlanMilestoneProcess.NEW_DELIVERY.name(), first);
    if (!first) {
      LOG.info("Milestone {}: a further delivery report changes nothing", report.getProcessBusinessKey());
      return;
    }
    Date now = ClockUtil.getCurrentTime();
    if (PlanMilestoneProcess.ESCALATION_LEVEL.find(report).orElse(0) > 0) {
      String note = "节点已于 " + calendar.dayOf(now).format(DAY) + " 交付，本督办事项自动关闭。";
      var tasks = report.getProcessEngineServices().getTaskService();
      for (Task open : tasks.createTaskQuery().processInstanceId(report.getProcessInstanceId()).list()) {
        tasks.createComment(open.getId(), report.getProcessInstanceId(), note);
      }
    }
    PlanMilestoneProcess.DELIVERED_AT.set(report, now);
    updateDaysOverdue(report);
    // last: the ladder's conditional boundary event ends a running escalation on this change
    PlanMilestoneProcess.DELIVERED.set(report, true);
  }

  /**
   * Work run without a milestone stands for its own: its first report is recorded on itself, the
   * same way (when, and how many days after its {@code deadline}, if it has one).
   */
  public void recordDeliveryOfWorkAlone(VariableScope work) {
    if (PlanMilestoneProcess.DELIVERED.find(work).orElse(false)) {
      return;
    }
    PlanMilestoneProcess.DELIVERED.set(work, true);
    PlanMilestoneProcess.DELIVERED_AT.set(work, ClockUtil.getCurrentTime());
    if (WorkVariables.DEADLINE.find(work).isPresent()) {
      updateDaysOverdue(work);
    }
  }

  /** Recomputes {@code daysOverdue} as of the delivery, or now while undelivered. */
  public void updateDaysOverdue(VariableScope milestone) {
    PlanMilestoneProcess.DAYS_OVERDUE.set(milestone, daysOverdue(milestone));
  }

  /** Whole days from the deadline to the delivery, or to now while undelivered; 0 when in time. */
  public int daysOverdue(VariableScope milestone) {
    Date at = PlanMilestoneProcess.DELIVERED_AT.find(milestone).orElse(ClockUtil.getCurrentTime());
    return calendar.daysLate(WorkVariables.DEADLINE.get(milestone), at);
  }
}
