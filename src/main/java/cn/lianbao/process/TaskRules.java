package cn.lianbao.process;

import static cn.lianbao.process.TaskRules.On.ASSIGNMENT;
import static cn.lianbao.process.TaskRules.On.COMPLETE;
import static cn.lianbao.process.TaskRules.On.CREATE;
import static cn.lianbao.process.TaskRules.On.PARSE;
import static cn.lianbao.process.TaskRules.On.START;
import static cn.lianbao.process.TaskRules.On.UPDATE;

import cn.lianbao.form.FormCheckOnComplete;
import cn.lianbao.notice.NewWorkNotices;
import cn.lianbao.plan.RecordKeeping;
import cn.lianbao.plan.TaskTitle;
import cn.lianbao.plan.TaskTitles;
import cn.lianbao.security.TaskAssignmentPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The rules that apply to every process and every user task, whatever its BPMN says — the one
 * place they are registered, none of them shows in a diagram. {@link #LIST} names each, in the order
 * they run on an event, with the events it runs on, what it passes on to later rules
 * ({@link TaskFacts}) and why it exists. The rules themselves are plain beans ({@link TaskRule});
 * this plugin adds one parse listener that gives every process and every user task one built-in
 * listener per event, which runs the event's rules in the list's order.
 *
 * <p>A {@link TaskRule} bean that is not in the list, a listed rule without its bean, or a rule that
 * uses a fact no earlier rule of its event gives stops the start-up; {@code ConventionsTest} fails
 * when a class other than this one adds listeners through a parse listener.
 *
 * <p>Not yet here: {@code cn.lianbao.security.TaskAssignmentPolicy} (a task's agency's leaders may
 * assign it; a task goes only to a member of its candidate groups) still registers its own create
 * and assignment listeners; its plugin runs first ({@code @Order(30)}), so its create listener runs
 * before this list's.
 */
@Component
@Order(60)
public class TaskRules extends AbstractProcessEnginePlugin {

  /** The events a rule runs on. */
  public enum On {
    /** A process definition is parsed: {@link TaskRule#parsed}. */
    PARSE(null),
    /** A process instance starts: {@link TaskRule#started}. */
    START(ExecutionListener.EVENTNAME_START),
    /** A user task is created: {@link TaskRule#created}. */
    CREATE(TaskListener.EVENTNAME_CREATE),
    /** A user task is given to someone: {@link TaskRule#assigned}. */
    ASSIGNMENT(TaskListener.EVENTNAME_ASSIGNMENT),
    /** A user task's fields change: {@link TaskRule#updated}. */
    UPDATE(TaskListener.EVENTNAME_UPDATE),
    /** A user task completes: {@link TaskRule#completing}. */
    COMPLETE(TaskListener.EVENTNAME_COMPLETE);

    private final String engineEvent;

    On(String engineEvent) {
      this.engineEvent = engineEvent;
    }

    /** The engine's name of the event ({@code create}, …); {@code null} for {@link #PARSE}. */
    public String engineEvent() {
      return engineEvent;
    }

    /** An event of a user task, whose rules share {@link TaskFacts}. */
    public boolean ofTask() {
      return this != PARSE && this != START;
    }
  }

  /**
   * One line of the list.
   *
   * @param id     how the README and the tests name it
   * @param type   the bean that implements it
   * @param on     the events it runs on
   * @param uses   the facts it reads from earlier rules of the same task event
   * @param gives  the facts it passes on to later rules of the same task event
   * @param reason why every process or task needs it
   */
  public record Rule(String id, Class<? extends TaskRule> type, Set<On> on, Set<Class<?>> uses,
      Set<Class<?>> gives, String reason) {

    public Rule {
      on = Set.copyOf(on);
      uses = Set.copyOf(uses);
      gives = Set.copyOf(gives);
    }

    public Rule uses(Class<?>... facts) {
      return new Rule(id, type, on, Set.of(facts), gives, reason);
    }

    public Rule gives(Class<?>... facts) {
      return new Rule(id, type, on, uses, Set.of(facts), reason);
    }
  }

  /** Every rule for every process and user task, in the order they run on each event. */
  public static final List<Rule> LIST = List.of(
      rule("records", RecordKeeping.class, on(PARSE, START),
          "a process keeps its history for lianbao.history-time-to-live days whatever its BPMN says, and "
              + "the agencies of an item read the instances of its work and their history"),
      rule("assignment", TaskAssignmentPolicy.class, on(CREATE, ASSIGNMENT),
          "an agency's leaders may (re)assign the tasks of its groups, and a task goes only to a member of "
              + "its candidate groups, whoever gives it"),
      rule("taskDates", VariableLimits.class, on(UPDATE),
          "a task's due and follow-up dates lie in 2000-2100: a date the database cannot hold is refused "
              + "naming the field (400), not at commit (500)"),
      rule("formCheck", FormCheckOnComplete.class, on(COMPLETE),
          "a task with an embedded form completes only with what its form requires: the browser is no "
              + "trust boundary, and the REST API has no form"),
      rule("titles", TaskTitles.class, on(CREATE),
          "a task of the plan says at a glance what and where (item, agencies, work) and quotes the plan "
              + "in its description")
          .gives(TaskTitle.class),
      rule("newWorkNotices", NewWorkNotices.class, on(CREATE),
          "the members of a plan task's agencies learn of new work by mail; after titles, whose "
              + "TaskTitle names the item and the task as Tasklist shows them")
          .uses(TaskTitle.class));

  /** A listed rule and its bean. */
  private record Bound(Rule rule, TaskRule bean) {}

  private final Map<On, List<Bound>> byEvent = new EnumMap<>(On.class);

  @Autowired
  public TaskRules(List<TaskRule> beans) {
    this(LIST, beans);
  }

  /** For tests: another list. */
  TaskRules(List<Rule> list, List<TaskRule> beans) {
    check(list);
    for (On event : On.values()) {
      byEvent.put(event, new ArrayList<>());
    }
    for (TaskRule bean : beans) {
      if (list.stream().noneMatch(rule -> rule.type().isInstance(bean))) {
        throw new IllegalStateException(bean.getClass().getName() + " is a TaskRule but not in TaskRules.LIST: "
            + "add it there, in its place, with its events and its reason");
      }
    }
    for (Rule rule : list) {
      List<TaskRule> found = beans.stream().filter(rule.type()::isInstance).toList();
      if (found.size() != 1) {
        throw new IllegalStateException("task rule " + rule.id() + " needs one bean of " + rule.type().getName()
            + ", found " + found.size());
      }
      for (On event : On.values()) {
        if (rule.on().contains(event)) {
          byEvent.get(event).add(new Bound(rule, found.get(0)));
        }
      }
    }
  }

  /**
   * Refuses a list whose ids repeat, whose rule runs on no event, or whose rule uses a fact that no
   * earlier rule of each of its task events gives.
   */
  public static void check(List<Rule> list) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Rule rule = list.get(i);
      if (!ids.add(rule.id())) {
        throw new IllegalStateException("task rule " + rule.id() + " is listed twice");
      }
      if (rule.on().isEmpty()) {
        throw new IllegalStateException("task rule " + rule.id() + " runs on no event");
      }
      if (rule.on().stream().noneMatch(On::ofTask) && !(rule.uses().isEmpty() && rule.gives().isEmpty())) {
        throw new IllegalStateException("task rule " + rule.id() + " shares facts but runs on no task event");
      }
      List<Rule> earlier = list.subList(0, i);
      for (Class<?> fact : rule.uses()) {
        for (On event : rule.on()) {
          if (event.ofTask() && earlier.stream()
              .noneMatch(before -> before.on().contains(event) && before.gives().contains(fact))) {
            throw new IllegalStateException("task rule " + rule.id() + " uses " + fact.getSimpleName() + " on "
                + event + ", but no rule before it gives it on " + event);
          }
        }
      }
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineHooks.addParseListener(configuration, new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
        byEvent.get(PARSE).forEach(bound -> bound.bean().parsed(process));
        List<Bound> starting = byEvent.get(START);
        if (!starting.isEmpty()) {
          process.addBuiltInListener(START.engineEvent(),
              (ExecutionListener) instance -> starting.forEach(bound -> bound.bean().started(instance)));
        }
      }

      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        for (On event : On.values()) {
          List<Bound> rules = byEvent.get(event);
          if (event.ofTask() && !rules.isEmpty()) {
            definition.addBuiltInTaskListener(event.engineEvent(), task -> run(event, rules, task));
          }
        }
      }
    });
  }

  /** The rules of one task event, in the list's order, sharing what they work out. */
  private static void run(On event, List<Bound> rules, DelegateTask task) {
    TaskFacts facts = new TaskFacts();
    for (Bound bound : rules) {
      facts.running(bound.rule());
      TaskRule rule = bound.bean();
      switch (event) {
        case CREATE -> rule.created(task, facts);
        case ASSIGNMENT -> rule.assigned(task, facts);
        case UPDATE -> rule.updated(task, facts);
        case COMPLETE -> rule.completing(task, facts);
        default -> throw new IllegalStateException("not a task event: " + event);
      }
    }
  }

  /** The ids of the rules that run on {@code event}, in order. */
  public List<String> running(On event) {
    return byEvent.get(event).stream().map(bound -> bound.rule().id()).toList();
  }

  private static Rule rule(String id, Class<? extends TaskRule> type, Set<On> on, String reason) {
    return new Rule(id, type, on, Set.of(), Set.of(), reason);
  }

  private static Set<On> on(On... events) {
    return EnumSet.copyOf(Arrays.asList(events));
  }
}
