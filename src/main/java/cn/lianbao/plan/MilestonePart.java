package cn.lianbao.plan;

import java.util.List;

/**
 * One responsible part of a milestone: the whole milestone, or the part of one of the agencies
 * that each lead the item (items 2 and 4a), which is on time or late on its own.
 *
 * @param item the item
 * @param milestone the milestone
 * @param ownAgency the agency whose own part this is, or null for the joint milestone
 * @param responsibleGroups who does the work
 */
public record MilestonePart(PlanItem item, Milestone milestone, String ownAgency, List<String> responsibleGroups) {

  /** "patrol-1", or "outfall-list:suzhou-gov" for an agency's own part. */
  public String id() {
    return ownAgency == null ? milestone.id() : milestone.id() + ":" + ownAgency;
  }

  /** Agencies that contribute: implementing and cooperating, for a joint milestone only. */
  public List<String> contributorGroups() {
    return ownAgency == null ? item.roles().contributors(responsibleGroups) : List.of();
  }

  public List<String> implementingGroups() {
    return ownAgency == null ? item.roles().implementing() : List.of();
  }

  public List<String> cooperatingGroups() {
    return ownAgency == null ? item.roles().cooperating() : List.of();
  }
}
