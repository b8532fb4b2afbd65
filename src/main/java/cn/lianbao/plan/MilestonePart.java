package cn.lianbao.plan;

import java.util.List;
import java.util.Set;

/**
 * One responsible part of a milestone: the whole milestone, or the part of one of the agencies
 * that each lead the item (items 2 and 4a), which is on time or late on its own.
 *
 * <p>Where agencies each lead, the joint work still has its other parties: the other agencies review
 * the merged document of the joint step ({@link Milestone#isMerge}), attend each agency's meeting
 * (their input to it) and take part in each agency's patrol (they confirm their participants).
 *
 * @param item the item
 * @param milestone the milestone
 * @param ownAgency the agency whose own part this is, or null for the joint milestone (and for the
 *     joint step that merges the agencies' parts)
 * @param responsibleGroups who does the work
 */
public record MilestonePart(PlanItem item, Milestone milestone, String ownAgency, List<String> responsibleGroups) {

  /** Kinds of work that gather the parties (a meeting, a patrol): the other agencies take part in an agency's own. */
  public static final Set<String> GATHERING_WORK =
      Set.of("consultation-meeting", "joint-patrol", "joint-enforcement-patrol");

  /** "patrol-1", "outfall-list-joint", or "outfall-list:suzhou-gov" for an agency's own part. */
  public String id() {
    return ownAgency == null ? milestone.id() : milestone.id() + ":" + ownAgency;
  }

  /**
   * Agencies that contribute: implementing and cooperating, for a joint milestone; the other agencies
   * that each lead, for the joint step that merges their parts and for an agency's own meeting or patrol.
   */
  public List<String> contributorGroups() {
    if (milestone.isMerge() || (ownAgency != null && GATHERING_WORK.contains(milestone.work()))) {
      return otherLeads();
    }
    return ownAgency == null ? item.roles().contributors(responsibleGroups) : List.of();
  }

  public List<String> implementingGroups() {
    if (ownAgency != null && GATHERING_WORK.contains(milestone.work())) {
      return otherLeads();
    }
    return ownAgency == null && !milestone.isMerge() ? item.roles().implementing() : List.of();
  }

  public List<String> cooperatingGroups() {
    return ownAgency == null && !milestone.isMerge() ? item.roles().cooperating() : List.of();
  }

  /** The agencies that each lead, other than those responsible for this part. */
  private List<String> otherLeads() {
    return item.roles().eachLeads().stream().filter(agency -> !responsibleGroups.contains(agency)).toList();
  }
}
