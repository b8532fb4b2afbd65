package cn.lianbao.plan;

import cn.lianbao.process.ProcessVariable;
import java.util.Date;
import java.util.List;

/**
 * The work order: the variables every kind of work (joint patrol, meeting, outcome document, …)
 * receives from the milestone that calls it ({@code processes/plan-milestone.bpmn}, one
 * {@code camunda:in} per variable of {@link #WORK_ORDER}). A kind of work reads only these and reports
 * delivery with {@link MilestoneDelivery}; it never reads or writes the milestone's state.
 * The work processes give their user tasks {@code camunda:dueDate="${deadline}"} and
 * {@code camunda:followUpDate="${followUp}"} (or the outcome's dates for work that goes on after the
 * milestone), and candidate groups from the group lists.
 */
public final class WorkVariables {

  /** Which plan file, e.g. "2021". */
  public static final ProcessVariable<String> PLAN_ID = ProcessVariable.of("planId", String.class);
  /** The calendar year whose quarters give the deadlines. */
  public static final ProcessVariable<Integer> YEAR = ProcessVariable.of("year", Integer.class);
  /** The plan item, e.g. "4a". */
  public static final ProcessVariable<String> ITEM_NO = ProcessVariable.of("itemNo", String.class);
  /** The milestone part: milestone id, and for items each agency leads, ":" and the agency. */
  public static final ProcessVariable<String> PART_ID = ProcessVariable.of("partId", String.class);
  /** What the milestone asks, e.g. "完成第一次共同巡河". */
  public static final ProcessVariable<String> MILESTONE_TITLE = ProcessVariable.of("milestoneTitle", String.class);
  /** The outcome document the milestone delivers, where it is one (e.g. "排污口清单"). */
  public static final ProcessVariable<String> DOCUMENT_TITLE = ProcessVariable.of("documentTitle", String.class);

  /** The milestone's deadline: 23:59:59 China Standard Time of its day. */
  public static final ProcessVariable<Date> DEADLINE = ProcessVariable.of("deadline", Date.class);
  /** The milestone's follow-up date (lianbao.follow-up-days before the deadline). */
  public static final ProcessVariable<Date> FOLLOW_UP = ProcessVariable.of("followUp", Date.class);
  /**
   * The deadline of work that goes on after the milestone: a patrol's rectification (its
   * {@code rectifyBy} day), otherwise the item's year end; see {@code PlanCalendar#rectificationDeadline}.
   */
  public static final ProcessVariable<Date> OUTCOME_DEADLINE = ProcessVariable.of("outcomeDeadline", Date.class);
  public static final ProcessVariable<Date> OUTCOME_FOLLOW_UP = ProcessVariable.of("outcomeFollowUp", Date.class);

  /** Who does the milestone's work: the lead, the co-leads together, or one of the agencies that each lead. */
  public static final ProcessVariable<List<String>> RESPONSIBLE_GROUPS = ProcessVariable.stringList("responsibleGroups");
  /** Implementing agencies: each has its own part (patrol participation, own jurisdiction, own problems). */
  public static final ProcessVariable<List<String>> IMPLEMENTING_GROUPS = ProcessVariable.stringList("implementingGroups");
  /** Cooperating agencies: contribute to or review the lead's work. */
  public static final ProcessVariable<List<String>> COOPERATING_GROUPS = ProcessVariable.stringList("cooperatingGroups");
  /** Implementing and cooperating agencies together, without the responsible ones. */
  public static final ProcessVariable<List<String>> CONTRIBUTOR_GROUPS = ProcessVariable.stringList("contributorGroups");
  /** The item's guiding agencies: they follow it and are reached by its escalations. */
  public static final ProcessVariable<List<String>> GUIDING_GROUPS = ProcessVariable.stringList("guidingGroups");
  /** Every agency of the item, guiding ones included: they may read its records. */
  public static final ProcessVariable<List<String>> ITEM_GROUPS = ProcessVariable.stringList("itemGroups");

  /** How far the ladder may go when the milestone is late: 1 (the agencies' leaders) or 2 (the supervisors). */
  public static final ProcessVariable<Integer> MAX_ESCALATION_LEVEL = ProcessVariable.of("maxEscalationLevel", Integer.class);
  /** The plan-milestone instance the work reports delivery to; absent when the work runs on its own. */
  public static final ProcessVariable<String> MILESTONE_INSTANCE_ID = ProcessVariable.of("milestoneInstanceId", String.class);
  /**
   * When the milestone's work opened (plan-milestone's own {@code opensAt}): a work whose earlier steps
   * are due a number of days before the deadline shortens them when it opened too late for them
   * ({@code PlanCalendar.stepDeadlines}).
   */
  public static final ProcessVariable<Date> OPENS_AT = ProcessVariable.of("opensAt", Date.class);

  /**
   * The work order: every variable a kind of work receives, each mapped by name in plan-milestone's
   * call activity (no other variable crosses).
   */
  public static final List<ProcessVariable<?>> WORK_ORDER = List.of(PLAN_ID, YEAR, ITEM_NO, PART_ID, MILESTONE_TITLE,
      DOCUMENT_TITLE, DEADLINE, FOLLOW_UP, OUTCOME_DEADLINE, OUTCOME_FOLLOW_UP, RESPONSIBLE_GROUPS, IMPLEMENTING_GROUPS,
      COOPERATING_GROUPS, CONTRIBUTOR_GROUPS, GUIDING_GROUPS, ITEM_GROUPS, MAX_ESCALATION_LEVEL, MILESTONE_INSTANCE_ID,
      OPENS_AT);

  /** The element variable of a task per agency (multi-instance over a group list). */
  public static final ProcessVariable<String> AGENCY_GROUP = ProcessVariable.of("agencyGroup", String.class);

  private WorkVariables() {}
}
