package cn.lianbao.guidance;

import cn.lianbao.process.ProcessVariable;
import java.util.List;

/**
 * The guiding agencies' part of a milestone (指导单位阅知), the subprocess {@link Elements#GUIDANCE} of
 * {@code processes/plan-milestone.bpmn}: when the milestone's work opens, each guiding agency of its
 * item ({@code roles.guiding}) gets one task, 指导参会 for a meeting and 指导阅知 for everything else,
 * with an optional opinion. The tasks have no due or follow-up date, are never reminded of nor
 * escalated, and do not count as open or overdue work (the late agencies are read from the work's
 * tasks, not the milestone's own); delivering the milestone closes those still open (the
 * conditional boundary event on {@code delivered}), the opinions already given stay in the history.
 */
public final class Guidance {

  /** Element ids of the guidance in plan-milestone.bpmn. */
  public static final class Elements {
    public static final String WORK_AND_GUIDANCE = "parallelGateway_workAndGuidance";
    public static final String GUIDANCE = "subProcess_guidance";
    public static final String KIND = "exclusiveGateway_guidanceKind";
    public static final String GUIDE_MEETING = "userTask_guideMeeting";
    public static final String GUIDE_READ = "userTask_guideRead";
    public static final String CLOSED_BY_DELIVERY = "boundary_guidanceDelivered";
    public static final String GUIDANCE_CLOSED = "endEvent_guidanceClosed";

    private Elements() {}
  }

  /** The guiding agencies' tasks: without dates, never open or overdue work. */
  public static final List<String> TASKS = List.of(Elements.GUIDE_MEETING, Elements.GUIDE_READ);

  /** The guiding agency of one task (the multi-instance's element variable). */
  public static final ProcessVariable<String> GUIDING_AGENCY = ProcessVariable.of("guidingAgency", String.class);

  /** The optional opinion, local to one guiding agency's task and kept in the history. */
  public static final ProcessVariable<String> OPINION = ProcessVariable.of("guidanceOpinion", String.class);

  private Guidance() {}
}
