package cn.lianbao.plan;

import cn.lianbao.calendar.PlanCalendar;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Opens a milestone part: what it asks, who does it, and its deadline, computed by the
 * {@link PlanCalendar} from the plan's quarter or date and the year. Sets the state a supervisor
 * filters on in Cockpit: {@code delivered}, {@code overdue}, {@code daysOverdue}, {@code escalationLevel}.
 */
@Component("milestoneOpener")
public class MilestoneOpener implements JavaDelegate {

  private final PlanCatalog plans;
  private final PlanCalendar calendar;

  public MilestoneOpener(PlanCatalog plans, PlanCalendar calendar) {
    this.plans = plans;
    this.calendar = calendar;
  }

  @Override
  public void execute(DelegateExecution execution) {
    MilestonePart part = PlanLookup.part(plans, execution);
    int year = WorkVariables.YEAR.get(execution);
    Milestone milestone = part.milestone();
    Date deadline = deadline(milestone, year);
    Date outcomeDeadline = calendar.quarterEnd(year, 4);

    PlanMilestoneProcess.WORK_KIND.set(execution, milestone.work());
    WorkVariables.MILESTONE_TITLE.set(execution, milestone.title());
    WorkVariables.DOCUMENT_TITLE.set(execution, milestone.document());
    WorkVariables.DEADLINE.set(execution, deadline);
    WorkVariables.FOLLOW_UP.set(execution, calendar.followUp(deadline));
    WorkVariables.OUTCOME_DEADLINE.set(execution, outcomeDeadline.after(deadline) ? outcomeDeadline : deadline);
    WorkVariables.OUTCOME_FOLLOW_UP.set(execution,
        calendar.followUp(outcomeDeadline.after(deadline) ? outcomeDeadline : deadline));
    WorkVariables.RESPONSIBLE_GROUPS.set(execution, part.responsibleGroups());
    WorkVariables.IMPLEMENTING_GROUPS.set(execution, part.implementingGroups());
    WorkVariables.COOPERATING_GROUPS.set(execution, part.cooperatingGroups());
    WorkVariables.CONTRIBUTOR_GROUPS.set(execution, part.contributorGroups());
    WorkVariables.ITEM_GROUPS.set(execution, part.item().roles().all());
    RecordKeeping.shareInstance(execution);
    WorkVariables.GUIDING_GROUPS.set(execution, part.item().roles().guiding());
    WorkVariables.DELIVERED.set(execution, false);
    WorkVariables.OVERDUE.set(execution, false);
    WorkVariables.DAYS_OVERDUE.set(execution, 0);
    PlanMilestoneProcess.ESCALATION_LEVEL.set(execution, 0);
  }

  /** A milestone's deadline in a year: its quarter's end, or the end of its day. */
  public Date deadline(Milestone milestone, int year) {
    return milestone.quarter() != null
        ? calendar.quarterEnd(year, milestone.quarter())
        : calendar.endOfDay(milestone.day(year));
  }
}
