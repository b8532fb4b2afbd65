package cn.lianbao.hyacinth;

import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.ProcessVariable;

/**
 * Descriptor of {@code processes/event-campaign.bpmn} (示范区重大活动保障水葫芦专项行动), business key
 * {@code <year>-<item no>-event-<n>}: a supervisor names a major event of the demonstration zone in a
 * started plan year, and the process starts a milestone of item 11 (the hyacinth campaign,
 * {@link HyacinthCampaignProcess}) due the eve of the event, outside the plan file. The start is
 * checked by {@link EventCampaignStart}.
 */
public final class EventCampaignProcess {

  public static final String KEY = "event-campaign";
  public static final String RESOURCE = "processes/" + KEY + ".bpmn";
  public static final String START_FORM = "forms/" + KEY + "-start.html";

  /** Element ids of the diagram. */
  public static final class Elements {
    public static final String START = "startEvent_campaignRequested";
    public static final String PREPARE = "serviceTask_prepareCampaign";
    public static final String RUN_MILESTONE = "callActivity_runMilestone";
    public static final String END = "endEvent_campaignEnded";

    private Elements() {}
  }

  /** Longest event name accepted. */
  public static final int EVENT_NAME_MAX_LENGTH = 60;

  // The start form.

  /** The plan year the event falls in (a started year). */
  public static final ProcessVariable<Integer> YEAR = WorkVariables.YEAR;
  /** The event's name, e.g. 长三角一体化发展高层论坛. */
  public static final ProcessVariable<String> EVENT_NAME = ProcessVariable.of("eventName", String.class);
  /** The event's first day, {@code yyyy-MM-dd}. */
  public static final ProcessVariable<String> EVENT_DATE = ProcessVariable.of("eventDate", String.class);
  /** The user who started the campaign (camunda:initiator). */
  public static final ProcessVariable<String> STARTER = ProcessVariable.of("campaignStarter", String.class);

  // Set by the start check: the milestone's business key and its work order (WorkVariables).

  public static final ProcessVariable<String> MILESTONE_KEY = ProcessVariable.of("milestoneKey", String.class);
  /** How the earlier steps' deadlines were chosen, in Chinese (recorded on the campaign). */
  public static final ProcessVariable<String> STEP_DEADLINES_NOTE = ProcessVariable.of("stepDeadlinesNote", String.class);

  private EventCampaignProcess() {}
}
