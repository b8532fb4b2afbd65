package cn.lianbao.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * An item of the plan (one row of its table).
 *
 * @param no the item's number, e.g. "4a"
 * @param category the chapter it belongs to, e.g. "实施联合监管机制"
 * @param title the item, e.g. "明确太浦河水生态保护和管控策略"
 * @param shortTitle a few characters for task names, e.g. "排污口清单"
 * @param requirement the plan's requirement (工作要求), original wording
 * @param schedule the schedule of the plan's table (进度安排), original wording
 * @param outcome the expected outcome (预期成果), original wording
 * @param roles the agencies by role
 * @param readings how the plan was read where it is silent or contradicts itself
 * @param milestones the item's milestones
 */
public record PlanItem(String no, String category, String title, String shortTitle, String requirement,
    String schedule, String outcome, Roles roles, List<String> readings, List<Milestone> milestones) {

  /**
   * The responsible parts of the item's milestones: one per milestone, or, where several agencies
   * each lead, one per milestone and agency — except the joint step that merges their parts
   * ({@link Milestone#isMerge}), one part done by the agency that merges.
   */
  public List<MilestonePart> parts() {
    List<MilestonePart> parts = new ArrayList<>();
    for (Milestone milestone : milestones) {
      if (milestone.isMerge()) {
        parts.add(new MilestonePart(this, milestone, null, List.of(milestone.mergedBy())));
      } else if (roles.eachLeads().isEmpty()) {
        parts.add(new MilestonePart(this, milestone, null, roles.jointResponsible()));
      } else {
        for (String agency : roles.eachLeads()) {
          parts.add(new MilestonePart(this, milestone, agency, List.of(agency)));
        }
      }
    }
    return parts;
  }

  public MilestonePart part(String partId) {
    return parts().stream().filter(part -> part.id().equals(partId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("item " + no + " has no milestone part " + partId));
  }
}
