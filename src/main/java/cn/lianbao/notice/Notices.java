package cn.lianbao.notice;

import java.util.Collection;
import java.util.Date;
import java.util.Map;

/**
 * Notices to people, by e-mail. Called inside the engine's transaction: the notice is written to an
 * outbox in that transaction, and sent only after it commits, once per event and recipient.
 */
public interface Notices {

  /**
   * Queues one notice for every member, with an e-mail address, of the given groups.
   *
   * @param subjectKey what the notice is about, e.g. the milestone's business key "2027-4a-outfall-list:suzhou-gov"
   *     or a task id; with {@code step}, {@code date} and the recipient it makes the outbox key, so that
   *     the same event never mails the same person twice (a retried job, a second node)
   * @param step why
   * @param date the date the step waited for (deadline, committed date, …), part of the key
   * @param groupIds the groups whose members are told
   * @param model the values the step's template names: {@code item}, {@code milestone}, {@code agency},
   *     {@code deadline} (formatted day), {@code daysOverdue}, {@code taskId} …; the notice adds the link
   *     to Tasklist ({@code lianbao.public-url})
   */
  void notify(String subjectKey, NoticeStep step, Date date, Collection<String> groupIds, Map<String, Object> model);
}
