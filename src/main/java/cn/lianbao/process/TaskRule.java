package cn.lianbao.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;

/**
 * A rule that applies to every process or every user task, whatever its BPMN says. A rule is a
 * plain bean: it is no engine plugin and registers nothing itself. {@link TaskRules#LIST} names it,
 * with the events it runs on, its place among the others and the reason it exists, and calls only
 * the methods of those events.
 *
 * <p>The rules of one task event run one after the other in the list's order, sharing one
 * {@link TaskFacts}: what a rule works out for the rules after it, it gives there as a value (as the
 * task's title for the new-work notice), never as text for them to read back.
 */
public interface TaskRule {

  /** {@link TaskRules.On#PARSE}: a process definition is parsed, when deployed or first used after a start-up. */
  default void parsed(ProcessDefinitionEntity process) {}

  /** {@link TaskRules.On#START}: a process instance starts. */
  default void started(DelegateExecution instance) {}

  /** {@link TaskRules.On#CREATE}: a user task is created (its candidates and dates are set). */
  default void created(DelegateTask task, TaskFacts facts) {}

  /** {@link TaskRules.On#ASSIGNMENT}: a user task is given to someone. */
  default void assigned(DelegateTask task, TaskFacts facts) {}

  /** {@link TaskRules.On#UPDATE}: a user task's own fields (name, dates, …) change. */
  default void updated(DelegateTask task, TaskFacts facts) {}

  /** {@link TaskRules.On#COMPLETE}: a user task completes; what it throws refuses the completion. */
  default void completing(DelegateTask task, TaskFacts facts) {}
}
