package cn.lianbao.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The engine wraps whatever a task or execution listener throws into a generic
 * {@code ProcessEngineException} (HTTP 500). This outermost command interceptor, which sees the
 * exception after the transaction was rolled back, hands a {@link Refusal} found in the causes to
 * the caller as it was thrown, so that the REST API answers 400 with its message.
 */
@Component
public class RefusalUnwrapping extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired();
    if (interceptors == null) {
      interceptors = new ArrayList<>();
      configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }
    interceptors.add(0, new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        try {
          return next.execute(command);
        } catch (RuntimeException e) {
          throw refusalIn(e);
        }
      }
    });
  }

  static RuntimeException refusalIn(RuntimeException thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof Refusal && cause instanceof RuntimeException refusal) {
        return refusal;
      }
    }
    return thrown;
  }
}
