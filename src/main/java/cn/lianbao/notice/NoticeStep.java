package cn.lianbao.notice;

/** Why a notice goes out. Each has a Chinese template, {@code notices/<name>.txt}. */
public enum NoticeStep {
  /** New work for an agency: a task was created for its group. */
  NEW_WORK,
  /** Reminder: the milestone's deadline is {@code lianbao.follow-up-days} away and work is open. */
  REMINDER,
  /** Level 1: the deadline passed; the agency's leadership has a supervision task (督办单). */
  LEVEL1,
  /** Level 2: still undelivered; the supervisors and the guiding agencies have the case. */
  LEVEL2,
  /** A supervisor set a final date and an instruction; the lead agency's leaders are told. */
  FINAL_DATE,
  /** The final date passed undelivered: the case returns to the supervisors once more. */
  FINAL_DATE_MISSED,
  /** The milestone was delivered: the case is closed. */
  CLOSED;

  /** The template's name, e.g. "level1". */
  public String template() {
    return name().toLowerCase().replace('_', '-');
  }
}
