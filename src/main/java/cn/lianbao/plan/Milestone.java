package cn.lianbao.plan;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * A milestone of an item: work of one kind, due at the end of a quarter, on a named date, or on the
 * day before a named date.
 *
 * @param id the milestone's id within its item, e.g. "patrol-1"
 * @param title what is delivered, in the plan's words
 * @param work the kind of work: the key of the process that does it
 * @param quarter the quarter whose end is the deadline, or null when {@code date} is given
 * @param date the plan's date (month and day) the deadline is counted from, or null when {@code quarter} is given
 * @param daysBefore how many days before {@code date} the deadline falls: 0, or 1 for "before" a date
 * @param document the outcome document the milestone delivers, or null
 * @param reading how the plan was read to give this milestone its date or form, or null
 * @param maxEscalationLevel how far the ladder may go when it is late: 1 (the agencies' leaders) or 2 (the supervisors)
 * @param opensAtQuarterStart whether its work opens only when its quarter begins (not when the year starts)
 * @param addedByReading whether the seed does not ask for it and a reading adds it (its {@code reading} says why)
 * @param rectifyBy for a patrol: the day by which the problems it finds are rectified, or null for the
 *     end of the year ({@link cn.lianbao.calendar.PlanCalendar#rectificationDeadline})
 * @param coordinationMeeting for a meeting: whether it also records the coordination meeting the plan
 *     holds with it "如有重大需解决问题"
 * @param merges for the joint step of an item whose agencies each lead their own part: the id of the
 *     milestone whose parts it merges into one, or null
 * @param mergedBy the agency that merges the parts (one of those that each lead), or null
 * @param daysAfterParts how many days after the parts' deadline the merged one is due; its
 *     {@code date} is the parts' date and {@code daysBefore} the negative of this
 */
public record Milestone(String id, String title, String work, Integer quarter, MonthDay date, int daysBefore,
    String document, String reading, int maxEscalationLevel, boolean opensAtQuarterStart,
    boolean addedByReading, MonthDay rectifyBy, boolean coordinationMeeting, String merges, String mergedBy,
    int daysAfterParts) {

  /** A milestone that opens with the year and may reach the supervisors. */
  public Milestone(String id, String title, String work, Integer quarter, MonthDay date, int daysBefore,
      String document, String reading) {
    this(id, title, work, quarter, date, daysBefore, document, reading, 2, false, false, null, false, null, null, 0);
  }

  /** Whether it merges the parts of another milestone (the joint step of items 2 and 4a). */
  public boolean isMerge() {
    return merges != null;
  }

  /**
   * The day of the deadline in a year, for a milestone with a date; counted in that year's calendar,
   * so that the day before 1 March is 29 February in a leap year.
   */
  public LocalDate day(int year) {
    if (date == null) {
      throw new IllegalStateException("milestone " + id + " is due at a quarter's end, not on a day");
    }
    return date.atYear(year).minusDays(daysBefore);
  }
}
