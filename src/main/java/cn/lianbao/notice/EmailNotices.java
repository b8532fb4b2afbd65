package cn.lianbao.notice;

import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link Notices} by e-mail through an outbox: {@link #notify} renders the step's template and writes
 * one row per recipient into {@code LIANBAO_OUTBOX} in the caller's transaction; the
 * {@link OutboxSender} sends them once that transaction has committed. Nothing is sent for a
 * transaction that rolls back, and a key that is there already (a retried job) adds nothing.
 */
@Service
public class EmailNotices implements Notices {

  private static final Logger LOG = LoggerFactory.getLogger(EmailNotices.class);

  /** Where Tasklist opens a task: the public address, then this, then the task's id. */
  static final String TASKLIST = "/camunda/app/tasklist/default/";
  static final String TASK_LINK = TASKLIST + "#/?task=";

  // the engine's services are looked up when used: a plugin of the engine may use this bean
  private final ObjectProvider<IdentityService> identity;
  private final NoticeTemplates templates;
  private final NoticeOutbox outbox;
  private final OutboxSender sender;
  private final String publicUrl;
  private final Clock clock;

  public EmailNotices(ObjectProvider<IdentityService> identity, NoticeTemplates templates, NoticeOutbox outbox,
      OutboxSender sender, @Value("${lianbao.public-url:http://localhost:8080}") String publicUrl) {
    this.identity = identity;
    this.templates = templates;
    this.outbox = outbox;
    this.sender = sender;
    this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
    this.clock = Clock.systemUTC();
  }

  @Override
  public void notify(String subjectKey, NoticeStep step, Date date, Collection<String> groupIds,
      Map<String, Object> model) {
    Map<String, Object> values = new LinkedHashMap<>(model == null ? Map.of() : model);
    values.put("link", link(values.get("taskId")));
    NoticeTemplates.Text text = templates.render(step, values);
    int added = 0;
    List<User> recipients = recipients(groupIds);
    for (User user : recipients) {
      if (outbox.add(subjectKey, step, date, user.getId(), user.getEmail().strip(), text, clock.instant())) {
        added++;
      }
    }
    LOG.debug("Notice {} of {}: {} recipient(s), {} new", step, subjectKey, recipients.size(), added);
    if (added > 0) {
      wakeSenderAfterCommit();
    }
  }

  /** The task in Tasklist, or Tasklist itself. */
  String link(Object taskId) {
    if (taskId == null || taskId.toString().isBlank()) {
      return publicUrl + TASKLIST;
    }
    return publicUrl + TASK_LINK + taskId;
  }

  /** The members of the groups who have an e-mail address, each once, in the groups' order. */
  List<User> recipients(Collection<String> groupIds) {
    if (groupIds == null || groupIds.isEmpty()) {
      return List.of();
    }
    IdentityService users = identity.getObject();
    Callable<List<User>> members = () -> {
      Map<String, User> found = new LinkedHashMap<>();
      for (String group : groupIds) {
        if (group == null || group.isBlank()) {
          continue;
        }
        for (User user : users.createUserQuery().memberOfGroup(group).orderByUserId().asc().list()) {
          if (user.getEmail() != null && user.getEmail().contains("@")) {
            found.putIfAbsent(user.getId(), user);
          }
        }
      }
      return List.copyOf(found.values());
    };
    // who is told does not depend on who caused the step: no authorization checks
    CommandContext command = Context.getCommandContext();
    try {
      return command != null ? command.runWithoutAuthorization(members) : members.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot list the members of " + groupIds, e);
    }
  }

  /** The sender runs once the transaction commits; at once when there is none. */
  private void wakeSenderAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          sender.wake();
        }
      });
    } else {
      sender.wake();
    }
  }
}
