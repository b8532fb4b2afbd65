package cn.lianbao.plan;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.escalation.Escalation;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.junit.jupiter.api.Test;

/**
 * The contract between plan-milestone and the kinds of work, read from the diagrams and the
 * sources: the milestone owns its state, a kind of work gets a declared work order and reports
 * delivery exactly once on every path that ends it, and every element id a descriptor names exists.
 */
class MilestoneContractTest {

  private static final Path PROCESSES = Path.of("processes");
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Set<String> MILESTONE_STATE = Set.of(PlanMilestoneProcess.DELIVERED.name(),
      PlanMilestoneProcess.DELIVERED_AT.name(), PlanMilestoneProcess.OVERDUE.name(),
      PlanMilestoneProcess.DAYS_OVERDUE.name(), PlanMilestoneProcess.ESCALATION_LEVEL.name(),
      PlanMilestoneProcess.WORK_KIND.name());

  @Test
  void everyKindOfWorkReportsDeliveryExactlyOnceOnEveryPathToAnEnd() {
    for (String kind : PlanFileReader.WORK_KINDS) {
      BpmnModelInstance model = Bpmn.readModelFromFile(PROCESSES.resolve(kind + ".bpmn").toFile());
      StartEvent start = model.getModelElementsByType(StartEvent.class).stream()
          .filter(event -> !(event.getParentElement() instanceof SubProcess)).findFirst().orElseThrow();
      List<String> faults = new ArrayList<>();
      walk(start, 0, new ArrayList<>(), faults);
      assertThat(faults).as(kind + ": paths to an end with a delivery count other than one").isEmpty();
      for (IntermediateThrowEvent report : deliveryReports(model)) {
        assertThat(report.isCamundaAsyncBefore()).as(kind + ": " + report.getId() + " reports in its own job").isTrue();
        MessageEventDefinition message = (MessageEventDefinition) report.getEventDefinitions().iterator().next();
        assertThat(message.getCamundaDelegateExpression()).as(kind + ": the one shared delegate")
            .isEqualTo("${milestoneDelivery}");
      }
    }
  }

  /** Follows every path without going round a loop twice; at an end, exactly one report must lie behind. */
  private static void walk(FlowNode node, int reports, List<String> path, List<String> faults) {
    if (path.contains(node.getId())) {
      return;
    }
    List<String> here = new ArrayList<>(path);
    here.add(node.getId());
    int seen = reports + (isDeliveryReport(node) ? 1 : 0);
    if (node instanceof SubProcess sub && !sub.triggeredByEvent()) {
      // a delivery inside an embedded subprocess counts once for all of its inner paths
      boolean inside = sub.getChildElementsByType(IntermediateThrowEvent.class).stream()
          .anyMatch(MilestoneContractTest::isDeliveryReport);
      seen += inside ? 1 : 0;
    }
    if (node instanceof EndEvent && !(node.getParentElement() instanceof SubProcess)) {
      if (seen != 1) {
        faults.add(String.join(" → ", here) + " (" + seen + ")");
      }
      return;
    }
    for (SequenceFlow out : node.getOutgoing()) {
      walk(out.getTarget(), seen, here, faults);
    }
  }

  private static boolean isDeliveryReport(FlowNode node) {
    return node instanceof IntermediateThrowEvent event && event.getEventDefinitions().stream()
        .anyMatch(definition -> definition instanceof MessageEventDefinition message && message.getMessage() != null
            && PlanMilestoneProcess.DELIVERED_MESSAGE.equals(message.getMessage().getName()));
  }

  private static List<IntermediateThrowEvent> deliveryReports(BpmnModelInstance model) {
    return model.getModelElementsByType(IntermediateThrowEvent.class).stream()
        .filter(MilestoneContractTest::isDeliveryReport).toList();
  }

