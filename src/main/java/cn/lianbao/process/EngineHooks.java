package cn.lianbao.process;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/** Rules that apply to every process: added to the engine's BPMN parse, before the engine starts. */
public final class EngineHooks {

  private EngineHooks() {}

  /**
   * Adds a parse listener that runs after the engine's own. Only {@link TaskRules} adds listeners to
   * every process or task this way ({@code ConventionsTest}): a new rule is a line of its list.
   */
  public static void addParseListener(ProcessEngineConfigurationImpl configuration, BpmnParseListener listener) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
    listeners.add(listener);
  }

  /**
   * Lets {@code check} see every command a caller (REST API, webapps, Java API) asks of the engine,
   * inside its transaction and command context, before it runs; not the commands the engine and the
   * processes' own code run inside it. What {@code check} throws refuses the command: nothing is done.
   */
  public static void checkEveryCallersCommand(ProcessEngineConfigurationImpl configuration,
      Consumer<Command<?>> check) {
    List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired();
    if (interceptors == null) {
      interceptors = new ArrayList<>();
      configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
    }
    ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);
    interceptors.add(new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        int outer = depth.get();
        depth.set(outer + 1);
        try {
          if (outer == 0) {
            check.accept(command);
          }
          return next.execute(command);
        } finally {
          depth.set(outer);
        }
      }
    });
  }

  /**
   * A field of one of the engine's commands, which keep what a caller passed in protected fields
   * without getters. Should a Camunda upgrade rename one, the check fails here (closed: the command
   * is refused), and the tests show it.
   */
  @SuppressWarnings("unchecked")
  public static <T> T field(Object command, String name) {
    for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return (T) field.get(command);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + name + " of " + command.getClass().getName(), e);
      }
    }
    throw new IllegalStateException("no field " + name + " in " + command.getClass().getName());
  }
}
