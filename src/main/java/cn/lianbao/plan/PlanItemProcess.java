package cn.lianbao.plan;

import cn.lianbao.process.ProcessVariable;
import java.util.List;

/** Descriptor of {@code processes/plan-item.bpmn} (计划事项), business key {@code <year>-<item no>}. */
public final class PlanItemProcess {

  public static final String KEY = "plan-item";
  public static final String RESOURCE = "processes/" + KEY + ".bpmn";

  /** Element ids of the diagram. */
  public static final class Elements {
    public static final String OPEN_ITEM = "serviceTask_openItem";
    public static final String RUN_MILESTONE = "callActivity_runMilestone";
    public static final String END = "endEvent_itemDelivered";

    private Elements() {}
  }

  /** Set on start: the item's milestone parts, one plan-milestone instance each. */
  public static final ProcessVariable<List<String>> PART_IDS = ProcessVariable.stringList("partIds");

  private PlanItemProcess() {}

  public static String businessKey(int year, String itemNo) {
    return year + "-" + itemNo;
  }
}
