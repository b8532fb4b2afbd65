package cn.lianbao.security;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Refuses to start a server that nobody could administer, or whose administrator has a password
 * that anyone can guess: outside the {@code demo} profile an administrator account must be
 * configured explicitly, {@code camunda.bpm.admin-user.id} and {@code .password}. Runs before any
 * bean exists, so nothing is written to the database of a server that does not start.
 */
public class AdministratorAccountCheck implements EnvironmentPostProcessor, Ordered {

  public static final String DEMO_PROFILE = "demo";
  static final String ID = "camunda.bpm.admin-user.id";
  static final String PASSWORD = "camunda.bpm.admin-user.password";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (Arrays.asList(environment.getActiveProfiles()).contains(DEMO_PROFILE)) {
      return;
    }
    String id = environment.getProperty(ID);
    String password = environment.getProperty(PASSWORD);
    if (!StringUtils.hasText(id) || !StringUtils.hasText(password)) {
      throw new MissingAdministratorException(
          "No administrator account is configured, and the demo profile (which creates one) is not active.");
    }
    if (password.equals(id)) {
      throw new MissingAdministratorException(
          "The administrator's password equals its user id: choose a password of its own.");
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /** Start-up stopped: there is no usable administrator account. */
  public static class MissingAdministratorException extends IllegalStateException {
    public MissingAdministratorException(String problem) {
      super(problem + " Set " + ID + " and " + PASSWORD
          + " (environment: CAMUNDA_BPM_ADMINUSER_ID and CAMUNDA_BPM_ADMINUSER_PASSWORD; the password needs"
          + " at least 10 characters with upper- and lower-case letters, a digit and a special character),"
          + " or start with --spring.profiles.active=demo to try Lianbao with its demo accounts.");
    }
  }
}
