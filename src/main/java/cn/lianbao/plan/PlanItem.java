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
 * @param requirement the requirement (工作要求) of the plan's text (正文), word for word with its agencies
 * @param schedule the cells of the schedule (进度安排) of the plan's table (附表), word for word, in quarter order
 * @param outcome the expected outcome (预期成果) of the plan's text, word for word
 * @param roles the agencies by role
 * @param readings how the plan was read where it is silent or contradicts itself
 * @param milestones the item's milestones
 * @param tableRequirement the requirement (工作要求) of the plan's table where its words differ from the
 *     text's, word for word; {@code null} where they are the same
 */
public record PlanItem(String no, String category, String title, String shortTitle, String requirement,
    List<ScheduleCell> schedule, String outcome, Roles roles, List<String> readings, List<Milestone> milestones,
    String tableRequirement) {

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
