package cn.lianbao.form;

import static cn.lianbao.support.ProcessTests.candidateGroups;
import static cn.lianbao.support.ProcessTests.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.lianbao.document.OutcomeDocumentProcess;
import cn.lianbao.escalation.Escalation;
import cn.lianbao.guidance.Guidance;
import cn.lianbao.patrol.JointPatrolProcess;
import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.InvalidInputException;
import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import cn.lianbao.support.WebappSession;
import cn.lianbao.tasklist.TasklistFilters;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A task writes only its form's writable fields (issue 8): whatever else a completion carries is
 * refused with 400 naming it, and the task and the process stay as they were. Process state is
 * written by the processes only.
 */
@LianbaoTest
class FormWriteTest {

  /** The variables that only the processes write. */
  static final List<String> PROCESS_STATE = List.of(
      PlanMilestoneProcess.OVERDUE.name(), PlanMilestoneProcess.DAYS_OVERDUE.name(), "escalationLevel",
      WorkVariables.DEADLINE.name(), WorkVariables.FOLLOW_UP.name(), WorkVariables.OUTCOME_DEADLINE.name(),
      PlanMilestoneProcess.DELIVERED.name(), PlanMilestoneProcess.DELIVERED_AT.name(),
      WorkVariables.RESPONSIBLE_GROUPS.name(), WorkVariables.IMPLEMENTING_GROUPS.name(),
      WorkVariables.COOPERATING_GROUPS.name(), WorkVariables.CONTRIBUTOR_GROUPS.name(),
      WorkVariables.GUIDING_GROUPS.name(), WorkVariables.ITEM_GROUPS.name(), WorkVariables.AGENCY_GROUP.name(),
      Escalation.LATE_AGENCIES.name(), Escalation.LEVEL2_GROUPS.name(), Escalation.ESCALATED_GROUPS.name(),
      Escalation.LEVEL2_DUE.name(), Escalation.FINAL_DUE.name());

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  @Test
  void everyFormRefusesEveryProcessStateVariableAddedToItsSubmitAndNothingChanges() throws IOException {
    int year = 2063;
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 1, 4), 9));
    String suzhouOutfalls = year + "-4a-outfall-list:suzhou-gov";
    Set<String> tried = new TreeSet<>();
    driver.withValue(Escalation.COMMITTED_DAY.name(), today -> today.plusDays(10).toString())
        .withValue(Escalation.FINAL_DAY.name(), today -> today.plusDays(10).toString())
        // a problem found on each joint patrol, so that its rectification, verification and report come up
        .withValue(JointPatrolProcess.FINDINGS.name(), (task, today) -> "[{\"agency\":\""
            + ((List<?>) engine.getTaskService().getVariable(task.getId(), WorkVariables.RESPONSIBLE_GROUPS.name())).get(0)
            + "\",\"problem\":\"岸边堆放生活垃圾\"}]")
        .beforeEachCompletion(task -> {
          String form = driver.formResource(task);
          if (form != null && tried.add(form)) {
            tryEveryStateVariable(driver, task, form);
          }
        });
    driver.start("2021");
    // a guiding agency's task has no date, so the year's run never completes it: one is tried here
    for (String guidance : Guidance.TASKS) {
      Task guide = engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike(year + "-%")
          .taskDefinitionKey(guidance).listPage(0, 1).get(0);
      String form = driver.formResource(guide);
      if (tried.add(form)) {
        tryEveryStateVariable(driver, guide, form);
      }
    }
    // Suzhou's outfall list is late all year: its supervision forms come up, and come up again
    driver.workUntil(PlanDriver.at(LocalDate.of(year + 1, 1, 2), 9),
        task -> driver.businessKey(task).equals(suzhouOutfalls)
            && !TasklistFilters.SUPERVISION_TASKS.contains(task.getTaskDefinitionKey()));

    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      Set<String> taskForms = forms.map(path -> "forms/" + path.getFileName())
          .filter(form -> !form.endsWith("-start.html"))
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(tried).as("every task form was tried").isEqualTo(taskForms);
    }
  }

  private void tryEveryStateVariable(PlanDriver driver, Task task, String form) {
    for (String name : PROCESS_STATE) {
      Object before = engine.getTaskService().getVariable(task.getId(), name);
      VariableMap submit = driver.plausibleValues(task).putValue(name, attack(name, before));
      assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(), submit))
          .as(form + " with " + name)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(name)
          .hasMessageContaining("不接受变量");
      assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count())
          .as(form + ": the task stays open").isOne();
      assertThat(engine.getTaskService().getVariable(task.getId(), name))
          .as(form + ": " + name + " unchanged").isEqualTo(before);
    }
    assertThatThrownBy(() -> engine.getFormService().submitTaskForm(task.getId(),
        driver.plausibleValues(task).putValue(PlanMilestoneProcess.OVERDUE.name(),
            attack(PlanMilestoneProcess.OVERDUE.name(), engine.getTaskService().getVariable(task.getId(), "overdue")))))
        .as(form + " submitted as a form").isInstanceOf(InvalidInputException.class);
  }

  /** A value other than the current one, of the kind the variable holds. */
  static Object attack(String name, Object current) {
    return switch (name) {
      case "overdue", "delivered" -> !Boolean.TRUE.equals(current);
      case "daysOverdue", "escalationLevel" -> Objects.equals(current, 0) ? 99 : 0;
      case "agencyGroup" -> "qingpu-gov".equals(current) ? "suzhou-gov" : "qingpu-gov";
      default -> name.endsWith("Groups") || name.endsWith("Agencies")
          ? new ArrayList<>(List.of("jiaxing-gov"))
          : PlanDriver.endOfDay(2099, 12, 31);
    };
  }

  @Test
  void aContributorCannotMakeItselfResponsibleNorAnswerForAnotherAgency() {
    ProcessInstance document = startDocument("suzhou-gov", List.of("jiaxing-gov", "qingpu-gov"));
    Task draft = engine.getTaskService().createTaskQuery().processInstanceId(document.getId()).singleResult();
    engine.getTaskService().complete(draft.getId(), Variables.createVariables()
        .putValue(OutcomeDocumentProcess.DRAFT_DOCUMENT.name(), file("初稿.pdf", "%PDF-1.4 draft"))
        .putValue(OutcomeDocumentProcess.DRAFT_EXPLANATION.name(), "依据条例起草"));
    Map<String, Task> reviews = reviews(document);

    HttpResponse<String> qingpu = Http.as(port, "qingpu-gov-officer").post(
        "/engine-rest/task/" + reviews.get("qingpu-gov").getId() + "/complete", opinion("青浦区同意"));
    assertThat(qingpu.statusCode()).as(qingpu.body()).isEqualTo(204);

    // finding 1: Jiaxing names itself responsible, to get the lead's sign-off
    Http jiaxing = Http.as(port, "jiaxing-gov-officer");
    String jiaxingReview = "/engine-rest/task/" + reviews.get("jiaxing-gov").getId();
    HttpResponse<String> responsible = jiaxing.post(jiaxingReview + "/complete", opinion("嘉善同意",
        "\"responsibleGroups\":{\"value\":\"jiaxing-gov\",\"type\":\"String\"}"));
    assertThat(responsible.statusCode()).isEqualTo(400);
    assertThat(responsible.body()).contains("responsibleGroups").contains("不接受变量");
    // finding 2: Jiaxing answers as Qingpu, overwriting Qingpu's opinion (here through Tasklist's API)
    WebappSession tasklist = WebappSession.login(port, "tasklist", "jiaxing-gov-officer");
    HttpResponse<String> asQingpu = tasklist.post(WebappSession.ENGINE_API + "/task/"
        + reviews.get("jiaxing-gov").getId() + "/submit-form", opinion("青浦区不同意",
        "\"agencyGroup\":{\"value\":\"qingpu-gov\",\"type\":\"String\"}"));
    assertThat(asQingpu.statusCode()).isEqualTo(400);
    assertThat(asQingpu.body()).contains("agencyGroup");
    assertThat(engine.getTaskService().createTaskQuery().taskId(reviews.get("jiaxing-gov").getId()).count()).isOne();
    assertThat(engine.getRuntimeService().getVariable(document.getId(), WorkVariables.RESPONSIBLE_GROUPS.name()))
        .isEqualTo(List.of("suzhou-gov"));

    // sending back unchanged what the form only showed is no write: Tasklist does it
    HttpResponse<String> answered = jiaxing.post(jiaxingReview + "/complete", opinion("嘉兴市同意",
        "\"documentTitle\":{\"value\":\"管理要求\",\"type\":\"String\"}"));
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(204);

    assertThat(opinions(document)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "qingpu-gov", "青浦区同意", "jiaxing-gov", "嘉兴市同意"));
    Task signOff = engine.getTaskService().createTaskQuery().processInstanceId(document.getId()).singleResult();
    assertThat(signOff.getTaskDefinitionKey()).isEqualTo(OutcomeDocumentProcess.Elements.SIGN_OFF);
    assertThat(candidateGroups(engine, signOff)).containsExactly("suzhou-gov");
    assertThat(jiaxing.get("/engine-rest/task/" + signOff.getId()).statusCode()).isIn(403, 404);
  }

  @Test
  void theAgencyOfAnAnswerIsTheTasksOwnNotAVariable() {
    ProcessInstance document = startDocument("suzhou-gov", List.of("jiaxing-gov", "qingpu-gov"));
    Task draft = engine.getTaskService().createTaskQuery().processInstanceId(document.getId()).singleResult();
    engine.getTaskService().complete(draft.getId(), Variables.createVariables()
        .putValue(OutcomeDocumentProcess.DRAFT_DOCUMENT.name(), file("初稿.pdf", "%PDF-1.4 draft"))
        .putValue(OutcomeDocumentProcess.DRAFT_EXPLANATION.name(), "依据条例起草"));
    Map<String, Task> reviews = reviews(document);
    engine.getTaskService().complete(reviews.get("qingpu-gov").getId(),
        Variables.putValue(OutcomeDocumentProcess.REVIEW_OPINION.name(), "青浦区同意"));
    // whatever changed the element variable of Jiaxing's review (an administrator, say)
    engine.getRuntimeService().setVariableLocal(reviews.get("jiaxing-gov").getExecutionId(),
        WorkVariables.AGENCY_GROUP.name(), "qingpu-gov");

    engine.getTaskService().complete(reviews.get("jiaxing-gov").getId(),
        Variables.putValue(OutcomeDocumentProcess.REVIEW_OPINION.name(), "嘉兴市同意"));

    assertThat(opinions(document)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "qingpu-gov", "青浦区同意", "jiaxing-gov", "嘉兴市同意"));
  }

  @Test
  void aLateAgencysLeaderCannotClearTheMilestonesLatenessAndNoOtherPathWritesIt() {
    int year = 2064;
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 7, 1), 9));
    String key = year + "-4a-outfall-list:suzhou-gov";
    engine.getRuntimeService().startProcessInstanceByKey(PlanMilestoneProcess.KEY, key,
        Map.of("planId", "2021", "year", year, "itemNo", "4a", "partId", "outfall-list:suzhou-gov"));
    ProcessInstance milestone = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(PlanMilestoneProcess.KEY).processInstanceBusinessKey(key).singleResult();
    // the cities' own outfall lists are due 15 September (Suzhou merges them by the 30th): two days late
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 9, 17), 9));
    driver.fireDueTimers();
    Task explain = engine.getTaskService().createTaskQuery().processInstanceId(milestone.getId())
        .taskDefinitionKey(Escalation.Elements.EXPLAIN_DELAY).singleResult();
    assertThat(overdueMilestones()).contains(milestone.getId());
    Object daysOverdue = engine.getRuntimeService().getVariable(milestone.getId(), "daysOverdue");

    Http leader = Http.as(port, "suzhou-gov-leader");
    String explanation = "\"delayExplanation\":{\"value\":\"资料收集延误\",\"type\":\"String\"},"
        + "\"committedDay\":{\"value\":\"" + year + "-10-20\",\"type\":\"String\"}";
    HttpResponse<String> cleared = leader.post("/engine-rest/task/" + explain.getId() + "/submit-form",
        "{\"variables\":{" + explanation + ",\"overdue\":{\"value\":false,\"type\":\"Boolean\"},"
            + "\"daysOverdue\":{\"value\":0,\"type\":\"Integer\"},\"escalationLevel\":{\"value\":0,\"type\":\"Integer\"},"
            + "\"deadline\":{\"value\":\"2099-12-31T23:59:59.000+0800\",\"type\":\"Date\"}}}");
    assertThat(cleared.statusCode()).isEqualTo(400);
    assertThat(cleared.body()).contains("overdue").contains("daysOverdue").contains("escalationLevel")
        .contains("deadline");
    HttpResponse<String> readonly = leader.post("/engine-rest/task/" + explain.getId() + "/complete",
        "{\"variables\":{" + explanation + ",\"daysOverdue\":{\"value\":0,\"type\":\"Integer\"}}}");
    assertThat(readonly.statusCode()).as("daysOverdue is a read-only field of the form").isEqualTo(400);
    assertThat(readonly.body()).contains("daysOverdue");

    String instance = "/engine-rest/process-instance/" + milestone.getId();
    String overdueFalse = "{\"value\":false,\"type\":\"Boolean\"}";
    List<HttpResponse<String>> otherPaths = List.of(
        leader.put(instance + "/variables/overdue", overdueFalse),
        leader.post(instance + "/variables", "{\"modifications\":{\"overdue\":" + overdueFalse + "}}"),
        leader.delete(instance + "/variables/overdue"),
        leader.put("/engine-rest/task/" + explain.getId() + "/variables/overdue", overdueFalse),
        leader.put("/engine-rest/task/" + explain.getId() + "/localVariables/overdue", overdueFalse),
        leader.post("/engine-rest/task/" + explain.getId() + "/variables", "{\"modifications\":{\"overdue\":" + overdueFalse + "}}"),
        leader.put("/engine-rest/execution/" + explain.getExecutionId() + "/localVariables/overdue", overdueFalse),
        leader.post(instance + "/modification", "{\"instructions\":[{\"type\":\"startBeforeActivity\","
            + "\"activityId\":\"" + Escalation.Elements.EXPLAIN_DELAY + "\",\"variables\":{\"overdue\":" + overdueFalse + "}}]}"),
        leader.post("/engine-rest/message", "{\"messageName\":\"milestoneDelivered\",\"processInstanceId\":\""
            + milestone.getId() + "\",\"processVariables\":{\"overdue\":" + overdueFalse + "}}"),
        leader.post("/engine-rest/signal", "{\"name\":\"any\",\"variables\":{\"overdue\":" + overdueFalse + "}}"),
        WebappSession.login(port, "tasklist", "suzhou-gov-leader")
            .put(WebappSession.ENGINE_API + "/process-instance/" + milestone.getId() + "/variables/overdue", overdueFalse),
        Http.as(port, "supervisor").put(instance + "/variables/overdue", overdueFalse));
    for (HttpResponse<String> refused : otherPaths) {
      assertThat(refused.statusCode()).as(refused.request().method() + " " + refused.request().uri()).isEqualTo(403);
      assertThat(refused.body()).contains("仅限管理员");
    }

    assertThat(overdueMilestones()).as("still in the supervisors' overdue search").contains(milestone.getId());
    assertThat(engine.getRuntimeService().getVariable(milestone.getId(), "daysOverdue")).isEqualTo(daysOverdue);
    assertThat(engine.getRuntimeService().getVariable(milestone.getId(), "escalationLevel")).isEqualTo(1);
    assertThat(engine.getTaskService().createTaskQuery().taskId(explain.getId()).count()).isOne();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(milestone.getId())
        .singleResult()).isNotNull();
  }

  @Test
  void aPlanIsStartedWithItsStartFormsFieldsOnly() {
    String body = "{\"variables\":{\"planId\":{\"value\":\"2021\",\"type\":\"String\"},"
        + "\"year\":{\"value\":2065,\"type\":\"Integer\"},"
        + "\"responsibleGroups\":{\"value\":\"[\\\"jiaxing-gov\\\"]\",\"type\":\"Json\"}}}";
    HttpResponse<String> refused = Http.as(port, "supervisor")
        .post("/engine-rest/process-definition/key/annual-plan/submit-form", body);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("responsibleGroups");
    assertThat(Http.as(port, "supervisor").post("/engine-rest/process-definition/key/annual-plan/start",
        body.replace("{\"variables\"", "{\"businessKey\":\"2065\",\"variables\"")).statusCode()).isEqualTo(400);
    HttpResponse<String> midway = Http.as(port, "supervisor").post(
        "/engine-rest/process-definition/key/annual-plan/start", "{\"businessKey\":\"2065\",\"startInstructions\":"
            + "[{\"type\":\"startBeforeActivity\",\"activityId\":\"serviceTask_registerPlan\"}],"
            + "\"variables\":{\"planId\":{\"value\":\"2021\",\"type\":\"String\"},"
            + "\"year\":{\"value\":2065,\"type\":\"Integer\"}}}");
    assertThat(midway.statusCode()).isEqualTo(400);
    assertThat(midway.body()).contains("只有管理员");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("2065").count())
        .isZero();
  }

  private List<String> overdueMilestones() {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PlanMilestoneProcess.KEY)
        .variableValueEquals(PlanMilestoneProcess.OVERDUE.name(), true).list().stream().map(ProcessInstance::getId).toList();
  }

  private Map<String, Task> reviews(ProcessInstance document) {
    Map<String, Task> reviews = new LinkedHashMap<>();
    for (Task task : engine.getTaskService().createTaskQuery().processInstanceId(document.getId())
        .taskDefinitionKey(OutcomeDocumentProcess.Elements.REVIEW).list()) {
      reviews.put(candidateGroups(engine, task).get(0), task);
    }
    return reviews;
  }

  private Map<String, Object> opinions(ProcessInstance document) {
    Map<String, Object> opinions = new LinkedHashMap<>();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> answers = (List<Map<String, Object>>) engine.getRuntimeService()
        .getVariable(document.getId(), OutcomeDocumentProcess.REVIEWS.name());
    for (Map<String, Object> answer : answers) {
      opinions.put((String) answer.get("agencyGroup"), answer.get(OutcomeDocumentProcess.REVIEW_OPINION.name()));
    }
    return opinions;
  }

  private static String opinion(String text, String... more) {
    return "{\"variables\":{\"reviewOpinion\":{\"value\":\"" + text + "\",\"type\":\"String\"}"
        + Stream.of(more).map(extra -> "," + extra).collect(Collectors.joining()) + "}}";
  }

  private ProcessInstance startDocument(String responsible, List<String> contributors) {
    Date deadline = PlanDriver.endOfDay(2027, 12, 31);
    VariableMap variables = Variables.createVariables()
        .putValue(WorkVariables.PLAN_ID.name(), "2021")
        .putValue(WorkVariables.YEAR.name(), 2027)
        .putValue(WorkVariables.ITEM_NO.name(), "3")
        .putValue(WorkVariables.PART_ID.name(), "3-outcome")
        .putValue(WorkVariables.MILESTONE_TITLE.name(), "形成水源地管理要求")
        .putValue(WorkVariables.DOCUMENT_TITLE.name(), "管理要求")
        .putValue(WorkVariables.DEADLINE.name(), deadline)
        .putValue(WorkVariables.FOLLOW_UP.name(), deadline)
        .putValue(WorkVariables.OUTCOME_DEADLINE.name(), deadline)
        .putValue(WorkVariables.OUTCOME_FOLLOW_UP.name(), deadline)
        .putValue(WorkVariables.RESPONSIBLE_GROUPS.name(), new ArrayList<>(List.of(responsible)))
        .putValue(WorkVariables.IMPLEMENTING_GROUPS.name(), new ArrayList<String>())
        .putValue(WorkVariables.COOPERATING_GROUPS.name(), new ArrayList<>(contributors))
        .putValue(WorkVariables.CONTRIBUTOR_GROUPS.name(), new ArrayList<>(contributors))
        .putValue(WorkVariables.ITEM_GROUPS.name(), new ArrayList<>(List.of(responsible)));
    return engine.getRuntimeService().startProcessInstanceByKey(OutcomeDocumentProcess.KEY,
        "write-" + UUID.randomUUID(), variables);
  }
}
