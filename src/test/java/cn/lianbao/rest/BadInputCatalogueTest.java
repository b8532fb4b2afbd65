package cn.lianbao.rest;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.ProcessTests;
import cn.lianbao.support.WebappLogin;
import jakarta.ws.rs.core.Response;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.rest.exception.RestException;
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

  @Test
  void aChangeBySomeoneElseAtTheSameMomentIsAConflict() {
    // seen under load when two officers finish tasks of one milestone: the engine rolled back
    Response answer = RefusalExceptionMapper.answer(
        new RestException(Response.Status.INTERNAL_SERVER_ERROR,
            new OptimisticLockingException("Entity was updated by another transaction concurrently"),
            "Cannot complete task"));
    assertThat(answer.getStatus()).isEqualTo(409);
    assertThat(answer.getEntity().toString()).contains("任务已被他人处理，请刷新").doesNotContain("Exception");
  }

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

  /** A refusal: the status, JSON with a Chinese message holding {@code words}, nothing of the code's insides. */
  private static void assertRefused(HttpResponse<String> answer, int status, String... words) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.body()).as("JSON with a message").contains("\"message\"");
    assertThat(answer.body()).as("a Chinese message").containsPattern("\\p{IsHan}");
    if (words.length > 0) {
      assertThat(answer.body()).contains(words);
    }
    assertThat(answer.body()).as("no stack trace, engine code or class name")
        .doesNotContainPattern("Exception|ENGINE-\\d|org\\.camunda|java\\.[a-z]+\\.|\\tat |\\$");
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
