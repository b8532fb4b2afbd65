package cn.lianbao.report;

import cn.lianbao.process.ProcessVariable;
import org.camunda.bpm.engine.variable.value.FileValue;

/**
 * Descriptor of {@code processes/progress-report.bpmn} (季度进展报告): an agency reports how an
 * ongoing item goes at the end of a quarter, with an optional document.
 */
public final class ProgressReportProcess {

  public static final String KEY = "progress-report";
  public static final String RESOURCE = "processes/" + KEY + ".bpmn";
  public static final String FORM = "forms/" + KEY + ".html";

  /** Element ids of the diagram. */
  public static final class Elements {
    public static final String START = "startEvent_reportDue";
    public static final String SUBMIT_REPORT = "userTask_submitProgressReport";
    public static final String END = "endEvent_reportSubmitted";

    private Elements() {}
  }

  /** Start variables. */
  public static final ProcessVariable<String> AGENCY = ProcessVariable.of("agencyId", String.class);
  public static final ProcessVariable<String> ITEM_TITLE = ProcessVariable.of("itemTitle", String.class);
  public static final ProcessVariable<Integer> YEAR = ProcessVariable.of("year", Integer.class);
  public static final ProcessVariable<Integer> QUARTER = ProcessVariable.of("quarter", Integer.class);

  /** Form variables. */
  public static final ProcessVariable<String> SUMMARY = ProcessVariable.of("progressSummary", String.class);
  public static final ProcessVariable<FileValue> ATTACHMENT = ProcessVariable.of("progressAttachment", FileValue.class);

  private ProgressReportProcess() {}
}
