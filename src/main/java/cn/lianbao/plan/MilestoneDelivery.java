package cn.lianbao.plan;

import cn.lianbao.calendar.PlanCalendar;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Marks the milestone met, at the point of the work where the plan says it is (a patrol is met when
 * recorded, a document when signed off). Sets {@code delivered}, {@code deliveredAt} and
 * {@code daysOverdue} on the calling milestone ({@code plan-milestone}), or on the work process
 * itself when it runs alone. A second delivery changes nothing.
 */
@Component("milestoneDelivery")
public class MilestoneDelivery implements JavaDelegate {

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
  }

  /** The call activity's execution in plan-milestone, or the work process when it has no caller. */
  static VariableScope milestoneOf(DelegateExecution execution) {
    DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
    return caller != null ? caller : execution.getProcessInstance();
  }
}
