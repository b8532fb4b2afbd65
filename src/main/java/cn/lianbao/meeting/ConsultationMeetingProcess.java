package cn.lianbao.meeting;

import cn.lianbao.process.AgencyAnswers;
import cn.lianbao.process.ProcessVariable;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.value.FileValue;

/**
 * Descriptor of {@code processes/consultation-meeting.bpmn} (协商会议): the lead convenes a meeting,
 * every other agency of the item confirms its attendance and submits its views, and the lead records
 * the meeting with its minutes, which meets the milestone. Used for the joint river-chief
 * consultation meetings, the annual summary meeting of item 1 and the seminar of item 7.
 *
 * <p>The agencies' answers stay in their own instance of the per-agency task (local variables of the
 * multi-instance); {@link MeetingInputCollector} gathers them into {@link #INPUTS} for the lead.
 * Files are read with {@code getVariableTyped}, never with {@link ProcessVariable#get}.
 */
public final class ConsultationMeetingProcess {

  public static final String KEY = "consultation-meeting";
  public static final String RESOURCE = "processes/" + KEY + ".bpmn";
  public static final String CONVENE_FORM = "forms/" + KEY + "-convene.html";
  public static final String INPUT_FORM = "forms/" + KEY + "-input.html";
  public static final String MINUTES_FORM = "forms/" + KEY + "-minutes.html";

  /** Element ids of the diagram. */
  public static final class Elements {
    public static final String START = "startEvent_meetingRequired";
    public static final String CONVENE_MEETING = "userTask_conveneMeeting";
    public static final String SUBMIT_MEETING_INPUT = "userTask_submitMeetingInput";
    public static final String RECORD_MINUTES = "userTask_recordMinutes";
    public static final String REPORT_DELIVERY = "throwEvent_milestoneDelivered";
    public static final String END = "endEvent_meetingHeld";

    private Elements() {}
  }

  /** The lead convenes (forms/consultation-meeting-convene.html). */
  public static final ProcessVariable<String> MEETING_DAY = ProcessVariable.of("meetingDay", String.class);
  public static final ProcessVariable<String> MEETING_PLACE = ProcessVariable.of("meetingPlace", String.class);
  public static final ProcessVariable<String> MEETING_TOPICS = ProcessVariable.of("meetingTopics", String.class);
  public static final ProcessVariable<FileValue> MEETING_NOTICE = ProcessVariable.of("meetingNotice", FileValue.class);

  /** Each other agency answers (forms/consultation-meeting-input.html), local to its task instance. */
  public static final ProcessVariable<String> AGENCY_ATTENDEES = ProcessVariable.of("agencyAttendees", String.class);
  public static final ProcessVariable<String> AGENCY_VIEWS = ProcessVariable.of("agencyViews", String.class);
  public static final ProcessVariable<FileValue> AGENCY_MATERIAL = ProcessVariable.of("agencyMaterial", FileValue.class);

  /**
   * The agencies' answers, in the order they came, one entry per agency (see {@link AgencyAnswers}):
   * {@code agencyGroup}, {@code agencyName}, {@code agencyAttendees}, {@code agencyViews} and, when
   * it sent material, {@code agencyMaterial} (the file name) and {@code agencyMaterialVariable} (the
   * process variable {@code agencyMaterial_<agencyGroup>} that keeps it). Stored as JSON on the
   * process instance.
   */
  public static final ProcessVariable<List<Map<String, Object>>> INPUTS = ProcessVariable.mapList("meetingInputs");

  /** The lead records the meeting (forms/consultation-meeting-minutes.html). */
  public static final ProcessVariable<String> HELD_ON = ProcessVariable.of("meetingHeldOn", String.class);
  public static final ProcessVariable<String> ATTENDEES = ProcessVariable.of("meetingAttendees", String.class);
  public static final ProcessVariable<String> DECISIONS = ProcessVariable.of("meetingDecisions", String.class);
  public static final ProcessVariable<FileValue> MINUTES = ProcessVariable.of("meetingMinutes", FileValue.class);

  /**
   * Local to the minutes task: whether the meeting is one that also records the coordination
   * meeting held with it (the milestone's {@code coordinationMeeting} in the plan, item 1's annual
   * summary meeting); set when the task is created ({@link CoordinationMeetingCheck#mark}), the form
   * shows the fields below only then.
   */
  public static final ProcessVariable<Boolean> COORDINATION_MEETING =
      ProcessVariable.of("coordinationMeeting", Boolean.class);
  /** 是否需要召开协调会议. */
  public static final ProcessVariable<Boolean> COORDINATION_NEEDED = ProcessVariable.of("coordinationNeeded", Boolean.class);
  /** 是否已同步召开. */
  public static final ProcessVariable<Boolean> COORDINATION_HELD = ProcessVariable.of("coordinationHeld", Boolean.class);
  /** Why a needed coordination meeting was not held with the summary meeting. */
  public static final ProcessVariable<String> COORDINATION_REASON = ProcessVariable.of("coordinationReason", String.class);
  /** 协调会议纪要: required when one was held. */
  public static final ProcessVariable<FileValue> COORDINATION_MINUTES =
      ProcessVariable.of("coordinationMinutes", FileValue.class);

  private ConsultationMeetingProcess() {}
}
