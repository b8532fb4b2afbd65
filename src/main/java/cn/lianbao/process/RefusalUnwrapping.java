package cn.lianbao.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The engine wraps whatever a task or execution listener throws into a generic
 * {@code ProcessEngineException} (HTTP 500). This outermost command interceptor, which sees the
 * exception after the transaction was rolled back, hands a {@link Refusal} found in the causes to
 * the caller as it was thrown, so that the REST API answers 400 with its message.
 *
 * <p>It also logs what a command threw, in place of the engine (whose command exception logging is
 * switched off, as it would log every refusal as an ERROR with its stack trace): a refusal, a task
 * claimed by someone else, in one line at INFO; a concurrent change, a bad request or a missing
 * right at DEBUG, as the engine did; anything else at ERROR with its stack trace.
 */
@Component
public class RefusalUnwrapping extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(RefusalUnwrapping.class);
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnableCmdExceptionLogging(false);
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired();
    if (interceptors == null) {
      interceptors = new ArrayList<>();
      configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }
    interceptors.add(0, new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
          return next.execute(command);
        } catch (RuntimeException e) {
          RuntimeException thrown = refusalIn(e);
          if (depth[0] == 1) {
            log(command, thrown);
          }
          throw thrown;
        } finally {
          depth[0]--;
        }
      }
    });
  }

  static void log(Command<?> command, RuntimeException thrown) {
    String name = command.getClass().getSimpleName();
    if (thrown instanceof Refusal || thrown instanceof TaskAlreadyClaimedException || isMissing(thrown)) {
      LOG.info("Refused ({}): {}", name, oneLine(thrown.getMessage()));
    } else if (thrown instanceof OptimisticLockingException || thrown instanceof BadUserRequestException
        || thrown instanceof AuthorizationException) {
      LOG.debug("{} failed: {}", name, oneLine(thrown.getMessage()));
    } else {
      LOG.error("{} failed", name, thrown);
    }
  }

  /** Whether the engine says that what a caller named (a task, an instance) does not exist. */
  public static boolean isMissing(Throwable thrown) {
    return thrown instanceof NullValueException && thrown.getMessage() != null
        && thrown.getMessage().matches("(?is).*(cannot find|doesn't exist|does not exist|not found).*");
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
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
