package cn.lianbao;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.form.FormDefinitions;
import cn.lianbao.form.FormField;
import cn.lianbao.guidance.Guidance;
import cn.lianbao.plan.PlanFileReader;
import cn.lianbao.process.ProcessBeans;
import cn.lianbao.process.ProcessVariable;
import cn.lianbao.process.TaskRule;
import cn.lianbao.process.TaskRules;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.junit.jupiter.api.Test;

/**
 * The conventions of processes/ and forms/, checked on the source tree: a file that breaks one
 * fails the build with the file and the element named.
 */
class ConventionsTest {

  static final Path PROCESSES = Path.of("processes");
  static final Path FORMS = Path.of("forms");
  static final Path SOURCES = Path.of("src/main/java");
  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
  static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
  static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w\"'])([a-zA-Z_]\\w*)(?![\\w\"'])");
  static final Set<String> EL_WORDS = Set.of("execution", "task", "true", "false", "null", "empty", "not",
      "and", "or", "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof", "currentUser", "currentUserGroups");

  static final Map<Class<? extends BaseElement>, String> PREFIXES = Map.ofEntries(
      Map.entry(StartEvent.class, "startEvent_"), Map.entry(EndEvent.class, "endEvent_"),
      Map.entry(UserTask.class, "userTask_"), Map.entry(ServiceTask.class, "serviceTask_"),
      Map.entry(CallActivity.class, "callActivity_"), Map.entry(ExclusiveGateway.class, "exclusiveGateway_"),
      Map.entry(ParallelGateway.class, "parallelGateway_"), Map.entry(SequenceFlow.class, "flow_"),
      Map.entry(BoundaryEvent.class, "boundary_"), Map.entry(SubProcess.class, "subProcess_"),
      Map.entry(IntermediateCatchEvent.class, "intermediateEvent_"),
      Map.entry(IntermediateThrowEvent.class, "throwEvent_"));

  @Test
  void everyProcessIsNamedForItsFileKeepsItsHistoryAndHasACompleteDiagram() throws IOException {
    for (Path file : files(PROCESSES, ".bpmn")) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      Bpmn.validateModel(model);
      String key = file.getFileName().toString().replace(".bpmn", "");
      Collection<Process> processes = model.getModelElementsByType(Process.class);
      assertThat(processes).as(file + " holds one process").singleElement().satisfies(process -> {
        assertThat(process.getId()).as(file + ": the process id is the file name").isEqualTo(key);
        assertThat(process.isExecutable()).as(file + " is executable").isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).as(file + ": camunda:historyTimeToLive").isNotBlank();
        assertThat(process.getName()).as(file + ": a Chinese name").containsPattern(CHINESE);
        assertThat(process.isCamundaStartableInTasklist())
            .as(file + ": only the year's plan and an event campaign are started in Tasklist")
            .isEqualTo(key.equals("annual-plan") || key.equals("event-campaign"));
      });
      Set<String> drawn = new HashSet<>();
      model.getModelElementsByType(BpmnShape.class).forEach(shape -> drawn.add(shape.getBpmnElement().getId()));
      model.getModelElementsByType(BpmnEdge.class).forEach(edge -> drawn.add(edge.getBpmnElement().getId()));
      for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
        assertThat(drawn).as(file + ": " + element.getId() + " has a shape or edge in the diagram")
            .contains(element.getId());
      }
    }
  }

  @Test
  void idsAreAsciiAndPrefixedByTypeAndWhatPeopleSeeIsChinese() throws IOException {
    for (Path file : files(PROCESSES, ".bpmn")) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
        String prefix = PREFIXES.entrySet().stream().filter(entry -> entry.getKey().isInstance(element))
            .map(Map.Entry::getValue).findFirst().orElse(null);
        assertThat(prefix).as(file + ": element type of " + element.getId() + " has a naming rule").isNotNull();
        assertThat(element.getId()).as(file + ": id of a " + element.getElementType().getTypeName())
            .matches(Pattern.quote(prefix) + "[a-z][A-Za-z0-9]*");
        if (element instanceof FlowNode) {
          assertThat(element.getName()).as(file + ": " + element.getId() + " has a Chinese name")
              .isNotNull().containsPattern(CHINESE);
        }
      }
    }
  }

  @Test
  void everyUserTaskHasItsDatesItsGroupsAndAFormThatExists() throws IOException {
    for (Path file : files(PROCESSES, ".bpmn")) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        String where = file + ": " + task.getId();
        if (Guidance.TASKS.contains(task.getId())) {
          // the guiding agencies' tasks are no work that falls due (issue 12)
          assertThat(task.getCamundaDueDate()).as(where + " has no due date").isNull();
          assertThat(task.getCamundaFollowUpDate()).as(where + " has no follow-up date").isNull();
        } else {
          assertThat(task.getCamundaDueDate()).as(where + " has a due date").isNotBlank();
          assertThat(task.getCamundaFollowUpDate()).as(where + " has a follow-up date").isNotBlank();
        }
        assertThat(task.getCamundaCandidateGroups()).as(where + " has candidate groups").isNotBlank();
        assertThat(task.getCamundaFormKey()).as(where + " has an embedded form from the deployment")
            .startsWith("embedded:deployment:forms/");
        Path form = Path.of(task.getCamundaFormKey().substring("embedded:deployment:".length()));
        assertThat(form).as(where + ": its form").exists();
      }
      for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
        if (start.getCamundaFormKey() != null) {
          assertThat(Path.of(start.getCamundaFormKey().substring("embedded:deployment:".length())))
              .as(file + ": start form").exists();
        }
      }
    }
  }

  /**
   * Expressions resolve a process variable before a bean of the same name: a bean named like a
   * variable of any process (a descriptor's or a form field's) is shadowed wherever that variable
   * reaches, and the step silently runs something else or fails.
   */
  @Test
  void noBeanSharesItsNameWithAProcessVariable() throws IOException {
    Set<String> variables = new HashSet<>(declaredVariables());
    for (Path form : files(FORMS, ".html")) {
      FormDefinitions.parse(Files.readString(form)).forEach(field -> variables.add(field.name()));
    }
    assertThat(beanNames()).as("beans named like a process variable").doesNotContainAnyElementsOf(variables);
  }

  @Test
  void everyBeanAndVariableNamedInAnExpressionExists() throws IOException {
    Set<String> beans = beanNames();
    Set<String> declared = declaredVariables();
    for (Path file : files(PROCESSES, ".bpmn")) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      Set<String> known = new HashSet<>(declared);
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        formFields(task.getCamundaFormKey()).forEach(field -> known.add(field.name()));
      }
      List<DomElement> elements = new ArrayList<>();
      collect(model.getDocument().getRootElement(), elements);
      for (DomElement element : elements) {
        String delegate = element.getAttribute(CAMUNDA, "delegateExpression");
        if (delegate != null) {
          String bean = delegate.replaceAll("^[$#]\\{\\s*|\\s*}$", "");
          assertThat(beans).as(file + ": bean " + bean + " of " + element.getAttribute("id")).contains(bean);
        }
        String variable = element.getAttribute(CAMUNDA, "elementVariable");
        if (variable != null) {
          known.add(variable);
        }
      }
      for (DomElement element : elements) {
        for (String text : texts(element)) {
          Matcher expression = EXPRESSION.matcher(text);
          while (expression.find()) {
            Matcher identifier = IDENTIFIER.matcher(expression.group(1));
            while (identifier.find()) {
              String name = identifier.group(1);
              boolean call = expression.group(1).substring(identifier.end()).startsWith(".")
                  || expression.group(1).substring(identifier.end()).startsWith("(");
              if (EL_WORDS.contains(name)) {
                continue;
              }
              if (call && !known.contains(name)) {
                assertThat(beans).as(file + ": bean " + name + " in " + expression.group()).contains(name);
              } else if (!beans.contains(name)) {
                assertThat(known).as(file + ": variable " + name + " in " + expression.group()
                    + " is set by a form of the process or declared in a process descriptor").contains(name);
              }
            }
          }
        }
      }
    }
  }

  /**
   * Expressions resolve only the beans of {@link ProcessBeans#NAMES}: every bean a process names is
   * there, and nothing else is (issue 8: not every Spring bean).
   */
  @Test
  void theEngineResolvesExactlyTheBeansTheProcessesName() throws IOException {
    Set<String> beans = beanNames();
    Set<String> named = new TreeSet<>();
    for (Path file : files(PROCESSES, ".bpmn")) {
      List<DomElement> elements = new ArrayList<>();
      collect(Bpmn.readModelFromFile(file.toFile()).getDocument().getRootElement(), elements);
      for (DomElement element : elements) {
        List<String> texts = new ArrayList<>(texts(element));
        String delegate = element.getAttribute(CAMUNDA, "delegateExpression");
        if (delegate != null) {
          texts.add(delegate);
        }
        for (String text : texts) {
          Matcher expression = EXPRESSION.matcher(text);
          while (expression.find()) {
            Matcher identifier = IDENTIFIER.matcher(expression.group(1));
            while (identifier.find()) {
              if (beans.contains(identifier.group(1))) {
                named.add(identifier.group(1));
              }
            }
          }
        }
      }
    }
    assertThat(named).as("beans named in processes/*.bpmn").isNotEmpty();
    assertThat(new TreeSet<>(ProcessBeans.NAMES)).as("ProcessBeans.NAMES").isEqualTo(named);
  }

  @Test
  void everyFormFieldHasANameATypeAndAChineseLabelAndEveryFormIsUsed() throws IOException {
    Set<String> used = new HashSet<>();
    for (Path file : files(PROCESSES, ".bpmn")) {
      String xml = Files.readString(file);
      Matcher key = Pattern.compile("embedded:deployment:(forms/[\\w.-]+)").matcher(xml);
      while (key.find()) {
        used.add(key.group(1));
      }
    }
    Set<String> types = Set.of("String", "Integer", "Long", "Short", "Double", "Boolean", "Date", "File", "Json");
    for (Path file : files(FORMS, ".html")) {
      assertThat(used).as(file + " is the form of some task").contains(FORMS.getFileName() + "/" + file.getFileName());
      List<FormField> fields = FormDefinitions.parse(Files.readString(file, StandardCharsets.UTF_8));
      assertThat(fields).as(file + " has fields").isNotEmpty();
      for (FormField field : fields) {
        String where = file + ": " + field.name();
        assertThat(field.name()).as(where).matches("[a-z][A-Za-z0-9]*");
        assertThat(types).as(where + ": cam-variable-type").contains(field.type());
        assertThat(field.label()).as(where + ": a Chinese label").containsPattern(CHINESE);
        if (field.day()) {
          assertThat(field.type()).as(where + ": a day is a String yyyy-MM-dd").isEqualTo("String");
        }
        if (field.type().equals("File")) {
          assertThat(field.maxFileSize()).as(where + ": cam-max-filesize").isNotNull();
          assertThat(field.extensions()).as(where + ": accepted documents").isNotEmpty();
        }
      }
    }
  }

  /** Ways to add listeners to every process or task: a parse listener, or a listener added to a parsed definition. */
  static final Pattern REGISTERS_EVERYWHERE = Pattern.compile(
      "(?<!\\w)(onEveryUserTask|addParseListener|addBuiltInTaskListener|addTaskListener|addBuiltInListener"
          + "|addListener|addExecutionListener)\\s*\\(|BpmnParseListener|BPMNParseListeners");

  /**
   * Registers its own task listeners until it joins {@link TaskRules#LIST}: the security package is
   * changed by another part of issue 11. Remove it from here when it moves (the test says when).
   */
  static final Set<String> NOT_YET_IN_TASK_RULES = Set.of();

  /**
   * The rules for every process and task are registered in one place, {@link TaskRules}: no other
   * class adds listeners through a parse listener, and every {@link TaskRule} has its line in the
   * list (issue 11: none of it shows in a diagram, so it shows there).
   */
  @Test
  void rulesForEveryTaskAreRegisteredOnlyInTheOneList() throws IOException {
    Set<String> allowed = Set.of("cn/lianbao/process/TaskRules.java", "cn/lianbao/process/EngineHooks.java");
    Set<String> registering = new TreeSet<>();
    try (Stream<Path> sources = Files.walk(SOURCES)) {
      for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
        String code = withoutComments(Files.readString(source));
        if (REGISTERS_EVERYWHERE.matcher(code).find()) {
          registering.add(SOURCES.relativize(source).toString().replace('\\', '/'));
        }
      }
    }
    registering.removeAll(allowed);
    assertThat(registering).as("classes that add listeners to every process or task outside TaskRules.LIST")
        .isEqualTo(NOT_YET_IN_TASK_RULES);

    Set<Class<?>> listed = new HashSet<>();
    TaskRules.LIST.forEach(rule -> listed.add(rule.type()));
    for (Class<?> type : mainClasses()) {
      if (TaskRule.class.isAssignableFrom(type) && !type.isInterface()
          && !Modifier.isAbstract(type.getModifiers())) {
        assertThat(listed).as(type.getName() + " is a TaskRule: it has a line in TaskRules.LIST").contains(type);
      }
    }
  }

  /**
   * The rules run in the order the README lists them (in Chinese and in English), and a rule that
   * uses what another works out runs after it on the same event.
   */
  @Test
  void theRulesForEveryTaskRunInTheOrderTheReadmeListsAndGiveBeforeTheyUse() throws IOException {
    TaskRules.check(TaskRules.LIST);
    List<String> ids = TaskRules.LIST.stream().map(TaskRules.Rule::id).toList();
    assertThat(TaskRules.LIST).allSatisfy(rule ->
        assertThat(rule.reason()).as(rule.id() + " has a reason").isNotBlank());

    Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\| `(\\w+)` \\|").matcher(Files.readString(Path.of("README.md")));
    List<String> readme = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    while (row.find()) {
      numbers.add(row.group(1));
      readme.add(row.group(2));
    }
    List<String> twice = new ArrayList<>(ids);
    twice.addAll(ids);
    assertThat(readme)
        .as("README: the table of rules for every task, in Chinese and in English, in TaskRules.LIST's order")
        .isEqualTo(twice);
    for (int i = 0; i < numbers.size(); i++) {
      assertThat(numbers.get(i)).as("README: place of " + readme.get(i)).isEqualTo(String.valueOf(i % ids.size() + 1));
    }
  }

  @Test
  void everyKindOfWorkThePlanNamesIsAProcess() {
    for (String kind : PlanFileReader.WORK_KINDS) {
      assertThat(PROCESSES.resolve(kind + ".bpmn")).as("kind of work " + kind).exists();
    }
  }

  private static List<Path> files(Path folder, String ending) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> found = files.filter(file -> file.toString().endsWith(ending)).sorted().toList();
      assertThat(found).as(folder + " holds " + ending + " files").isNotEmpty();
      return found;
    }
  }

  private static List<FormField> formFields(String formKey) throws IOException {
    if (formKey == null || !formKey.startsWith("embedded:deployment:")) {
      return List.of();
    }
    Path form = Path.of(formKey.substring("embedded:deployment:".length()));
    return Files.exists(form) ? FormDefinitions.parse(Files.readString(form)) : List.of();
  }

  /** Names of the Spring beans the processes may use: {@code @Component("name")} in src/main/java. */
  private static Set<String> beanNames() throws IOException {
    Set<String> beans = new HashSet<>();
    Pattern component = Pattern.compile("@Component\\(\"(\\w+)\"\\)");
    try (Stream<Path> sources = Files.walk(SOURCES)) {
      for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
        Matcher matcher = component.matcher(Files.readString(source));
        while (matcher.find()) {
          beans.add(matcher.group(1));
        }
      }
    }
    return beans;
  }

  /** Variables declared in process descriptors: every ProcessVariable constant of the main classes. */
  private static Set<String> declaredVariables() throws IOException {
    Set<String> names = new HashSet<>();
    try (Stream<Path> sources = Files.walk(SOURCES)) {
      for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
        String className = SOURCES.relativize(source).toString().replace('/', '.').replace(".java", "");
        try {
          for (Class<?> type : withNested(Class.forName(className))) {
            for (Field field : type.getDeclaredFields()) {
              if (Modifier.isStatic(field.getModifiers()) && field.getType() == ProcessVariable.class) {
                field.setAccessible(true);
                names.add(((ProcessVariable<?>) field.get(null)).name());
              }
            }
          }
        } catch (ReflectiveOperationException | LinkageError e) {
          throw new AssertionError("cannot read " + className, e);
        }
      }
    }
    return names;
  }

  /** Every class of src/main/java, nested ones included. */
  private static List<Class<?>> mainClasses() throws IOException {
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> sources = Files.walk(SOURCES)) {
      for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
        String className = SOURCES.relativize(source).toString().replace('/', '.').replace(".java", "");
        try {
          classes.addAll(withNested(Class.forName(className)));
        } catch (ReflectiveOperationException | LinkageError e) {
          throw new AssertionError("cannot read " + className, e);
        }
      }
    }
    return classes;
  }

  /** Java source without its comments (a rough cut: enough for the patterns checked here). */
  private static String withoutComments(String code) {
    return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
  }

  private static List<Class<?>> withNested(Class<?> type) {
    List<Class<?>> all = new ArrayList<>(List.of(type));
    for (Class<?> nested : type.getDeclaredClasses()) {
      all.addAll(withNested(nested));
    }
    return all;
  }

  private static void collect(DomElement element, List<DomElement> into) {
    into.add(element);
    for (DomElement child : element.getChildElements()) {
      collect(child, into);
    }
  }

  /** Attribute values and text of an element that may hold expressions. */
  private static List<String> texts(DomElement element) {
    List<String> texts = new ArrayList<>();
    for (String attribute : List.of("candidateGroups", "dueDate", "followUpDate", "collection", "expression",
        "businessKey", "calledElement", "assignee", "candidateUsers")) {
      String value = element.getAttribute(CAMUNDA, attribute);
      if (value == null) {
        value = element.getAttribute(attribute);
      }
      if (value != null) {
        texts.add(value);
      }
    }
    String local = element.getLocalName();
    if (List.of("conditionExpression", "timeDate", "timeDuration", "timeCycle", "documentation").contains(local)) {
      texts.add(element.getTextContent());
    }
    return texts;
  }

}
