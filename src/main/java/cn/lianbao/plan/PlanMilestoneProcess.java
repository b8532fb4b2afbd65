package cn.lianbao.plan;

import cn.lianbao.process.ProcessVariable;
import java.util.Date;

/**
 * Descriptor of {@code processes/plan-milestone.bpmn} (工作节点), business key
 * {@code <year>-<item no>-<part id>}: one milestone, or one agency's part of it. It opens the
 * milestone's work order ({@link WorkVariables}), calls the kind of work with it, keeps the deadline
 * and the escalation ladder, and owns the milestone's state: the variables below are written only
 * by its own steps ({@link MilestoneState}, the ladder), never by the work it calls. The work
 * reports delivery with the message {@link #DELIVERED_MESSAGE}, which the event subprocess
 * {@link Elements#DELIVERY_RECEIVED} takes from the milestone's start to its end.
 */
public final class PlanMilestoneProcess {

  public static final String KEY = "plan-milestone";
  public static final String RESOURCE = "processes/" + KEY + ".bpmn";

  /** Element ids of the diagram (the ladder's are in {@code Escalation.Elements}). */
  public static final class Elements {
    public static final String OPEN_MILESTONE = "serviceTask_openMilestone";
    public static final String OPENS_LATER = "exclusiveGateway_opensLater";
    public static final String MILESTONE_OPENS = "intermediateEvent_milestoneOpens";
    public static final String DO_WORK = "callActivity_doWork";
    public static final String DEADLINE = "boundary_milestoneOverdue";
    public static final String DELIVERED_GATEWAY = "exclusiveGateway_delivered";
    public static final String RECORD_OVERDUE = "serviceTask_recordOverdue";
    public static final String WORK_COMPLETED = "endEvent_workCompleted";
    public static final String MET_IN_TIME = "endEvent_metInTime";
    public static final String DELIVERY_RECEIVED = "subProcess_deliveryReceived";
    public static final String DELIVERY_START = "startEvent_deliveryReceived";
    public static final String RECORD_DELIVERY = "serviceTask_recordDelivery";
    public static final String DELIVERY_RECORDED = "endEvent_deliveryRecorded";

    private Elements() {}
  }

  /** The message by which a kind of work reports that the milestone is met. */
  public static final String DELIVERED_MESSAGE = "milestoneDelivered";

  /** When the milestone's work opens: its quarter's start for quarterly reports, else when it was started. */
  public static final ProcessVariable<Date> OPENS_AT = ProcessVariable.of("opensAt", Date.class);

  /** Whether the milestone waits for {@link #OPENS_AT} before its work begins (the gateway 尚未开放？ reads it). */
  public static final ProcessVariable<Boolean> OPENS_LATER = ProcessVariable.of("opensLater", Boolean.class);

  /** The key of the process that does the work (joint-patrol, outcome-document, …). */
  public static final ProcessVariable<String> WORK_KIND = ProcessVariable.of("workKind", String.class);

  // The milestone's state, written only by plan-milestone's own steps.

  /** Whether the milestone is met: set by the first delivery report. */
  public static final ProcessVariable<Boolean> DELIVERED = ProcessVariable.of("delivered", Boolean.class);
  /** When the first delivery report arrived. */
  public static final ProcessVariable<Date> DELIVERED_AT = ProcessVariable.of("deliveredAt", Date.class);
  /** Set when the deadline passed with the milestone undelivered. */
  public static final ProcessVariable<Boolean> OVERDUE = ProcessVariable.of("overdue", Boolean.class);
  /** Whole days past the deadline, as of the delivery or the last escalation step. */
  public static final ProcessVariable<Integer> DAYS_OVERDUE = ProcessVariable.of("daysOverdue", Integer.class);
  /** Escalation level reached (0 none, 1 the late agencies' leaders, 2 the supervisors). */
  public static final ProcessVariable<Integer> ESCALATION_LEVEL = ProcessVariable.of("escalationLevel", Integer.class);
  /** Local to one delivery report: whether it was the first (later ones change nothing). */
  public static final ProcessVariable<Boolean> NEW_DELIVERY = ProcessVariable.of("newDelivery", Boolean.class);

  private PlanMilestoneProcess() {}
}
