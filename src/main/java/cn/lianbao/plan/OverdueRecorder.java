package cn.lianbao.plan;

import cn.lianbao.calendar.PlanCalendar;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records a milestone overdue when its deadline passed undelivered ({@code overdue=true}, kept in
 * the variable history). The work stays open: nothing is cancelled.
 */
@Component("overdueRecorder")
public class OverdueRecorder implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(OverdueRecorder.class);

  private final PlanCalendar calendar;

  public OverdueRecorder(PlanCalendar calendar) {
    this.calendar = calendar;
  }

  @Override
  public void execute(DelegateExecution execution) {
    WorkVariables.OVERDUE.set(execution, true);
    WorkVariables.DAYS_OVERDUE.set(execution,
        calendar.daysLate(WorkVariables.DEADLINE.get(execution), ClockUtil.getCurrentTime()));
    LOG.info("Milestone {} is overdue (deadline {})", execution.getProcessBusinessKey(),
        WorkVariables.DEADLINE.get(execution));
  }
}