  @Test
  void theWorkOrderIsDeclaredAndNothingElseCrossesIntoTheWork() throws IOException {
    BpmnModelInstance milestone = Bpmn.readModelFromFile(PROCESSES.resolve("plan-milestone.bpmn").toFile());
    CallActivity doWork = milestone.getModelElementById(PlanMilestoneProcess.Elements.DO_WORK);
    List<String> mapped = new ArrayList<>();
    for (CamundaIn in : doWork.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list()) {
      assertThat(in.getCamundaVariables()).as("no variables=\"all\"").isNull();
      if (in.getCamundaBusinessKey() == null) {
        mapped.add(in.getCamundaTarget());
        assertThat(in.getCamundaSource() == null || in.getCamundaSource().equals(in.getCamundaTarget()))
            .as(in.getCamundaTarget() + " keeps its name").isTrue();
      }
    }
    assertThat(mapped).containsExactlyInAnyOrderElementsOf(
        WorkVariables.WORK_ORDER.stream().map(variable -> variable.name()).toList());

    for (Path file : bpmnFiles()) {
      assertThat(Files.readString(file)).as(file + ": no call activity passes every variable")
          .doesNotContain("variables=\"all\"");
    }
    for (String kind : PlanFileReader.WORK_KINDS) {
      String xml = Files.readString(PROCESSES.resolve(kind + ".bpmn"));
      Matcher expression = Pattern.compile("\\$\\{([^}]*)}").matcher(xml);
      while (expression.find()) {
        for (String word : expression.group(1).split("[^A-Za-z0-9_]+")) {
          assertThat(MILESTONE_STATE).as(kind + ": reads the milestone's state in ${" + expression.group(1) + "}")
              .doesNotContain(word);
        }
      }
    }
  }

  @Test
  void noCodeReachesIntoAnotherInstanceOrPatchesAJob() throws IOException {
    Pattern forbidden = Pattern.compile("getSuperExecution\\s*\\(|setJobDuedate\\s*\\(|getSubProcessInstance\\s*\\("
        + "|[Rr]untimeService\\(?\\)?\\s*\\.\\s*(setVariable|setVariables|setVariableLocal|setVariablesLocal|removeVariable)\\s*\\("
        + "|getRuntimeService\\(\\)\\s*\\.\\s*(setVariable|setVariables|setVariableLocal|setVariablesLocal|removeVariable)\\s*\\(");
    List<String> found = new ArrayList<>();
    try (Stream<Path> sources = Files.walk(SOURCES)) {
      for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          if (forbidden.matcher(lines.get(i)).find()) {
            found.add(source + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertThat(found).as("process code sets variables only on its own instance and lets the engine arm timers")
        .isEmpty();
  }

  @Test
  void everyElementIdADescriptorNamesExistsInItsDiagram() throws Exception {
    Set<String> checked = new HashSet<>();
    try (Stream<Path> sources = Files.walk(SOURCES)) {
      for (Path source : sources.filter(path -> path.getFileName().toString().endsWith("Process.java")).toList()) {
        String name = SOURCES.relativize(source).toString().replace('/', '.').replaceAll("\\.java$", "");
        Class<?> descriptor = Class.forName(name);
        Field resource = fieldOrNull(descriptor, "RESOURCE");
        Class<?> elements = nested(descriptor, "Elements");
        if (resource == null || elements == null) {
          continue;
        }
        checkIds((String) resource.get(null), elements);
        checked.add(descriptor.getSimpleName());
      }
    }
    checkIds(PlanMilestoneProcess.RESOURCE, Escalation.Elements.class);
    assertThat(checked).contains("PlanMilestoneProcess", "JointPatrolProcess", "ProgressReportProcess");
  }

  private static void checkIds(String resource, Class<?> elements) throws IOException, IllegalAccessException {
    BpmnModelInstance model = Bpmn.readModelFromFile(Path.of(resource).toFile());
    for (Field field : elements.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        String id = (String) field.get(null);
        assertThat((Object) model.getModelElementById(id))
            .as(resource + " has " + elements.getName() + "." + field.getName() + " = " + id).isNotNull();
      }
    }
  }

  private static Field fieldOrNull(Class<?> type, String name) {
    try {
      return type.getField(name);
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  private static Class<?> nested(Class<?> type, String name) {
    return Stream.of(type.getDeclaredClasses()).filter(nested -> nested.getSimpleName().equals(name))
        .findFirst().orElse(null);
  }

  private static List<Path> bpmnFiles() throws IOException {
    try (Stream<Path> files = Files.list(PROCESSES)) {
      return files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
    }
  }
}
