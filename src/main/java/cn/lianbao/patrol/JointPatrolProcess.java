package cn.lianbao.patrol;

import cn.lianbao.process.ProcessVariable;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.value.FileValue;

/**
 * Descriptor of {@code processes/joint-patrol.bpmn} (联合巡河): the lead fixes day, water body and
 * participants, each implementing agency confirms its participation, the lead records the patrol
 * with the problems found (the milestone is met), and every problem is rectified by the agency
 * responsible for it and verified by the lead, due by the milestone's {@code rectifyBy} day
 * ({@link cn.lianbao.plan.WorkVariables#OUTCOME_DEADLINE}). The year's problem list and
 * rectification report is a milestone of its own ({@code rectification-report}), which reads the
 * problems kept here.
 */
public final class JointPatrolProcess {

  public static final String KEY = "joint-patrol";
  public static final String RESOURCE = "processes/" + KEY + ".bpmn";

  /** The embedded forms, one per user task. */
  public static final class Forms {
    public static final String PLAN_PATROL = "forms/" + KEY + "-plan.html";
    public static final String CONFIRM_PARTICIPATION = "forms/" + KEY + "-confirm.html";
    public static final String RECORD_PATROL = "forms/" + KEY + "-record.html";
    public static final String RECTIFY_PROBLEM = "forms/" + KEY + "-rectify.html";
    public static final String VERIFY_RECTIFICATION = "forms/" + KEY + "-verify.html";

    private Forms() {}
  }

  /** Element ids of the diagram. */
  public static final class Elements {
    public static final String START = "startEvent_patrolStarted";
    public static final String PLAN_PATROL = "userTask_planPatrol";
    public static final String CONFIRM_PARTICIPATION = "userTask_confirmParticipation";
    public static final String RECORD_PATROL = "userTask_recordPatrol";
    public static final String REPORT_DELIVERY = "throwEvent_milestoneDelivered";
    public static final String PROBLEMS_FOUND = "exclusiveGateway_problemsFound";
    public static final String END_NO_PROBLEMS = "endEvent_noProblems";
    /** The embedded subprocess, one instance per problem. */
    public static final String RECTIFY_PROBLEMS = "subProcess_rectifyProblems";
    public static final String PROBLEM_START = "startEvent_problemToRectify";
    /** Joins the first rectification and the ones after a rejected verification. */
    public static final String RECTIFY_AGAIN = "exclusiveGateway_rectifyAgain";
    public static final String RECTIFY_PROBLEM = "userTask_rectifyProblem";
    public static final String VERIFY_RECTIFICATION = "userTask_verifyRectification";
    public static final String RECTIFICATION_ACCEPTED = "exclusiveGateway_rectificationAccepted";
    public static final String PROBLEM_CLOSED = "endEvent_problemClosed";
    public static final String END_RECTIFIED = "endEvent_rectified";

    private Elements() {}
  }

  // userTask_planPatrol (the lead)
  /** The planned day, {@code yyyy-MM-dd}. */
  public static final ProcessVariable<String> PLANNED_DAY = ProcessVariable.of("plannedPatrolDay", String.class);
  public static final ProcessVariable<String> PLANNED_WATER_BODY = ProcessVariable.of("plannedWaterBody", String.class);
  public static final ProcessVariable<String> PLANNED_PARTICIPANTS =
      ProcessVariable.of("plannedParticipants", String.class);

  // userTask_confirmParticipation (each implementing agency; kept on its own task instance)
  public static final ProcessVariable<String> AGENCY_PARTICIPANTS = ProcessVariable.of("agencyParticipants", String.class);
  public static final ProcessVariable<String> PARTICIPATION_NOTE = ProcessVariable.of("participationNote", String.class);

  // userTask_recordPatrol (the lead)
  /** The day the patrol took place, {@code yyyy-MM-dd}. */
  public static final ProcessVariable<String> PATROL_DAY = ProcessVariable.of("patrolDay", String.class);
  public static final ProcessVariable<String> PATROL_WATER_BODY = ProcessVariable.of("patrolWaterBody", String.class);
  public static final ProcessVariable<String> PATROL_PARTICIPANTS = ProcessVariable.of("patrolParticipants", String.class);
  /**
   * The problems found, as the record form's script writes them into its hidden field: JSON
   * {@code [{"agency":"qingpu-gov","problem":"…"}]}, "[]" for none; at most 4000 characters (a String
   * variable's column).
   */
  public static final ProcessVariable<String> FINDINGS = ProcessVariable.of("findings", String.class);
  public static final ProcessVariable<FileValue> PATROL_RECORD = ProcessVariable.of("patrolRecord", FileValue.class);
  public static final ProcessVariable<FileValue> PATROL_PHOTO = ProcessVariable.of("patrolPhoto", FileValue.class);
  /**
   * The agencies a finding can be given to, for the record form's choice: JSON
   * {@code [{"id":"qingpu-gov","name":"青浦区人民政府"}]}; set when the record task is created.
   */
  public static final ProcessVariable<String> AGENCY_CHOICES = ProcessVariable.of("agencyChoices", String.class);

  // set by PatrolFindings when the record is accepted
  /**
   * The validated findings: maps with {@link #NO} (1, 2, …), {@link #AGENCY} (its group id),
   * {@link #AGENCY_NAME} and {@link #PROBLEM}.
   */
  public static final ProcessVariable<List<Map<String, Object>>> PROBLEMS = ProcessVariable.mapList("problems");
  public static final ProcessVariable<Boolean> PROBLEMS_FOUND = ProcessVariable.of("problemsFound", Boolean.class);
  /** Keys of one problem. */
  public static final String AGENCY = "agency";
  public static final String AGENCY_NAME = "agencyName";
  public static final String PROBLEM = "problem";
  public static final String NO = "no";
  /** The element variable of the per-problem subprocess: one map of {@link #PROBLEMS}. */
  public static final String PROBLEM_ELEMENT = "problem";
  /** At most this many characters describe one problem. */
  public static final int PROBLEM_MAX_LENGTH = 500;

  // per problem (local to its subprocess instance)
  /** The problem's number ({@link #NO}), kept with its rectification for the year's problem list. */
  public static final ProcessVariable<Integer> PROBLEM_NO = ProcessVariable.of("problemNo", Integer.class);
  /** The problem's description and its agency's name, for the forms. */
  public static final ProcessVariable<String> PROBLEM_TEXT = ProcessVariable.of("problemText", String.class);
  public static final ProcessVariable<String> PROBLEM_AGENCY_NAME = ProcessVariable.of("problemAgencyName", String.class);
  public static final ProcessVariable<String> RECTIFICATION_MEASURES =
      ProcessVariable.of("rectificationMeasures", String.class);
  public static final ProcessVariable<FileValue> RECTIFICATION_EVIDENCE =
      ProcessVariable.of("rectificationEvidence", FileValue.class);
  public static final ProcessVariable<Boolean> ACCEPTED = ProcessVariable.of("accepted", Boolean.class);
  public static final ProcessVariable<String> VERIFICATION_COMMENT = ProcessVariable.of("verificationComment", String.class);

  private JointPatrolProcess() {}
}
