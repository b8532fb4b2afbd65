package cn.lianbao.security;

import cn.lianbao.process.RefusedRequestException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * A new or changed password that breaks the password policy is the caller's to correct: the engine
 * throws a bare "Password does not match policy" (HTTP 500); this turns it into a refusal (400) that
 * names the rules, whether the user was saved through the REST API or the Admin webapp.
 */
@Component
public class PasswordPolicyRefusal extends AbstractProcessEnginePlugin {

  static final String ENGINE_MESSAGE = "Password does not match policy";
  static final String MESSAGE = "密码不符合密码规则：" + PasswordRules.ALL + "。";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired();
    if (interceptors == null) {
      interceptors = new ArrayList<>();
      configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }
    interceptors.add(new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        try {
          return next.execute(command);
        } catch (ProcessEngineException e) {
          if (ENGINE_MESSAGE.equals(e.getMessage())) {
            throw new RefusedRequestException(MESSAGE);
          }
          throw e;
        }
      }
    });
  }
}
