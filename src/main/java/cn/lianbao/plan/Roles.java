package cn.lianbao.plan;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The agencies of an item by their role, as the plan text names them.
 *
 * @param lead 牵头: does the work of the item's milestones
 * @param eachLeads 分别牵头: each leads its own part, for its own jurisdiction
 * @param coLead 联合牵头: shares the lead; one joint piece of work
 * @param implementing 具体实施: carries out its own part
 * @param cooperating 配合: contributes to or reviews the lead's work
 * @param guiding 指导: follows the item and receives its escalations
 */
public record Roles(List<String> lead, List<String> eachLeads, List<String> coLead, List<String> implementing,
    List<String> cooperating, List<String> guiding) {

  /** The role names as the plan file writes them. */
  public static final List<String> NAMES =
      List.of("lead", "eachLeads", "coLead", "implementing", "cooperating", "guiding");

  /** Who does the joint work of a milestone: the lead and the co-leads. */
  public List<String> jointResponsible() {
    Set<String> groups = new LinkedHashSet<>(lead);
    groups.addAll(coLead);
    return List.copyOf(groups);
  }

  /** Implementing and cooperating agencies, none of them responsible. */
  public List<String> contributors(List<String> responsible) {
    Set<String> groups = new LinkedHashSet<>(implementing);
    groups.addAll(cooperating);
    groups.removeAll(responsible);
    return List.copyOf(groups);
  }

  /** Every agency of the item, in role order. */
  public List<String> all() {
    Set<String> groups = new LinkedHashSet<>();
    groups.addAll(lead);
    groups.addAll(eachLeads);
    groups.addAll(coLead);
    groups.addAll(implementing);
    groups.addAll(cooperating);
    groups.addAll(guiding);
    return List.copyOf(groups);
  }
}
