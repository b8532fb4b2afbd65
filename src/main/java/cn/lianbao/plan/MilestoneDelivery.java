package cn.lianbao.plan;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The one implementation of every kind of work's message throw event 报告节点完成
 * ({@code throwEvent_milestoneDelivered}, {@code camunda:asyncBefore}): it tells the milestone named in
 * the work order ({@link WorkVariables#MILESTONE_INSTANCE_ID}) that the work has met it, by the message
 * {@link PlanMilestoneProcess#DELIVERED_MESSAGE}. The milestone decides what that means
 * ({@link MilestoneState#recordDelivery}); the work never touches the milestone's variables or tasks.
 *
 * <p>Work run on its own (no milestone in its order) stands for its own milestone and records the
 * delivery on itself, once.
 */
@Component("milestoneDelivery")
public class MilestoneDelivery implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    Optional<String> milestone = WorkVariables.MILESTONE_INSTANCE_ID.find(execution);
    if (milestone.isPresent()) {
      execution.getProcessEngineServices().getRuntimeService()
          .createMessageCorrelation(PlanMilestoneProcess.DELIVERED_MESSAGE)
          .processInstanceId(milestone.get())
          .correlate();
      return;
    }
    if (!PlanMilestoneProcess.DELIVERED.find(execution).orElse(false)) {
      PlanMilestoneProcess.DELIVERED.set(execution.getProcessInstance(), true);
      PlanMilestoneProcess.DELIVERED_AT.set(execution.getProcessInstance(), ClockUtil.getCurrentTime());
    }
  }
}
