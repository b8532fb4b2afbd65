package cn.lianbao.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The login throttle's counts: per address and account, per address, for 15 minutes. */
class LoginThrottleTest {

  private final LoginThrottle throttle = new LoginThrottle();
  private final long start = System.currentTimeMillis();

  @BeforeEach
  void freezeClock() {
    ClockUtil.setCurrentTime(new Date(start));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void fiveFailuresForOneAccountFromOneAddressRefuseThatAccountFromThatAddressOnly() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("203.0.113.7", "admin");
    }
    assertThat(throttle.refusal("203.0.113.7", "admin")).isEmpty();
    throttle.failed("203.0.113.7", "admin");
    assertThat(throttle.refusal("203.0.113.7", "admin")).hasValueSatisfying(wait ->
        assertThat(wait.toMinutes()).isBetween(14L, 15L));
    assertThat(throttle.refusal("203.0.113.7", "qingpu-gov-officer")).isEmpty();
    assertThat(throttle.refusal("198.51.100.9", "admin")).isEmpty();

    ClockUtil.setCurrentTime(new Date(start + 15 * 60_000));
    assertThat(throttle.refusal("203.0.113.7", "admin")).as("after 15 minutes").isEmpty();
  }

  @Test
  void twentyFailuresFromOneAddressRefuseEveryAccountFromIt() {
    for (int i = 0; i < 20; i++) {
      throttle.failed("203.0.113.7", "user-" + i);
    }
    assertThat(throttle.refusal("203.0.113.7", "someone-else")).isPresent();
    assertThat(throttle.refusal("198.51.100.9", "someone-else")).isEmpty();
  }

  @Test
  void aSuccessfulLoginClearsTheCountOfItsAccount() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("203.0.113.7", "admin");
    }
    throttle.succeeded("203.0.113.7", "admin");
    throttle.failed("203.0.113.7", "admin");
    assertThat(throttle.refusal("203.0.113.7", "admin")).isEmpty();
    assertThat(LoginThrottle.message(java.time.Duration.ofSeconds(61))).isEqualTo("登录失败次数过多，请 2 分钟后再试。");
  }
}
