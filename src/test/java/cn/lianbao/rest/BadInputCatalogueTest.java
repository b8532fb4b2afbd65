package cn.lianbao.rest;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.ProcessTests;
import cn.lianbao.support.WebappLogin;
import cn.lianbao.support.WebappSession;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The bad-input catalogue (issue 9): every input a caller can get wrong is answered with a 4xx and a
 * Chinese message that names the field or the problem, changes nothing, and shows no stack trace,
 * engine code or class name; the refusal is logged in one line, not as an ERROR.
 */
@LianbaoTest
@ExtendWith(OutputCaptureExtension.class)
class BadInputCatalogueTest {

  /** The documented upload limit, lianbao.upload-max-size (20MB), in bytes. */
  private static final int UPLOAD_LIMIT = 20 * 1024 * 1024;

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired PlanCalendar calendar;

  @Test
  void unknownTaskIsNotFound() {
    Http admin = Http.as(port, "admin");
    assertRefused(admin.post("/engine-rest/task/no-such-task/complete", "{\"variables\":{}}"), 404, "找不到");
    assertRefused(admin.post("/engine-rest/task/no-such-task/claim", "{\"userId\":\"admin\"}"), 404, "找不到");
    assertRefused(admin.get("/engine-rest/task/no-such-task/variables"), 404, "找不到");
    assertRefused(admin.post("/engine-rest/task/no-such-task/variables",
        "{\"modifications\":{\"x\":{\"value\":\"1\",\"type\":\"String\"}}}"), 404, "找不到");
  }

  @Test
  void aTaskClaimedBySomeoneElseIsAConflict() {
    Task task = startReport("qingpu-gov");
    Http admin = Http.as(port, "admin");
    assertThat(admin.post("/engine-rest/task/" + task.getId() + "/claim", "{\"userId\":\"qingpu-gov-officer\"}")
        .statusCode()).isEqualTo(204);
    assertRefused(admin.post("/engine-rest/task/" + task.getId() + "/claim", "{\"userId\":\"qingpu-gov-leader\"}"),
        409, "任务已被他人处理，请刷新");
    assertThat(assigneeOf(task)).isEqualTo("qingpu-gov-officer");
  }

  // a change by someone else at the same moment (409): ConcurrentCompletionTest, with two real requests

  @Test
  void aStringLongerThanItsColumnNamesTheFieldAndTheLimit() {
    Task task = startReport("jiaxing-gov");
    HttpResponse<String> refused = Http.as(port, "admin").put(
        "/engine-rest/process-instance/" + task.getProcessInstanceId() + "/variables/remark",
        "{\"value\":\"" + "a".repeat(4001) + "\",\"type\":\"String\"}");
    assertRefused(refused, 400, "remark", "4000");
    assertThat(engine.getRuntimeService().getVariable(task.getProcessInstanceId(), "remark")).isNull();
  }

  @Test
  void negativePagingIsRefused() {
    Http admin = Http.as(port, "admin");
    assertRefused(admin.get("/engine-rest/task?firstResult=-1"), 400, "firstResult");
    assertRefused(admin.get("/engine-rest/task?maxResults=-5"), 400, "maxResults");
    assertRefused(admin.post("/engine-rest/task?firstResult=-1&maxResults=10", "{}"), 400, "firstResult");
    assertRefused(admin.get("/engine-rest/history/process-instance?maxResults=abc"), 400, "maxResults");
  }

  @Test
  void datesOutsideTheYears2000To2100AreRefused() {
    Task task = startReport("js-water");
    String instance = task.getProcessInstanceId();
    Http admin = Http.as(port, "admin");
    assertRefused(admin.put("/engine-rest/process-instance/" + instance + "/variables/checkedOn",
        "{\"value\":\"2101-01-01T00:00:00.000+0800\",\"type\":\"Date\"}"), 400, "checkedOn", "2000", "2100");
    assertRefused(admin.put("/engine-rest/process-instance/" + instance + "/variables/checkedOn",
        "{\"value\":\"1999-12-31T00:00:00.000+0800\",\"type\":\"Date\"}"), 400, "checkedOn");
    assertRefused(admin.put("/engine-rest/process-instance/" + instance + "/variables/checkedOn",
        "{\"value\":\"+999999999-12-31\",\"type\":\"Date\"}"), 400);
    assertThat(engine.getRuntimeService().getVariable(instance, "checkedOn")).isNull();

    var due = task.getDueDate();
    assertRefused(admin.put("/engine-rest/task/" + task.getId(),
        "{\"name\":\"" + task.getName() + "\",\"due\":\"2500-01-01T00:00:00.000+0800\"}"), 400, "截止日期", "2100");
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getDueDate())
        .isEqualTo(due);

