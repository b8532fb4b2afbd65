package cn.lianbao.notice;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notices are sent, {@code lianbao.notice.*}; documented in the README. The mail server itself
 * is Spring Boot's {@code spring.mail.*}; without {@code spring.mail.host} notices are only logged.
 * The base address of the links is {@code lianbao.public-url}.
 *
 * @param from the sender address; empty: {@code spring.mail.username} when it is an address, else
 *     {@code noreply@localhost}
 * @param sendInterval how often every node looks for notices that are due (besides right after a
 *     commit that queued some); read by {@link OutboxSender}'s schedule
 * @param retryDelay the wait after a first failed attempt; it doubles with every further failure
 * @param maxRetryDelay the longest wait between two attempts
 * @param claimTime how long a node holds the notices it is sending; after that another node may
 *     send them (a node that died while sending)
 * @param batchSize notices sent through one connection to the mail server
 */
@ConfigurationProperties("lianbao.notice")
public record NoticeProperties(
    @DefaultValue("") String from,
    @DefaultValue("1m") Duration sendInterval,
    @DefaultValue("1m") Duration retryDelay,
    @DefaultValue("1h") Duration maxRetryDelay,
    @DefaultValue("5m") Duration claimTime,
    @DefaultValue("50") int batchSize) {

  public NoticeProperties {
    if (retryDelay.isNegative() || retryDelay.isZero()) {
      throw new IllegalArgumentException("lianbao.notice.retry-delay must be positive, was " + retryDelay);
    }
    if (maxRetryDelay.compareTo(retryDelay) < 0) {
      throw new IllegalArgumentException("lianbao.notice.max-retry-delay (" + maxRetryDelay
          + ") must not be shorter than lianbao.notice.retry-delay (" + retryDelay + ")");
    }
    if (claimTime.isNegative() || claimTime.isZero()) {
      throw new IllegalArgumentException("lianbao.notice.claim-time must be positive, was " + claimTime);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("lianbao.notice.batch-size must be at least 1, was " + batchSize);
    }
  }

  /** The growing wait before the next attempt, after {@code attempts} failed ones (1, 2, …). */
  public Duration retryAfter(int attempts) {
    Duration delay = retryDelay;
    for (int i = 1; i < attempts && delay.compareTo(maxRetryDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
  }
}
