package cn.lianbao.process;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the rules of one task event work out and pass on to the rules after them, one value per
 * type (a record of the rule that gives it). A rule gives and uses only the types its line of
 * {@link TaskRules#LIST} declares; {@link TaskRules} checks that a type is given before it is used.
 * Lives for one event of one task; nothing of it is stored.
 */
public final class TaskFacts {

  private final Map<Class<?>, Object> facts = new HashMap<>();
  private TaskRules.Rule running;

  TaskFacts() {}

  /** Passes {@code fact} on to the rules after this one. */
  public <T> void give(Class<T> type, T fact) {
    if (running != null && !running.gives().contains(type)) {
      throw new IllegalStateException("task rule " + running.id() + " gives " + type.getSimpleName()
          + " but TaskRules.LIST does not say so");
    }
    facts.put(type, type.cast(fact));
  }

  /** What an earlier rule of this event gave, if it gave it (it may have nothing to say about a task). */
  public <T> Optional<T> find(Class<T> type) {
    if (running != null && !running.uses().contains(type)) {
      throw new IllegalStateException("task rule " + running.id() + " uses " + type.getSimpleName()
          + " but TaskRules.LIST does not say so");
    }
    return Optional.ofNullable(type.cast(facts.get(type)));
  }

  void running(TaskRules.Rule rule) {
    this.running = rule;
  }
}
