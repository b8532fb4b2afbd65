package cn.lianbao.plan;

import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger LOG = LoggerFactory.getLogger(MilestoneDelivery.class);

  private final MilestoneState state;

  public MilestoneDelivery(MilestoneState state) {
    this.state = state;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    Optional<String> milestone = WorkVariables.MILESTONE_INSTANCE_ID.find(execution);
    if (milestone.isPresent()) {
      runtime.createMessageCorrelation(PlanMilestoneProcess.DELIVERED_MESSAGE).processInstanceId(milestone.get())
          .correlate();
      return;
    }
    // work started by a milestone of an earlier version, whose order named no milestone: its caller, if it listens
    ProcessInstance caller = runtime.createProcessInstanceQuery().subProcessInstanceId(execution.getProcessInstanceId())
        .singleResult();
    if (caller != null && runtime.createEventSubscriptionQuery().processInstanceId(caller.getId())
        .eventName(PlanMilestoneProcess.DELIVERED_MESSAGE).count() > 0) {
      runtime.createMessageCorrelation(PlanMilestoneProcess.DELIVERED_MESSAGE).processInstanceId(caller.getId())
          .correlate();
      return;
    }
    if (caller != null) {
      LOG.warn("Work {} reports delivery to milestone {} of an earlier version, which does not listen; "
          + "recorded on the work only", execution.getProcessInstanceId(), caller.getId());
    }
    state.recordDeliveryOfWorkAlone(execution.getProcessInstance());
  }
}
