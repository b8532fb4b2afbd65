package cn.lianbao.plan;

import cn.lianbao.process.ProcessVariable;

/**
 * Descriptor of {@code processes/plan-milestone.bpmn} (工作节点), business key
 * {@code <year>-<item no>-<part id>}: one milestone, or one agency's part of it, with its deadline
 * timer; it calls the kind of work and records the milestone overdue when the deadline passes first.
 * Its variables are those of {@link WorkVariables}, plus the kind of work.
 */
public final class PlanMilestoneProcess {

  public static final String KEY = "plan-milestone";
  public static final String RESOURCE = "processes/" + KEY + ".bpmn";

  /** Element ids of the diagram. */
  public static final class Elements {
    public static final String OPEN_MILESTONE = "serviceTask_openMilestone";
    public static final String DO_WORK = "callActivity_doWork";
    public static final String DEADLINE = "boundary_milestoneOverdue";
    public static final String RECORD_OVERDUE = "serviceTask_recordOverdue";
    public static final String WORK_COMPLETED = "endEvent_workCompleted";
    public static final String MET_IN_TIME = "endEvent_metInTime";
    public static final String OVERDUE_RECORDED = "endEvent_overdueRecorded";

    private Elements() {}
  }

  /** The message by which delivery ends a running escalation (boundary event of the ladder). */
  public static final String DELIVERED_MESSAGE = "milestoneDelivered";

  /** The key of the process that does the work (joint-patrol, outcome-document, …). */
  public static final ProcessVariable<String> WORK_KIND = ProcessVariable.of("workKind", String.class);
  /** Escalation level reached (0 none; the escalation ladder raises it). */
  public static final ProcessVariable<Integer> ESCALATION_LEVEL = ProcessVariable.of("escalationLevel", Integer.class);

  private PlanMilestoneProcess() {}
}
