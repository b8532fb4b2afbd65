package cn.lianbao.escalation;

import cn.lianbao.process.ProcessVariable;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The escalation ladder of a milestone, part of {@code processes/plan-milestone.bpmn}: its element
 * ids and variables. Reminder before the deadline; level 1 (the late agencies' leaders explain the
 * delay and commit to a date) when it passes; level 2 (the supervisors and the guiding agencies'
 * leaders) 15 days later or on the committed date, whichever is later; once more if the
 * supervisors' final date passes, with a 处理意见 and a new final day, until the milestone is met.
 * Level 2 is reached only where the work order's {@code maxEscalationLevel} is 2. Delivering the
 * milestone ends the ladder (its conditional boundary event on {@code delivered}).
 */
public final class Escalation {

  /** Element ids of the ladder in plan-milestone.bpmn. */
  public static final class Elements {
    public static final String REMINDER_DUE = "boundary_reminderDue";
    public static final String SEND_REMINDER = "serviceTask_sendReminder";
    public static final String LADDER = "subProcess_escalation";
    public static final String OPEN_LEVEL1 = "serviceTask_openLevel1";
    public static final String EXPLAIN_DELAY = "userTask_explainDelay";
    public static final String LEVEL2_DUE = "intermediateEvent_level2Due";
    public static final String OPEN_LEVEL2 = "serviceTask_openLevel2";
    public static final String SUPERVISE_CASE = "userTask_superviseCase";
    public static final String SET_FINAL_DATE = "serviceTask_setFinalDate";
    public static final String FINAL_DATE_DUE = "intermediateEvent_finalDateDue";
    public static final String RETURN_CASE = "serviceTask_returnCase";
    public static final String SUPERVISE_AGAIN = "userTask_superviseAgain";
    public static final String LEVEL2_ALLOWED = "exclusiveGateway_level2Allowed";
    public static final String LEVEL1_ONLY = "endEvent_level1Only";
    public static final String DELIVERED = "boundary_ladderDelivered";
    public static final String LADDER_CLOSED = "endEvent_ladderClosed";
    public static final String CLOSE_CASE = "serviceTask_closeCase";
    public static final String CASE_CLOSED = "endEvent_caseClosed";

    private Elements() {}
  }

  /** Agencies holding open work when the deadline passed; each one's leaders get a 督办单. */
  public static final ProcessVariable<List<String>> LATE_AGENCIES = ProcessVariable.stringList("lateAgencies");
  /** When level 2 is due: 15 days after the deadline, or a later committed date given before then. */
  public static final ProcessVariable<Date> LEVEL2_DUE = ProcessVariable.of("level2Due", Date.class);
  /** The groups of level 2: the supervisors and the guiding agencies' leaders. */
  public static final ProcessVariable<List<String>> LEVEL2_GROUPS = ProcessVariable.stringList("level2Groups");
  /** When the supervisors' task is due. */
  public static final ProcessVariable<Date> SUPERVISE_DUE = ProcessVariable.of("superviseDue", Date.class);
  /** Every group the case reached, told when it closes. */
  public static final ProcessVariable<List<String>> ESCALATED_GROUPS = ProcessVariable.stringList("escalatedGroups");

  /** Level 1 form: the leaders' explanation and the day they commit to. */
  public static final ProcessVariable<String> DELAY_EXPLANATION = ProcessVariable.of("delayExplanation", String.class);
  public static final ProcessVariable<String> COMMITTED_DAY = ProcessVariable.of("committedDay", String.class);
  /** The leaders' answers, one per late agency. */
  public static final ProcessVariable<List<Map<String, Object>>> DELAY_EXPLANATIONS =
      ProcessVariable.mapList("delayExplanations");
  /** The case so far, as the supervisors read it. */
  public static final ProcessVariable<String> CASE_HISTORY = ProcessVariable.of("caseHistory", String.class);

  /** Level 2 form: the final day and the instruction. */
  public static final ProcessVariable<String> FINAL_DAY = ProcessVariable.of("finalDay", String.class);
  public static final ProcessVariable<String> INSTRUCTION = ProcessVariable.of("supervisorInstruction", String.class);
  /** The end of the final day. */
  public static final ProcessVariable<Date> FINAL_DUE = ProcessVariable.of("finalDue", Date.class);
  /** When the returned case's task is due. */
  public static final ProcessVariable<Date> SUPERVISE_AGAIN_DUE = ProcessVariable.of("superviseAgainDue", Date.class);
  /** The supervisors' instructions so far, one line per round, as the case history shows them. */
  public static final ProcessVariable<List<String>> SUPERVISION_ROUNDS = ProcessVariable.stringList("supervisionRounds");
  /** The supervisors' word on the returned case (处理意见), given with a new final day. */
  public static final ProcessVariable<String> RETURN_INSTRUCTION = ProcessVariable.of("returnInstruction", String.class);

  private Escalation() {}
}
