package cn.lianbao.planview;

/** Where a milestone part stands at the end of a day. */
public enum PartState {
  /** Undelivered, its follow-up date (lianbao.follow-up-days before the deadline) not yet reached. */
  NOT_DUE,
  /** Undelivered, within the follow-up days before the deadline. */
  DUE_SOON,
  /** Delivered by the deadline. */
  DONE_ON_TIME,
  /** Delivered after the deadline. */
  DONE_LATE,
  /** Undelivered after the deadline. */
  OVERDUE
}
