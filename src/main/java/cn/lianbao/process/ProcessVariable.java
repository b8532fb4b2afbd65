package cn.lianbao.process;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * A process variable with its name and type, declared once in a process descriptor and used
 * everywhere instead of a string and a cast. Reading a variable that is missing or of another
 * type fails with a message that names it.
 */
public final class ProcessVariable<T> {

  private final String name;
  private final Class<T> type;

  private ProcessVariable(String name, Class<T> type) {
    this.name = Objects.requireNonNull(name);
    this.type = Objects.requireNonNull(type);
  }

  public static <T> ProcessVariable<T> of(String name, Class<T> type) {
    return new ProcessVariable<>(name, type);
  }

  /** A list of strings, such as candidate groups (stored as JSON). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static ProcessVariable<List<String>> stringList(String name) {
    return new ProcessVariable<>(name, (Class<List<String>>) (Class) List.class);
  }

  /** A list of maps, such as the problems found on a patrol (stored as JSON). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static ProcessVariable<List<Map<String, Object>>> mapList(String name) {
    return new ProcessVariable<>(name, (Class<List<Map<String, Object>>>) (Class) List.class);
  }

  public String name() {
    return name;
  }

  public Class<T> type() {
    return type;
  }

  /** The value, or an exception naming the variable when it is absent. */
  public T get(VariableScope scope) {
    return find(scope).orElseThrow(() -> new IllegalStateException(
        "process variable '" + name + "' (" + type.getSimpleName() + ") is not set"));
  }

  public Optional<T> find(VariableScope scope) {
    return cast(scope.getVariable(name));
  }

  /** The value in a map of variables, such as those of a form submit. */
  public Optional<T> find(Map<String, ?> variables) {
    return cast(variables.get(name));
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  /** A new variable map holding this variable. */
  public VariableMap with(T value) {
    return Variables.createVariables().putValue(name, value);
  }

  /** The same map with this variable added. */
  public VariableMap putIn(VariableMap variables, T value) {
    return variables.putValue(name, value);
  }

  private Optional<T> cast(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (!type.isInstance(value)) {
      throw new IllegalStateException("process variable '" + name + "' should be a " + type.getSimpleName()
          + " but is a " + value.getClass().getSimpleName());
    }
    return Optional.of(type.cast(value));
  }

  @Override
  public String toString() {
    return name + ":" + type.getSimpleName();
  }
}
