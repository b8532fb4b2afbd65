package cn.lianbao.calendar;

import cn.lianbao.LianbaoProperties;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * The one place where plan dates become instants. A plan date is a day in China Standard Time
 * (or {@code lianbao.time-zone}); a deadline on that day is its last second, 23:59:59. Processes
 * use this bean in their timer and due-date expressions ({@code ${planCalendar.quarterEnd(year, 3)}});
 * nothing else reads a clock for deadlines.
 */
@Component("planCalendar")
public class PlanCalendar {

  private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

  private final ZoneId zone;
  private final int followUpDays;

  public PlanCalendar(LianbaoProperties properties) {
    this.zone = properties.timeZone();
    this.followUpDays = properties.followUpDays();
  }

  public ZoneId zone() {
    return zone;
  }

  /** The deadline of a quarter: 23:59:59 on its last day (03-31, 06-30, 09-30, 12-31). */
  public Date quarterEnd(int year, int quarter) {
    if (quarter < 1 || quarter > 4) {
      throw new IllegalArgumentException("quarter must be 1 to 4, was " + quarter);
    }
    LocalDate firstOfNextQuarter = LocalDate.of(year, 1, 1).plusMonths(3L * quarter);
    return endOfDay(firstOfNextQuarter.minusDays(1));
  }

  /** The start of a quarter: 00:00 on its first day (01-01, 04-01, 07-01, 10-01), in the plan's zone. */
  public Date quarterStart(int year, int quarter) {
    if (quarter < 1 || quarter > 4) {
      throw new IllegalArgumentException("quarter must be 1 to 4, was " + quarter);
    }
    return Date.from(LocalDate.of(year, 1, 1).plusMonths(3L * (quarter - 1)).atStartOfDay(zone).toInstant());
  }

  /** The follow-up date of a quarter's deadline. */
  public Date quarterFollowUp(int year, int quarter) {
    return followUp(quarterEnd(year, quarter));
  }

  /** The deadline of a plan date given as month and day, taken in {@code year}. */
  public Date endOfDay(int year, MonthDay day) {
    return endOfDay(day.atYear(year));
  }

  /** The deadline of a day: its last second in the plan's zone. */
  public Date endOfDay(LocalDate day) {
    return Date.from(ZonedDateTime.of(day, END_OF_DAY, zone).toInstant());
  }

  /** The follow-up date of a deadline: {@code lianbao.follow-up-days} days before it. */
  public Date followUp(Date deadline) {
    return Date.from(deadline.toInstant().atZone(zone).minusDays(followUpDays).toInstant());
  }

  /**
   * A step's deadline that lies a recorded number of whole days before the milestone's deadline,
   * at the same time of day (23:59:59 in the plan's zone). Used for the earlier steps of a kind of
   * work ({@code ${planCalendar.daysBefore(deadline, 42)}}); the number is a reading of the plan and
   * is written down in plans/plan-*.yml next to the milestone.
   */
  public Date daysBefore(Date deadline, int days) {
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1, was " + days);
    }
    return Date.from(deadline.toInstant().atZone(zone).minusDays(days).toInstant());
  }

  /**
   * The deadline of the rectification of a patrol's problems: the end of its {@code rectifyBy} day in
   * the year when the plan file gives one; otherwise the end of the year (the fourth quarter's end),
   * where the item's problem list and rectification report are due. Never before the patrol's own
   * deadline.
   */
  public Date rectificationDeadline(int year, MonthDay rectifyBy, Date patrolDeadline) {
    Date day = rectifyBy != null ? endOfDay(year, rectifyBy) : quarterEnd(year, 4);
    return day.after(patrolDeadline) ? day : patrolDeadline;
  }

  /**
   * The deadline of work that must be in force before an event: 23:59:59 on the day before the
   * event's day (an event campaign of item 11 is due the eve of the event it protects).
   */
  public Date eveOf(LocalDate eventDay) {
    return endOfDay(eventDay.minusDays(1));
  }

  /**
   * The deadlines of the two earlier steps of a kind of work due {@code firstDaysBefore} and
   * {@code secondDaysBefore} days before the milestone's deadline (the hyacinth campaign: survey 42,
   * action plan 21). When the work opened too late for the first step's date (it would lie on or
   * before the day the work opened), the time from the opening day to the deadline's day is split
   * in three: the first step is due a third of the way, the second two thirds, the rest at the
   * deadline. A work without an opening time gets the recorded dates.
   */
  public java.util.List<Date> stepDeadlines(Date opensAt, Date deadline, int firstDaysBefore, int secondDaysBefore) {
    if (firstDaysBefore <= secondDaysBefore) {
      throw new IllegalArgumentException("the first step must be due before the second: "
          + firstDaysBefore + " <= " + secondDaysBefore);
    }
    Date first = daysBefore(deadline, firstDaysBefore);
    Date second = daysBefore(deadline, secondDaysBefore);
    if (opensAt == null || dayOf(first).isAfter(dayOf(opensAt))) {
      return java.util.List.of(first, second);
    }
    LocalDate opened = dayOf(opensAt);
    LocalDate due = dayOf(deadline);
    long days = Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(opened, due));
    Date splitFirst = endOfDay(opened.plusDays(days / 3));
    Date splitSecond = endOfDay(opened.plusDays(days * 2 / 3));
    // never later than the deadline itself (it is a day's end too; a deadline before the opening day stays)
    return java.util.List.of(splitFirst.after(deadline) ? deadline : splitFirst,
        splitSecond.after(deadline) ? deadline : splitSecond);
  }

  /** Whether {@link #stepDeadlines} had to split the remaining time (the recorded dates had passed). */
  public boolean stepsShortened(Date opensAt, Date deadline, int firstDaysBefore) {
    return opensAt != null && !dayOf(daysBefore(deadline, firstDaysBefore)).isAfter(dayOf(opensAt));
  }

  /** Whole calendar days by which {@code at} lies after the deadline's day; 0 when on time. */
  public int daysLate(Date deadline, Date at) {
    if (!at.after(deadline)) {
      return 0;
    }
    return (int) java.time.temporal.ChronoUnit.DAYS.between(dayOf(deadline), dayOf(at));
  }

  /** The day on which an instant falls, in the plan's zone. */
  public LocalDate dayOf(Date instant) {
    return instant.toInstant().atZone(zone).toLocalDate();
  }
}
