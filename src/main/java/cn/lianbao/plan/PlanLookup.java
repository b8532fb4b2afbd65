package cn.lianbao.plan;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Finds the plan, item and milestone part that a process instance works on, from its variables. */
final class PlanLookup {

  private PlanLookup() {}

  static PlanItem item(PlanCatalog plans, VariableScope scope) {
    Plan plan = plans.get(WorkVariables.PLAN_ID.get(scope));
    String no = WorkVariables.ITEM_NO.get(scope);
    return plan.item(no).orElseThrow(() -> new IllegalStateException("plan " + plan.id() + " has no item " + no));
  }

  static MilestonePart part(PlanCatalog plans, VariableScope scope) {
    return item(plans, scope).part(WorkVariables.PART_ID.get(scope));
  }
}