    assertRefused(admin.post("/api/demo/clock", "{\"now\":\"+999999999-12-31T00:00:00+08:00\"}"), 400, "now", "2100");
  }

  @Test
  void aFileWithoutANameOrWithMalformedBase64IsRefused() {
    Task task = startReport("suzhou-gov");
    Http officer = Http.as(port, "suzhou-gov-officer");
    assertRefused(officer.post("/engine-rest/task/" + task.getId() + "/complete",
        report(fileValue("aGVsbG8=", null))), 400, "progressAttachment", "文件名");
    assertRefused(officer.post("/engine-rest/task/" + task.getId() + "/complete",
        report(fileValue("not base64 at all!", "report.pdf"))), 400, "progressAttachment", "base64");
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isOne();
  }

  @Test
  void controlCharactersAndFolderPartsAreRemovedFromAFileName() {
    Task task = startReport("sh-water");
    HttpResponse<String> done = Http.as(port, "admin").post("/engine-rest/task/" + task.getId() + "/complete",
        report(fileValue(base64("%PDF-1.4"), "..\\\\..\\\\etc/evil\\r\\nname\\u0007.pdf")));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    HistoricVariableInstance stored = engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(task.getProcessInstanceId()).variableName("progressAttachment").singleResult();
    assertThat(((FileValue) stored.getTypedValue()).getFilename()).isEqualTo("evilname.pdf");
  }

  @Test
  void aDocumentOfTwentyMillionBytesCompletesThroughRestAndThroughTasklist() {
    String document = base64(new byte[20_000_000]);
    Task viaRest = startReport("jiaxing-gov");
    HttpResponse<String> rest = Http.as(port, "jiaxing-gov-officer")
        .post("/engine-rest/task/" + viaRest.getId() + "/complete", report(fileValue(document, "监测报告.pdf")));
    assertThat(rest.statusCode()).as(rest.body()).isEqualTo(204);

    Task viaTasklist = startReport("jiaxing-gov");
    WebappLogin.Session tasklist = WebappLogin.session(port, "tasklist", "jiaxing-gov-officer", LianbaoTest.PASSWORD);
    assertThat(tasklist.login().statusCode()).isEqualTo(200);
    HttpResponse<String> submitted = tasklist.post(
        "/camunda/api/engine/engine/default/task/" + viaTasklist.getId() + "/submit-form",
        report(fileValue(document, "监测报告.pdf")));
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);
    assertThat(engine.getTaskService().createTaskQuery().taskId(viaTasklist.getId()).count()).isZero();
  }

  @Test
  void oneByteOverTheUploadLimitIsRefusedNamingTheField() {
    Task task = startReport("js-water");
    HttpResponse<String> refused = Http.as(port, "js-water-officer").post(
        "/engine-rest/task/" + task.getId() + "/complete",
        report(fileValue(base64(new byte[UPLOAD_LIMIT + 1]), "big.pdf")));
    assertThat(refused.statusCode()).isIn(400, 413);
    assertRefused(refused, refused.statusCode(), "progressAttachment", "20 MB");
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isOne();
  }

  @Test
  void aPathTheFirewallRefusesIsABadRequest() {
    assertRefused(Http.as(port, "admin").get("//engine-rest/task/count"), 400, "地址");
  }

  @Test
  void aWeakPasswordForANewUserNamesTheRules() {
    HttpResponse<String> refused = Http.as(port, "admin").post("/engine-rest/user/create",
        "{\"profile\":{\"id\":\"weak-password-user\",\"firstName\":\"弱\",\"lastName\":\"密码\"},"
            + "\"credentials\":{\"password\":\"abc\"}}");
    assertRefused(refused, 400, "密码", "10 个字符", "大写字母", "数字", "特殊字符");
    assertThat(engine.getIdentityService().createUserQuery().userId("weak-password-user").count()).isZero();
  }

  @Test
  void anObjectVariableOfATypeTheProcessesDoNotStoreIsRefused() {
    Task task = startReport("qingpu-gov");
    String variables = "/engine-rest/process-instance/" + task.getProcessInstanceId() + "/variables/";
    Http admin = Http.as(port, "admin");
    assertRefused(admin.put(variables + "gadget", "{\"type\":\"Object\",\"value\":\"\\\"http://x\\\"\","
        + "\"valueInfo\":{\"objectTypeName\":\"java.net.URL\",\"serializationDataFormat\":\"application/json\"}}"),
        400, "gadget");
    assertThat(engine.getRuntimeService().getVariable(task.getProcessInstanceId(), "gadget")).isNull();

    HttpResponse<String> list = admin.put(variables + "groups", "{\"type\":\"Object\",\"value\":\"[\\\"qingpu-gov\\\"]\","
        + "\"valueInfo\":{\"objectTypeName\":\"java.util.ArrayList<java.lang.Object>\","
        + "\"serializationDataFormat\":\"application/json\"}}");
    assertThat(list.statusCode()).as("what the processes store is accepted: " + list.body()).isEqualTo(204);
    assertThat(engine.getRuntimeService().getVariable(task.getProcessInstanceId(), "groups"))
        .isEqualTo(List.of("qingpu-gov"));
  }

  /**
   * The webapps' engine API (what Tasklist sends, with the officer's webapp login) refuses as the
   * REST API does: same status, type and Chinese message, nothing changed.
   */
  @Test
  void theWebappsEngineApiRefusesAsTheRestApiDoes() {
    Task task = startReport("jiaxing-gov");
    WebappSession officer = WebappSession.login(port, "jiaxing-gov-officer");
    String submit = "/task/" + task.getId() + "/submit-form";

    assertRefused(officer.engine("POST", submit, "{\"variables\":{}}"), 400, "progressSummary");
    assertRefused(officer.engine("POST", submit,
        "{\"variables\":{\"progressSummary\":{\"value\":\"" + "a".repeat(4001) + "\",\"type\":\"String\"}}}"),
        400, "progressSummary", "4000");
    assertRefused(officer.engine("POST", submit,
        "{\"variables\":{\"progressSummary\":{\"value\":5,\"type\":\"Integer\"}}}"), 400, "progressSummary");
    assertRefused(officer.engine("POST", submit,
        "{\"variables\":{\"progressSummary\":{\"value\":\"abc\",\"type\":\"Integer\"}}}"), 400);
    assertRefused(officer.engine("POST", submit, "{\"variables\": {"), 400, "variables");
    assertRefused(officer.engine("POST", submit, "{\"variables\": nothing}"), 400, "JSON");
    assertRefused(officer.engine("POST", submit, report(fileValue("not base64 at all!", "report.pdf"))),
        400, "progressAttachment", "base64");
    assertRefused(officer.engine("POST", "/task/no-such-task/submit-form", report(fileValue(base64("x"), "x.pdf"))),
        404, "找不到");
    assertRefused(officer.engine("PUT", "/process-instance/" + task.getProcessInstanceId() + "/variables/remark",
        "{\"value\":\"x\",\"type\":\"String\"}"), 403);
    assertRefused(officer.engine("GET", "/task?maxResults=-1", null), 400, "maxResults");

    HttpResponse<String> foreign = WebappSession.login(port, "qingpu-gov-officer").engine("POST", submit,
        "{\"variables\":{\"progressSummary\":{\"value\":\"按期完成\",\"type\":\"String\"}}}");
    assertThat(foreign.statusCode()).as("another agency's task: not allowed, or not there for them").isIn(403, 404);
    assertRefused(foreign, foreign.statusCode());

    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isOne();
    assertThat(engine.getRuntimeService().getVariable(task.getProcessInstanceId(), "progressSummary")).isNull();
    assertThat(engine.getRuntimeService().getVariable(task.getProcessInstanceId(), "remark")).isNull();
  }

  /** A form's date outside 2000–2100, submitted through Tasklist. */
  @Test
  void aFormDateOutsideTheYears2000To2100IsRefusedThroughTheWebapp() {
    Task convene = startMeeting();
    WebappSession officer = WebappSession.login(port, "sh-river-chief-office-officer");
    HttpResponse<String> refused = officer.engine("POST", "/task/" + convene.getId() + "/submit-form",
        "{\"variables\":{\"meetingDay\":{\"value\":\"2101-01-01\",\"type\":\"String\"},"
            + "\"meetingPlace\":{\"value\":\"视频会议\",\"type\":\"String\"},"
            + "\"meetingTopics\":{\"value\":\"年度工作总结\",\"type\":\"String\"}}}");
    assertRefused(refused, 400, "meetingDay", "2000", "2100");
    assertThat(engine.getTaskService().createTaskQuery().taskId(convene.getId()).count()).isOne();
    assertThat(engine.getRuntimeService().getVariable(convene.getProcessInstanceId(), "meetingDay")).isNull();
  }

  /** Refusals before the engine (administrators' writes, expressions) carry no class name either. */
  @Test
  void theGuardsRefusalsCarryTheStatusTypeNotAClassName() {
    Task task = startReport("qingpu-gov");
    Http officer = Http.as(port, "qingpu-gov-officer");
    assertRefused(officer.put("/engine-rest/process-instance/" + task.getProcessInstanceId() + "/variables/remark",
        "{\"value\":\"x\",\"type\":\"String\"}"), 403);
    assertRefused(officer.post("/engine-rest/filter/create", "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{}}"),
        403);
    assertRefused(officer.post("/engine-rest/task", "{\"orQueries\":[{\"assigneeExpression\":\"${1+1}\"}]}"), 400);
    assertRefused(Http.anonymous(port).get("/engine-rest/task/count"), 401);
  }

  @Test
  void refusalsAreLoggedInOneLineNotAsErrors(CapturedOutput output) {
    Task task = startReport("sh-water");
    int before = output.getAll().length();
    Http admin = Http.as(port, "admin");
    admin.post("/engine-rest/task/" + task.getId() + "/complete", "{\"variables\":{}}");
    admin.put("/engine-rest/process-instance/" + task.getProcessInstanceId() + "/variables/remark",
        "{\"value\":\"" + "a".repeat(4001) + "\",\"type\":\"String\"}");
    admin.post("/engine-rest/task/no-such-task/complete", "{}");
    assertThat(output.getAll().substring(before)).contains("progressSummary").doesNotContain(" ERROR ").doesNotContain("\tat ");
  }

  // ------------------------------------------------------------------------------------------

  /**
   * What each refusal's {@code type} is: the reason of its HTTP status in lowerCamelCase (README,
   * "Bad input"), never a class name.
   */
  private static final Map<Integer, String> TYPES = Map.of(400, "badRequest", 401, "unauthorized", 403, "forbidden",
      404, "notFound", 409, "conflict", 413, "contentTooLarge", 429, "tooManyRequests");

  /**
   * A refusal: the status, JSON with the status's type and a Chinese message holding {@code words},
   * nothing of the code's insides (no stack trace, engine code, package or class name).
   */
  private static void assertRefused(HttpResponse<String> answer, int status, String... words) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.body()).as("JSON with a message").contains("\"message\"");
    assertThat(answer.body()).as("the type of a " + status).contains("\"type\":\"" + TYPES.get(status) + "\"");
    assertThat(answer.body()).as("a Chinese message").containsPattern("\\p{IsHan}");
    if (words.length > 0) {
      assertThat(answer.body()).contains(words);
    }
    assertThat(answer.body()).as("no stack trace, engine code or class name")
        .doesNotContainPattern("[A-Z][a-zA-Z]+(Exception|Error)|Exception|ENGINE-\\d|org\\.camunda|java\\.|\\tat |\\$[\\w$]");
  }

  /** A consultation meeting led by Shanghai's river chief office, waiting for it to be convened. */
  private Task startMeeting() {
    String instance = ConcurrentCompletionTest.startMeeting(engine, List.of("sh-river-chief-office"),
        List.of("qingpu-gov")).getId();
    return engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
  }

  private Task startReport(String agency) {
    return ProcessTests.startProgressReport(engine, calendar, "bad-input-", agency);
  }

  private String assigneeOf(Task task) {
    return engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee();
  }

  private static String report(String attachment) {
    return "{\"variables\":{\"progressSummary\":{\"value\":\"按期完成\",\"type\":\"String\"},"
        + "\"progressAttachment\":" + attachment + "}}";
  }

  private static String fileValue(String base64, String filename) {
    return "{\"type\":\"File\",\"value\":\"" + base64 + "\",\"valueInfo\":{"
        + (filename == null ? "" : "\"filename\":\"" + filename + "\",") + "\"mimetype\":\"application/pdf\"}}";
  }

  private static String base64(String text) {
    return base64(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
