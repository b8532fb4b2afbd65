package cn.lianbao.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A login refused by {@link LoginThrottle} without checking the password: HTTP 429. */
public class LoginThrottledException extends AuthenticationException {

  private final Duration wait;

  public LoginThrottledException(Duration wait) {
    super(LoginThrottle.message(wait));
    this.wait = wait;
  }

  public Duration getWait() {
    return wait;
  }
}
