package cn.lianbao.rectification;

import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.ProcessVariable;
import org.camunda.bpm.engine.variable.value.FileValue;

/**
 * Descriptor of {@code processes/rectification-report.bpmn} (问题清单及整改报告, item 1's
 * "建立问题清单，及时落实整改，并形成整改报告"): the responsible agencies see the year's problem list
 * of their item, every problem found by the item's joint patrols of that plan year with who
 * rectifies it, by when and how far it got ({@link ProblemList}), and upload the rectification
 * report, which meets the milestone. The report is refused while a problem of the list is not yet
 * rectified and verified. It receives the {@link WorkVariables}.
 */
public final class RectificationReportProcess {

  public static final String KEY = "rectification-report";
  public static final String RESOURCE = "processes/" + KEY + ".bpmn";
  public static final String FORM_REPORT = "forms/" + KEY + ".html";

  /** Element ids of the diagram. */
  public static final class Elements {
    public static final String START = "startEvent_reportOpened";
    public static final String WRITE_REPORT = "userTask_writeRectificationReport";
    public static final String REPORT_DELIVERY = "throwEvent_milestoneDelivered";
    public static final String END = "endEvent_reportDelivered";

    private Elements() {}
  }

  // set by ProblemList when the report task is created, claimed and completed
  /**
   * The year's problem list, JSON {@code [{"patrol":"完成第一次共同巡河","patrolDay":"2021-05-20","no":1,
   * "problem":"…","agencyName":"青浦区人民政府","rectifyBy":"2021-09-30","measures":"…","status":"…",
   * "closed":true}]}; "[]" when the patrols found nothing.
   */
  public static final ProcessVariable<String> PROBLEM_LIST = ProcessVariable.of("problemList", String.class);
  /** How many problems of the list are not yet rectified and verified. */
  public static final ProcessVariable<Integer> OPEN_PROBLEMS = ProcessVariable.of("openProblems", Integer.class);
  /** The item's joint patrols of the year not yet recorded (their problems are not known yet). */
  public static final ProcessVariable<Integer> PATROLS_NOT_RECORDED =
      ProcessVariable.of("patrolsNotRecorded", Integer.class);

  // userTask_writeRectificationReport (the responsible agencies)
  public static final ProcessVariable<FileValue> RECTIFICATION_REPORT =
      ProcessVariable.of("rectificationReport", FileValue.class);
  public static final ProcessVariable<String> RECTIFICATION_SUMMARY =
      ProcessVariable.of("rectificationSummary", String.class);

  private RectificationReportProcess() {}
}
