package cn.lianbao.notice;

/**
 * Why a notice goes out. Each has a Chinese template, {@code notices/<name>.txt} (first line the
 * subject, the rest the body), whose {@code ${name}} placeholders are filled from the model given to
 * {@link Notices#notify}. Every template names {@code item} ("4a 排污口清单"), {@code milestone},
 * {@code agency} (the responsible agencies' names), {@code deadline} (a formatted day, or a
 * {@link java.util.Date}, which is written as the day in the plan's zone) and {@code link}, which the
 * notice adds itself: the task in Tasklist when the model has a {@code taskId}, else Tasklist. A value
 * the model lacks is left empty (and logged as a warning).
 */
public enum NoticeStep {
  /** New work for an agency: a task was created for its group. Also names {@code task} (the task's name). */
  NEW_WORK,
  /** Reminder: the milestone's deadline is {@code lianbao.follow-up-days} away and work is open. */
  REMINDER,
  /**
   * Level 1: the deadline passed; the agency's leadership has a supervision task (督办单). Also names
   * {@code daysOverdue}.
   */
  LEVEL1,
  /**
   * Level 2: still undelivered; the supervisors and the guiding agencies have the case. Also names
   * {@code daysOverdue}.
   */
  LEVEL2,
  /**
   * A supervisor set a final date and an instruction; the lead agency's leaders are told. Also names
   * {@code daysOverdue}, {@code finalDay} (a formatted day) and {@code instruction}.
   */
  FINAL_DATE,
  /**
   * The final date passed undelivered: the case returns to the supervisors once more. Also names
   * {@code daysOverdue}.
   */
  FINAL_DATE_MISSED,
  /** The milestone was delivered: the case is closed. Also names {@code daysOverdue} (as of the delivery). */
  CLOSED;

  /** The template's name, e.g. "level1". */
  public String template() {
    return name().toLowerCase().replace('_', '-');
  }
}
