package cn.lianbao.notice;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The health contributor {@code outbox}: where notices go, how many wait, how many of them failed
 * at least once, the failures on this node and the last one. Its status stays UP while notices fail:
 * a mail server that is down is no reason to take a node out of a load balancer or restart it (every
 * node shares the outbox, so all would go at once), and the processes go on without it. It is DOWN
 * only when the outbox itself cannot be read, that is, when the database fails.
 */
@Component("outboxHealthIndicator")
public class OutboxHealthIndicator extends AbstractHealthIndicator {

  private final NoticeOutbox outbox;
  private final OutboxSender sender;

  public OutboxHealthIndicator(NoticeOutbox outbox, OutboxSender sender) {
    super("The notice outbox cannot be read");
    this.outbox = outbox;
    this.sender = sender;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    NoticeOutbox.Counts counts = outbox.counts();
    health.up()
        .withDetail("destination", sender.destination())
        .withDetail("pending", counts.pending())
        .withDetail("failing", counts.failing())
        .withDetail("failuresOnThisNode", sender.failures());
    if (counts.oldestPending() != null) {
      health.withDetail("oldestPending", counts.oldestPending().toInstant().toString());
    }
    if (sender.lastFailure() != null) {
      health.withDetail("lastFailure", sender.lastFailure());
    }
  }
}
