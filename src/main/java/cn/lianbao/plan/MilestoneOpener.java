package cn.lianbao.plan;

import cn.lianbao.calendar.PlanCalendar;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Opens a milestone: its work order ({@link WorkVariables}: what it asks, who does it, by when, how far
 * it may escalate) and its state ({@link MilestoneState#open}). A milestone of the plan file gets its
 * order from its part of the plan, the deadline computed by the {@link PlanCalendar} from the plan's
 * quarter or date and the year. A milestone started outside the plan file (an event campaign, say)
 * brings its order as start variables: the kind of work, what it asks, the responsible groups and the
 * deadline; what it leaves out is completed here the same way.
 */
@Component("milestoneOpener")
public class MilestoneOpener implements JavaDelegate {

  /** How far a milestone of the plan may escalate: to the supervisors. */
  public static final int PLAN_MAX_ESCALATION_LEVEL = 2;

  private final PlanCatalog plans;
  private final PlanCalendar calendar;
  private final MilestoneState state;

  public MilestoneOpener(PlanCatalog plans, PlanCalendar calendar, MilestoneState state) {
    this.plans = plans;
    this.calendar = calendar;
    this.state = state;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (WorkVariables.PART_ID.find(execution).isPresent()) {
      openFromPlan(execution);
    } else {
      openGivenOrder(execution);
    }
    WorkVariables.MAX_ESCALATION_LEVEL.set(execution,
        WorkVariables.MAX_ESCALATION_LEVEL.find(execution).orElse(PLAN_MAX_ESCALATION_LEVEL));
    if (PlanMilestoneProcess.OPENS_AT.find(execution).isEmpty()) {
      PlanMilestoneProcess.OPENS_AT.set(execution, ClockUtil.getCurrentTime());
    }
    PlanMilestoneProcess.OPENS_LATER.set(execution,
        PlanMilestoneProcess.OPENS_AT.get(execution).after(ClockUtil.getCurrentTime()));
    state.open(execution);
  }

  private void openGivenOrder(DelegateExecution execution) {
    PlanMilestoneProcess.WORK_KIND.get(execution);
    WorkVariables.MILESTONE_TITLE.get(execution);
    WorkVariables.RESPONSIBLE_GROUPS.get(execution);
    Date deadline = WorkVariables.DEADLINE.get(execution);
    int level = WorkVariables.MAX_ESCALATION_LEVEL.find(execution).orElse(PLAN_MAX_ESCALATION_LEVEL);
    if (level < 1 || level > 2) {
      throw new IllegalArgumentException("maxEscalationLevel must be 1 or 2, not " + level);
    }
    if (WorkVariables.FOLLOW_UP.find(execution).isEmpty()) {
      WorkVariables.FOLLOW_UP.set(execution, calendar.followUp(deadline));
    }
    if (WorkVariables.OUTCOME_DEADLINE.find(execution).isEmpty()) {
      WorkVariables.OUTCOME_DEADLINE.set(execution, deadline);
      WorkVariables.OUTCOME_FOLLOW_UP.set(execution, calendar.followUp(deadline));
    }
    for (var groups : java.util.List.of(WorkVariables.IMPLEMENTING_GROUPS, WorkVariables.COOPERATING_GROUPS,
        WorkVariables.CONTRIBUTOR_GROUPS, WorkVariables.GUIDING_GROUPS)) {
      if (groups.find(execution).isEmpty()) {
        groups.set(execution, new java.util.ArrayList<>());
      }
    }
    if (WorkVariables.ITEM_GROUPS.find(execution).isEmpty()) {
      WorkVariables.ITEM_GROUPS.set(execution, new java.util.ArrayList<>(WorkVariables.RESPONSIBLE_GROUPS.get(execution)));
      RecordKeeping.shareInstance(execution);
    }
    // item groups given at the start were shared when the instance started (RecordKeeping.started)
  }

  private void openFromPlan(DelegateExecution execution) {
    MilestonePart part = PlanLookup.part(plans, execution);
    int year = WorkVariables.YEAR.get(execution);
    Milestone milestone = part.milestone();
    Date deadline = deadline(milestone, year);
    Date outcomeDeadline = calendar.rectificationDeadline(year, milestone.rectifyBy(), deadline);

    PlanMilestoneProcess.WORK_KIND.set(execution, milestone.work());
    WorkVariables.MILESTONE_TITLE.set(execution, milestone.title());
    WorkVariables.DOCUMENT_TITLE.set(execution, milestone.document());
    WorkVariables.DEADLINE.set(execution, deadline);
    WorkVariables.FOLLOW_UP.set(execution, calendar.followUp(deadline));
    WorkVariables.OUTCOME_DEADLINE.set(execution, outcomeDeadline);
    WorkVariables.OUTCOME_FOLLOW_UP.set(execution, calendar.followUp(outcomeDeadline));
    WorkVariables.RESPONSIBLE_GROUPS.set(execution, part.responsibleGroups());
    WorkVariables.IMPLEMENTING_GROUPS.set(execution, part.implementingGroups());
    WorkVariables.COOPERATING_GROUPS.set(execution, part.cooperatingGroups());
    WorkVariables.CONTRIBUTOR_GROUPS.set(execution, part.contributorGroups());
    WorkVariables.ITEM_GROUPS.set(execution, part.item().roles().all());
    RecordKeeping.shareInstance(execution);
    WorkVariables.GUIDING_GROUPS.set(execution, part.item().roles().guiding());
    WorkVariables.MAX_ESCALATION_LEVEL.set(execution, milestone.maxEscalationLevel());
    if (milestone.opensAtQuarterStart()) {
      PlanMilestoneProcess.OPENS_AT.set(execution, calendar.quarterStart(year, milestone.quarter()));
    }
  }

  /** A milestone's deadline in a year: its quarter's end, or the end of its day. */
  public Date deadline(Milestone milestone, int year) {
    return milestone.quarter() != null
        ? calendar.quarterEnd(year, milestone.quarter())
        : calendar.endOfDay(milestone.day(year));
  }
}
