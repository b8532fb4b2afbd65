package cn.lianbao.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing on every login path (HTTP Basic and the webapps' login form): after
 * {@value #PER_ACCOUNT} failed logins for one account from one address, or {@value #PER_ADDRESS}
 * from one address for any accounts, within {@link #WINDOW}, further logins from that address
 * (for that account) are refused without checking the password until the window has passed.
 *
 * <p>A refused login never reaches the engine, so it does not prolong the engine's own account lock
 * (which delays an account for at most 60 s, from any address): an attacker on one address cannot
 * keep the account's owner out, who logs in from another. The address is
 * {@code request.getRemoteAddr()}: the proxy's own address unless {@code server.forward-headers-strategy}
 * is set. Counts are held in this node's memory; the engine's clock ({@link ClockUtil}) is the time.
 */
@Component
public class LoginThrottle {

  static final int PER_ACCOUNT = 5;
  static final int PER_ADDRESS = 20;
  static final Duration WINDOW = Duration.ofMinutes(15);
  private static final int PRUNE_ABOVE = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  private record Failures(long since, int count) {}

  /** How long logins of {@code account} from {@code address} are refused; empty if they are not. */
  public Optional<Duration> refusal(String address, String account) {
    long now = now();
    long until = Math.max(blockedUntil(accountKey(address, account), PER_ACCOUNT, now),
        blockedUntil(addressKey(address), PER_ADDRESS, now));
    return until > now ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
  }

  /** Counts a failed login; logs (WARN, one line) when it closes a window. */
  public void failed(String address, String account) {
    long now = now();
    if (failures.size() > PRUNE_ABOVE) {
      failures.values().removeIf(entry -> now - entry.since() >= WINDOW.toMillis());
    }
    int forAccount = count(accountKey(address, account), now);
    int forAddress = count(addressKey(address), now);
    if (forAccount == PER_ACCOUNT || forAddress == PER_ADDRESS) {
      LOG.warn("Logins from {} refused for {} min after {} failed logins for {} ({} for any account)",
          address, WINDOW.toMinutes(), forAccount, account, forAddress);
    }
  }

  /** A successful login clears the count of this account from this address. */
  public void succeeded(String address, String account) {
    failures.remove(accountKey(address, account));
  }

  private int count(String key, long now) {
    return failures.compute(key, (k, entry) -> entry == null || now - entry.since() >= WINDOW.toMillis()
        ? new Failures(now, 1) : new Failures(entry.since(), entry.count() + 1)).count();
  }

  private long blockedUntil(String key, int limit, long now) {
    Failures entry = failures.get(key);
    if (entry == null || entry.count() < limit) {
      return 0;
    }
    return entry.since() + WINDOW.toMillis();
  }

  private static String accountKey(String address, String account) {
    return address + "\n" + account;
  }

  private static String addressKey(String address) {
    return address;
  }

  private static long now() {
    return ClockUtil.getCurrentTime().getTime();
  }

  /** The message of a refused login, in Chinese. */
  public static String message(Duration wait) {
    long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
    return "登录失败次数过多，请 " + minutes + " 分钟后再试。";
  }
}
