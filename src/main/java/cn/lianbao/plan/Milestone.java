package cn.lianbao.plan;

import java.time.MonthDay;

/**
 * A milestone of an item: work of one kind, due at the end of a quarter or on a named date.
 *
 * @param id the milestone's id within its item, e.g. "patrol-1"
 * @param title what is delivered, in the plan's words
 * @param work the kind of work: the key of the process that does it
 * @param quarter the quarter whose end is the deadline, or null when {@code date} is given
 * @param date the day of the deadline (month and day), or null when {@code quarter} is given
 * @param document the outcome document the milestone delivers, or null
 * @param reading how the plan was read to give this milestone its date or form, or null
 */
public record Milestone(String id, String title, String work, Integer quarter, MonthDay date, String document,
    String reading) {}
