package cn.lianbao.plan;

import cn.lianbao.calendar.PlanCalendar;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Marks the milestone met, at the point of the work where the plan says it is (a patrol is met when
 * recorded, a document when signed off). Sets {@code delivered}, {@code deliveredAt} and
 * {@code daysOverdue} on the calling milestone ({@code plan-milestone}), or on the work process
 * itself when it runs alone. A second delivery changes nothing. Delivery ends the milestone's
 * escalation, if one runs.
 */
@Component("milestoneDelivery")
public class MilestoneDelivery implements JavaDelegate {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final PlanCalendar calendar;

  public MilestoneDelivery(PlanCalendar calendar) {
    this.calendar = calendar;
  }

  @Override
  public void execute(DelegateExecution execution) {
    VariableScope milestone = milestoneOf(execution);
    if (WorkVariables.DELIVERED.find(milestone).orElse(false)) {
      return;
    }
    Date now = ClockUtil.getCurrentTime();
    WorkVariables.DELIVERED.set(milestone, true);
    WorkVariables.DELIVERED_AT.set(milestone, now);
    WorkVariables.DAYS_OVERDUE.set(milestone,
        WorkVariables.DEADLINE.find(milestone).map(deadline -> calendar.daysLate(deadline, now)).orElse(0));
    if (milestone instanceof DelegateExecution caller) {
      endEscalation(execution.getProcessEngineServices(), caller.getProcessInstanceId(), now);
    }
  }

  /**
   * A running escalation of the milestone ends: every open supervision task gets a note that the
   * case is closed, and the message interrupts the ladder (its closing step records the lateness).
   */
  private void endEscalation(ProcessEngineServices engine, String milestoneInstanceId, Date now) {
    boolean escalating = engine.getRuntimeService().createEventSubscriptionQuery()
        .processInstanceId(milestoneInstanceId).eventName(PlanMilestoneProcess.DELIVERED_MESSAGE).count() > 0;
    if (!escalating) {
      return;
    }
    String note = "节点已于 " + calendar.dayOf(now).format(DAY) + " 交付，本督办事项自动关闭。";
    for (Task open : engine.getTaskService().createTaskQuery().processInstanceId(milestoneInstanceId).list()) {
      engine.getTaskService().createComment(open.getId(), milestoneInstanceId, note);
    }
    engine.getRuntimeService().createMessageCorrelation(PlanMilestoneProcess.DELIVERED_MESSAGE)
        .processInstanceId(milestoneInstanceId).correlate();
  }

  /** The call activity's execution in plan-milestone, or the work process when it has no caller. */
  static VariableScope milestoneOf(DelegateExecution execution) {
    DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
    return caller != null ? caller : execution.getProcessInstance();
  }
}
