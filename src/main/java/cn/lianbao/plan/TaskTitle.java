package cn.lianbao.plan;

/**
 * What {@link TaskTitles} made of a task of the plan, for the task rules after it (the new-work
 * notice): the item as people name it, the task's name and its description as Tasklist shows them.
 *
 * @param item        "4a 排污口清单": the item's number and short title
 * @param name        "【4a 排污口清单】苏州市 · 起草成果文件《太浦河沿线排污口清单》"
 * @param description the plan's words: milestone and deadline, requirement, outcome, readings
 */
public record TaskTitle(String item, String name, String description) {}
