package cn.lianbao.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.report.ProgressReportProcess;
import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.ProcessTests;
import cn.lianbao.support.WebappLogin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who reaches what, through the REST API, the webapps' login and the actuator. */
@LianbaoTest
class AccessTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired PlanCalendar calendar;

  @Test
  void nothingButTheHealthStatusAndTheLoginPagesAnswersAnonymousCallers() {
    Http anonymous = Http.anonymous(port);
    assertThat(anonymous.get("/engine-rest/task").statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/engine-rest/engine").statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/engine-rest/process-definition").statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/actuator/info").statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/api/anything").statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/camunda/api/engine/engine/default/task").statusCode()).isIn(401, 403);

    HttpResponse<String> health = anonymous.get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health)).hasSize(1);
    assertThat(json(health).path("status").asText()).isEqualTo("UP");

    assertThat(anonymous.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);

    HttpResponse<String> elsewhere = anonymous.get("/camunda-welcome");
    assertThat(elsewhere.statusCode()).isEqualTo(401);
    assertThat(elsewhere.headers().firstValue("WWW-Authenticate"))
        .as("no password dialog over the webapps' login page").isEmpty();
  }

  @Test
  void aWrongPasswordIsRefused() {
    // (this account is used by no other test: failed logins lock it for a few seconds)
    assertThat(Http.as(port, "exec-committee-officer", "wrong-Passw0rd!").get("/engine-rest/task").statusCode())
        .isEqualTo(401);
  }

  @Test
  void administratorsSeeTheHealthOfDatabaseAndEngine() {
    // (the job executor's health shows as well where it runs; the tests keep it off)
    JsonNode health = json(Http.as(port, "admin").get("/actuator/health"));
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.path("components").has("db")).isTrue();
    assertThat(health.path("components").has("processEngine")).isTrue();

    JsonNode officersView = json(Http.as(port, "qingpu-gov-officer").get("/actuator/health"));
    assertThat(officersView.has("components")).isFalse();
    assertThat(Http.as(port, "qingpu-gov-officer").get("/actuator/info").statusCode()).isEqualTo(403);
  }

  @Test
  void anOfficerSeesAndWorksOnlyTheTasksOfTheirOwnAgency() {
    Task suzhous = startReport("suzhou-gov");
    Http qingpuOfficer = Http.as(port, "qingpu-gov-officer");

    assertThat(qingpuOfficer.get("/engine-rest/task/" + suzhous.getId()).statusCode()).isIn(403, 404);
    assertThat(json(qingpuOfficer.get("/engine-rest/task?processInstanceId=" + suzhous.getProcessInstanceId())))
        .isEmpty();
    assertThat(qingpuOfficer.post("/engine-rest/task/" + suzhous.getId() + "/complete", summary("越权提交"))
        .statusCode()).isIn(403, 404);
    assertThat(qingpuOfficer.post("/engine-rest/task/" + suzhous.getId() + "/claim",
        "{\"userId\":\"qingpu-gov-officer\"}").statusCode()).isIn(403, 404);
    assertThat(engine.getTaskService().createTaskQuery().taskId(suzhous.getId()).singleResult())
        .as("the task stays open and unclaimed").isNotNull()
        .extracting(Task::getAssignee).isNull();

    Http suzhouOfficer = Http.as(port, "suzhou-gov-officer");
    assertThat(suzhouOfficer.get("/engine-rest/task/" + suzhous.getId()).statusCode()).isEqualTo(200);
    HttpResponse<String> form = suzhouOfficer.get("/engine-rest/task/" + suzhous.getId() + "/deployed-form");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("cam-variable-name=\"progressSummary\"").contains("本季度工作进展");
    assertThat(suzhouOfficer.post("/engine-rest/task/" + suzhous.getId() + "/complete", summary("按期完成"))
        .statusCode()).isEqualTo(204);
    ProcessTests.runAsyncJobs(engine); // the report's delivery, the job executor's work
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(suzhous.getProcessInstanceId()).count()).isZero();
  }

  @Test
  void aSubmitWithoutTheRequiredFieldIsRefusedWithA4xxNamingIt() {
    Task task = startReport("jiaxing-gov");
    HttpResponse<String> refused = Http.as(port, "jiaxing-gov-officer")
        .post("/engine-rest/task/" + task.getId() + "/complete", "{\"variables\":{}}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("progressSummary");
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isOne();

    HttpResponse<String> tooLong = Http.as(port, "jiaxing-gov-officer")
        .post("/engine-rest/task/" + task.getId() + "/submit-form",
            "{\"variables\":{\"progressSummary\":{\"value\":\"" + "进展".repeat(1001) + "\",\"type\":\"String\"}}}");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("progressSummary").contains("不能超过 2000 字");
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isOne();
  }

  @Test
  void aLeaderAssignsTheAgencysTasksAmongItsMembersOnly() {
    Task task = startReport("qingpu-gov");
    String assignee = "/engine-rest/task/" + task.getId() + "/assignee";

    assertThat(Http.as(port, "qingpu-gov-officer").post(assignee, "{\"userId\":\"qingpu-gov-leader\"}")
        .statusCode()).as("an officer cannot hand work to others").isEqualTo(403);
    assertThat(Http.as(port, "suzhou-gov-leader").post(assignee, "{\"userId\":\"suzhou-gov-officer\"}")
        .statusCode()).as("another agency's leader").isIn(403, 404);

    Http leader = Http.as(port, "qingpu-gov-leader");
    assertThat(leader.post(assignee, "{\"userId\":\"qingpu-gov-officer\"}").statusCode()).isEqualTo(204);
    assertThat(assigneeOf(task)).isEqualTo("qingpu-gov-officer");

    HttpResponse<String> outsider = leader.post(assignee, "{\"userId\":\"suzhou-gov-officer\"}");
    assertThat(outsider.statusCode()).isEqualTo(400);
    assertThat(outsider.body()).contains("suzhou-gov-officer");
    assertThat(assigneeOf(task)).isEqualTo("qingpu-gov-officer");

    assertThat(leader.post(assignee, "{\"userId\":\"qingpu-gov-leader\"}").statusCode()).isEqualTo(204);
    assertThat(assigneeOf(task)).isEqualTo("qingpu-gov-leader");
  }

  @Test
  void aSupervisorReadsEveryInstanceAndItsHistoryButChangesNothing() {
    Task task = startReport("sh-eco-env");
    String instance = task.getProcessInstanceId();
    Http supervisor = Http.as(port, "supervisor");

    assertThat(supervisor.get("/engine-rest/process-instance/" + instance).statusCode()).isEqualTo(200);
    assertThat(supervisor.get("/engine-rest/history/process-instance/" + instance).statusCode()).isEqualTo(200);
    assertThat(json(supervisor.get("/engine-rest/task?processInstanceId=" + instance))).hasSize(1);
    assertThat(json(supervisor.get("/engine-rest/history/activity-instance?processInstanceId=" + instance)))
        .isNotEmpty();
    assertThat(supervisor.get("/engine-rest/process-instance/" + instance + "/variables").statusCode())
        .isEqualTo(200);

    assertThat(supervisor.delete("/engine-rest/process-instance/" + instance).statusCode()).isEqualTo(403);
    assertThat(supervisor.put("/engine-rest/process-instance/" + instance + "/variables/responsibleGroups",
        "{\"value\":\"qingpu-gov\",\"type\":\"String\"}").statusCode()).isEqualTo(403);
    assertThat(supervisor.post("/engine-rest/process-instance/" + instance + "/suspended",
        "{\"suspended\":true}").statusCode()).isIn(403, 405);
    assertThat(supervisor.put("/engine-rest/process-instance/" + instance + "/suspended",
        "{\"suspended\":true}").statusCode()).isEqualTo(403);
    assertThat(supervisor.post("/engine-rest/task/" + task.getId() + "/complete", summary("代办"))
        .statusCode()).isEqualTo(403);
    String deployment = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(ProgressReportProcess.KEY).latestVersion().singleResult().getDeploymentId();
    assertThat(supervisor.delete("/engine-rest/deployment/" + deployment + "?cascade=true").statusCode()).isEqualTo(403);

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).active()
        .count()).isOne();
    assertThat(engine.getRuntimeService().getVariable(instance, WorkVariables.RESPONSIBLE_GROUPS.name()))
        .isEqualTo(List.of("sh-eco-env"));
  }

  @Test
  void onlySupervisorsAndAdministratorsOpenCockpit() {
    assertThat(WebappLogin.status(port, "cockpit", "qingpu-gov-officer")).isEqualTo(403);
    assertThat(WebappLogin.status(port, "cockpit", "qingpu-gov-leader")).isEqualTo(403);
    assertThat(WebappLogin.status(port, "tasklist", "qingpu-gov-officer")).isEqualTo(200);
    assertThat(WebappLogin.status(port, "cockpit", "supervisor")).isEqualTo(200);
    assertThat(WebappLogin.status(port, "admin", "supervisor")).isEqualTo(403);
    assertThat(WebappLogin.status(port, "admin", "admin")).isEqualTo(200);
  }

  private Task startReport(String agency) {
    return ProcessTests.startProgressReport(engine, calendar, "access-", agency);
  }

  private String assigneeOf(Task task) {
    return engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee();
  }

  private static String summary(String text) {
    return "{\"variables\":{\"progressSummary\":{\"value\":\"" + text + "\",\"type\":\"String\"}}}";
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }
}
