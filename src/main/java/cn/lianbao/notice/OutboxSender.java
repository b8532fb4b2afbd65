package cn.lianbao.notice;

import cn.lianbao.notice.NoticeOutbox.Entry;
import cn.lianbao.notice.NoticeOutbox.State;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox's due notices: woken after every commit that queued some, and every
 * {@code lianbao.notice.send-interval} on every node. A node claims a notice before sending it, so
 * two nodes never send the same one (only a node that dies while sending leaves it to be sent again
 * once its claim expires). A failure is logged, counted and tried again later, each time after a
 * longer wait; nothing here ever reaches a process. Without a mail server ({@code spring.mail.host})
 * a notice is only logged.
 */
@Component
public class OutboxSender implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
  private static final String SENDER_NAME = "联保";

  private final NoticeOutbox outbox;
  private final ObjectProvider<JavaMailSender> mail;
  private final NoticeProperties properties;
  private final String from;
  private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
  private final Clock clock = Clock.systemUTC();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "lianbao-notices");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean woken = new AtomicBoolean();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicReference<String> lastFailure = new AtomicReference<>();

  public OutboxSender(NoticeOutbox outbox, ObjectProvider<JavaMailSender> mail, NoticeProperties properties,
      @Value("${spring.mail.username:}") String mailUser) {
    this.outbox = outbox;
    this.mail = mail;
    this.properties = properties;
    this.from = !properties.from().isBlank() ? properties.from().strip()
        : mailUser.contains("@") ? mailUser.strip() : "noreply@localhost";
  }

  /** Sends what is due soon, on the sender's own thread; wakes that follow one another run once. */
  public void wake() {
    if (!woken.compareAndSet(false, true)) {
      return;
    }
    try {
      worker.execute(() -> {
        woken.set(false);
        sendDue();
      });
    } catch (RejectedExecutionException closing) {
      woken.set(false);
    }
  }

  /** Every node looks for due notices now and then: those of failed attempts, those of other nodes. */
  @Scheduled(initialDelayString = "${lianbao.notice.send-interval:1m}",
      fixedDelayString = "${lianbao.notice.send-interval:1m}")
  public void sendDueOnSchedule() {
    sendDue();
  }

  /** Sends the notices that are due now. Never throws. */
  public int sendDue() {
    return sendDue(clock.instant());
  }

  /**
   * Sends the notices due at {@code now} (tests and operators may name a later time to send what waits
   * for its next attempt). One run at a time on a node. Never throws.
   *
   * @return how many notices were handled (sent, logged, or failed)
   */
  public synchronized int sendDue(Instant now) {
    int handled = 0;
    try {
      while (true) {
        List<Entry> claimed = new ArrayList<>();
        for (String id : outbox.due(now, properties.batchSize())) {
          outbox.claim(id, node, now, now.plus(properties.claimTime())).ifPresent(claimed::add);
        }
        if (claimed.isEmpty()) {
          return handled;
        }
        handled += claimed.size();
        JavaMailSender sender = mail.getIfAvailable();
        boolean allDone = sender == null ? log(claimed, now) : send(sender, claimed, now);
        if (!allDone || claimed.size() < properties.batchSize()) {
          // after a failure the rest waits for the next run: the server is probably down
          return handled;
        }
      }
    } catch (RuntimeException e) {
      // the database is unreachable, say: the claims run out and the next run tries again
      LOG.warn("Sending notices stopped: {}", NestedExceptionUtils.getMostSpecificCause(e).toString());
      return handled;
    }
  }

  private boolean log(List<Entry> notices, Instant now) {
    for (Entry notice : notices) {
      LOG.info("Notice (no mail server configured) to {} <{}>: {}", notice.userId(), notice.email(), notice.subject());
      outbox.markDone(notice.id(), node, State.LOGGED, now);
    }
    return true;
  }

  /** Sends a batch through one connection; returns whether every notice went out. */
  private boolean send(JavaMailSender sender, List<Entry> notices, Instant now) {
    Map<MimeMessage, Entry> messages = new LinkedHashMap<>();
    boolean allDone = true;
    for (Entry notice : notices) {
      try {
        messages.put(message(sender, notice), notice);
      } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
        failed(notice, e, now);
        allDone = false;
      }
    }
    if (messages.isEmpty()) {
      return allDone;
    }
    Map<Object, Exception> failed = new IdentityHashMap<>();
    try {
      sender.send(messages.keySet().toArray(MimeMessage[]::new));
    } catch (MailSendException e) {
      // the messages that failed; the others were accepted (a failure to close after sending fails none)
      failed.putAll(e.getFailedMessages());
    } catch (RuntimeException e) {
      messages.keySet().forEach(message -> failed.put(message, e));
    }
    for (Map.Entry<MimeMessage, Entry> message : messages.entrySet()) {
      Exception failure = failed.get(message.getKey());
      if (failure == null) {
        outbox.markDone(message.getValue().id(), node, State.SENT, now);
      } else {
        failed(message.getValue(), failure, now);
        allDone = false;
      }
    }
    return allDone;
  }

  private MimeMessage message(JavaMailSender sender, Entry notice)
      throws MessagingException, UnsupportedEncodingException {
    MimeMessage message = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
    helper.setFrom(from, SENDER_NAME);
    helper.setTo(notice.email());
    helper.setSubject(notice.subject());
    helper.setText(notice.body(), false);
    helper.setSentDate(Date.from(clock.instant()));
    message.setHeader("X-Lianbao-Notice", notice.id());
    return message;
  }

  private void failed(Entry notice, Exception failure, Instant now) {
    int attempts = notice.attempts() + 1;
    Instant next = now.plus(properties.retryAfter(attempts));
    String reason = NestedExceptionUtils.getMostSpecificCause(failure).toString();
    failures.incrementAndGet();
    lastFailure.set(now + " " + notice.step() + " to " + notice.userId() + ": " + reason);
    LOG.warn("Notice {} of {} to {} <{}> not sent (attempt {}), next attempt at {}: {}", notice.step(),
        notice.subjectKey(), notice.userId(), notice.email(), attempts, next, reason);
    outbox.markFailed(notice.id(), node, attempts, next, reason);
  }

  /** Failed attempts since this node started. */
  public long failures() {
    return failures.get();
  }

  /** The last failure on this node, or null. */
  public String lastFailure() {
    return lastFailure.get();
  }

  /** Where notices go: the mail server, or the log. */
  public String destination() {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null) {
      return "log (spring.mail.host is not set)";
    }
    if (sender instanceof JavaMailSenderImpl smtp) {
      return "smtp://" + smtp.getHost() + (smtp.getPort() > 0 ? ":" + smtp.getPort() : "");
    }
    return "mail";
  }

  @Override
  public void destroy() {
    worker.shutdownNow();
  }
}
