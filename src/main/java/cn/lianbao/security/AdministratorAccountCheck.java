package cn.lianbao.security;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Refuses to start a server that nobody could administer, or whose administrator has a password
 * that anyone can guess: outside the {@code demo} profile an administrator account must be
 * configured explicitly, {@code camunda.bpm.admin-user.id} and {@code .password}, and the password
 * must meet the password policy (the engine would refuse it only after creating the database).
 * Runs before any bean exists, so nothing is written to the database of a server that does not start.
 */
public class AdministratorAccountCheck implements EnvironmentPostProcessor, Ordered {

  public static final String DEMO_PROFILE = "demo";
  static final String PREFIX = "camunda.bpm.admin-user.";
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
      throw new MissingAdministratorException("没有配置管理员账号，也没有启用（会创建演示账号的）demo 模式。"
          + " / No administrator account is configured, and the demo profile (which creates one) is not active.");
    }
    if (password.equals(id)) {
      throw new MissingAdministratorException(
          "管理员密码与账号相同，请另选密码。 / The administrator's password equals its user id: choose a password of its own.");
    }
    UserEntity administrator = new UserEntity(id);
    administrator.setFirstName(environment.getProperty(PREFIX + "first-name"));
    administrator.setLastName(environment.getProperty(PREFIX + "last-name"));
    administrator.setEmail(environment.getProperty(PREFIX + "email"));
    List<String> broken = PasswordRules.broken(password, administrator);
    if (!broken.isEmpty()) {
      throw new MissingAdministratorException("管理员密码（" + PASSWORD + "）不符合密码规则：" + String.join("；", broken)
          + "。 / The administrator's password (" + PASSWORD + ") breaks the password policy: "
          + String.join("; ", broken) + ".");
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /** Start-up stopped: there is no usable administrator account. */
  public static class MissingAdministratorException extends IllegalStateException {
    public MissingAdministratorException(String problem) {
      super(problem + "\n请设置 " + ID + " 和 " + PASSWORD
          + "（环境变量 CAMUNDA_BPM_ADMINUSER_ID 和 CAMUNDA_BPM_ADMINUSER_PASSWORD；" + PasswordRules.ALL
          + "），或用 --spring.profiles.active=demo 以演示账号试用。"
          + "\nSet " + ID + " and " + PASSWORD
          + " (environment: CAMUNDA_BPM_ADMINUSER_ID and CAMUNDA_BPM_ADMINUSER_PASSWORD; the password needs"
          + " at least 10 characters with upper- and lower-case letters, a digit and a special character,"
          + " and must not contain the user id, name or e-mail),"
          + " or start with --spring.profiles.active=demo to try Lianbao with its demo accounts.");
    }
  }
}
