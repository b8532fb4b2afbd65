package cn.lianbao.plan;

import cn.lianbao.process.ProcessVariable;
import java.util.List;

/** Descriptor of {@code processes/annual-plan.bpmn} (年度联保工作计划), business key: the year. */
public final class AnnualPlanProcess {

  public static final String KEY = "annual-plan";
  public static final String RESOURCE = "processes/" + KEY + ".bpmn";
  public static final String START_FORM = "forms/annual-plan-start.html";

  /** Element ids of the diagram. */
  public static final class Elements {
    public static final String START = "startEvent_planStarted";
    public static final String REGISTER = "serviceTask_registerPlan";
    public static final String RUN_ITEM = "callActivity_runItem";
    public static final String END = "endEvent_planCompleted";

    private Elements() {}
  }

  /** Start variables: which plan file, and the calendar year whose quarters give the deadlines. */
  public static final ProcessVariable<String> PLAN_ID = WorkVariables.PLAN_ID;
  public static final ProcessVariable<Integer> YEAR = WorkVariables.YEAR;
  /** Set on start: the numbers of the plan's items, one plan-item instance each. */
  public static final ProcessVariable<List<String>> ITEM_NOS = ProcessVariable.stringList("itemNos");
  /** The user who started the plan (camunda:initiator). */
  public static final ProcessVariable<String> STARTER = ProcessVariable.of("planStarter", String.class);

  private AnnualPlanProcess() {}
}
