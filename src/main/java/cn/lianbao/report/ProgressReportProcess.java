package cn.lianbao.report;

import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.ProcessVariable;
import org.camunda.bpm.engine.variable.value.FileValue;

/**
 * Descriptor of {@code processes/progress-report.bpmn} (季度进展报告): the responsible agency reports
 * how an ongoing item goes at the end of a quarter, with an optional document; the report meets
 * the milestone. It receives the {@link WorkVariables}: the task goes to {@code responsibleGroups},
 * due at {@code deadline} with {@code followUp}.
 */
public final class ProgressReportProcess {

  public static final String KEY = "progress-report";
  public static final String RESOURCE = "processes/" + KEY + ".bpmn";
  public static final String FORM = "forms/" + KEY + ".html";

  /** Element ids of the diagram. */
  public static final class Elements {
    public static final String START = "startEvent_reportDue";
    public static final String SUBMIT_REPORT = "userTask_submitProgressReport";
    public static final String REPORT_DELIVERY = "throwEvent_milestoneDelivered";
    public static final String END = "endEvent_reportSubmitted";

    private Elements() {}
  }

  /** Form variables. */
  public static final ProcessVariable<String> SUMMARY = ProcessVariable.of("progressSummary", String.class);
  public static final ProcessVariable<FileValue> ATTACHMENT = ProcessVariable.of("progressAttachment", FileValue.class);

  private ProgressReportProcess() {}
}
