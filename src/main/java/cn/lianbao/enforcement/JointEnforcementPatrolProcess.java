package cn.lianbao.enforcement;

import cn.lianbao.process.AgencyAnswers;
import cn.lianbao.process.ProcessVariable;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.value.FileValue;

/**
 * Descriptor of {@code processes/joint-enforcement-patrol.bpmn} (联合执法巡查), item 7: the lead
 * plans a joint enforcement patrol, each implementing agency confirms its enforcement officers, and
 * the lead records the patrol (route, participants of each jurisdiction, findings, cases opened),
 * which meets the milestone.
 *
 * <p>Each agency's confirmation stays in its own instance of the per-agency task (local variables of
 * the multi-instance); {@link EnforcementTeamCollector} gathers them into {@link #TEAMS} for the lead.
 */
public final class JointEnforcementPatrolProcess {

  public static final String KEY = "joint-enforcement-patrol";
  public static final String RESOURCE = "processes/" + KEY + ".bpmn";
  public static final String PLAN_FORM = "forms/" + KEY + "-plan.html";
  public static final String TEAM_FORM = "forms/" + KEY + "-team.html";
  public static final String RECORD_FORM = "forms/" + KEY + "-record.html";

  /** Element ids of the diagram. */
  public static final class Elements {
    public static final String START = "startEvent_enforcementRequired";
    public static final String PLAN_ENFORCEMENT = "userTask_planEnforcement";
    public static final String CONFIRM_ENFORCEMENT_TEAM = "userTask_confirmEnforcementTeam";
    public static final String RECORD_ENFORCEMENT = "userTask_recordEnforcement";
    public static final String REPORT_DELIVERY = "throwEvent_milestoneDelivered";
    public static final String END = "endEvent_enforcementDone";

    private Elements() {}
  }

  /** The lead plans (forms/joint-enforcement-patrol-plan.html). */
  public static final ProcessVariable<String> PATROL_DAY = ProcessVariable.of("patrolDay", String.class);
  public static final ProcessVariable<String> PATROL_AREA = ProcessVariable.of("patrolArea", String.class);
  public static final ProcessVariable<String> FOCUS = ProcessVariable.of("enforcementFocus", String.class);

  /** Each implementing agency confirms (forms/joint-enforcement-patrol-team.html), local to its task instance. */
  public static final ProcessVariable<String> TEAM_OFFICERS = ProcessVariable.of("teamOfficers", String.class);
  public static final ProcessVariable<String> TEAM_NOTE = ProcessVariable.of("teamNote", String.class);

  /**
   * The confirmed teams, in the order they came, one entry per agency (see {@link AgencyAnswers}):
   * {@code agencyGroup}, {@code agencyName}, {@code teamOfficers} and {@code teamNote}.
   */
  public static final ProcessVariable<List<Map<String, Object>>> TEAMS = ProcessVariable.mapList("enforcementTeams");

  /** The lead records the patrol (forms/joint-enforcement-patrol-record.html). */
  public static final ProcessVariable<String> HELD_ON = ProcessVariable.of("patrolHeldOn", String.class);
  public static final ProcessVariable<String> ROUTE = ProcessVariable.of("patrolRoute", String.class);
  public static final ProcessVariable<String> PARTICIPANTS_SHANGHAI = ProcessVariable.of("participantsShanghai", String.class);
  public static final ProcessVariable<String> PARTICIPANTS_JIANGSU = ProcessVariable.of("participantsJiangsu", String.class);
  public static final ProcessVariable<String> PARTICIPANTS_ZHEJIANG = ProcessVariable.of("participantsZhejiang", String.class);
  public static final ProcessVariable<String> FINDINGS = ProcessVariable.of("patrolFindings", String.class);
  public static final ProcessVariable<Integer> CASES_OPENED = ProcessVariable.of("casesOpened", Integer.class);
  public static final ProcessVariable<FileValue> RECORD = ProcessVariable.of("patrolRecord", FileValue.class);

  private JointEnforcementPatrolProcess() {}
}
