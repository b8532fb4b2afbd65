package cn.lianbao.security;

import java.util.List;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;

/**
 * Camunda's password policy ({@code enable-password-policy: true}), told in Chinese: the rules every
 * password must meet, and which of them a given password breaks.
 */
public final class PasswordRules {

  /** All the rules in one sentence. */
  public static final String ALL = "密码至少 10 个字符，至少含 1 个小写字母、1 个大写字母、1 个数字和 1 个特殊字符（如 !@#%），"
      + "且不能包含账号、姓名或邮箱";

  private PasswordRules() {}

  /** The rules that {@code password} breaks for {@code user}, in Chinese; empty if it meets them all. */
  public static List<String> broken(String password, User user) {
    return new DefaultPasswordPolicyImpl().getRules().stream()
        .filter(rule -> !rule.execute(password, user))
        .map(PasswordRules::describe)
        .toList();
  }

  private static String describe(PasswordPolicyRule rule) {
    String count = rule.getParameters() == null || rule.getParameters().isEmpty()
        ? "" : rule.getParameters().values().iterator().next();
    return switch (rule.getPlaceholder()) {
      case "PASSWORD_POLICY_LENGTH" -> "至少 " + count + " 个字符";
      case "PASSWORD_POLICY_LOWERCASE" -> "至少 " + count + " 个小写字母";
      case "PASSWORD_POLICY_UPPERCASE" -> "至少 " + count + " 个大写字母";
      case "PASSWORD_POLICY_DIGIT" -> "至少 " + count + " 个数字";
      case "PASSWORD_POLICY_SPECIAL" -> "至少 " + count + " 个特殊字符（如 !@#%）";
      case "PASSWORD_POLICY_USER_DATA" -> "不能包含账号、姓名或邮箱";
      default -> rule.getPlaceholder();
    };
  }
}
