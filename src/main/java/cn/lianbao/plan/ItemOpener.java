package cn.lianbao.plan;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Lists an item's milestone parts when the item starts; each becomes a plan-milestone instance. */
@Component("itemOpener")
public class ItemOpener implements JavaDelegate {

  private final PlanCatalog plans;

  public ItemOpener(PlanCatalog plans) {
    this.plans = plans;
  }

  @Override
  public void execute(DelegateExecution execution) {
    PlanItem item = PlanLookup.item(plans, execution);
    PlanItemProcess.PART_IDS.set(execution, item.parts().stream().map(MilestonePart::id).toList());
    WorkVariables.ITEM_GROUPS.set(execution, item.roles().all());
    RecordKeeping.shareInstance(execution);
  }
}
