package cn.lianbao.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.process.RefusedRequestException;
import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.ProcessTests;
import cn.lianbao.support.WebappSession;
import cn.lianbao.tasklist.TasklistFilters;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * No expression from a request is ever evaluated (issue 8): an officer's query that holds one, at
 * any depth, in a JSON body or a query string, of any query type, through the REST API or the
 * webapps' API, is refused with 400, and what the expression would have done does not happen. The
 * expression of each request runs a command on the server ({@code touch <marker>}), as the attack
 * of the issue did; its marker file must not exist afterwards.
 */
@LianbaoTest
class ExpressionRefusalTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired PlanCalendar calendar;
  @TempDir Path markers;

  private String mineFilter;

  /** An expression that, evaluated, creates the file (and waits until it exists). */
  static String touching(Path marker) {
    return "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
        + ".exec('touch " + marker + "').waitFor().toString()}";
  }

  /** A request of the corpus: {@code E} in its path or body stands for the expression. */
  record Case(String name, String method, String path, String body) {}

  @BeforeEach
  void myTasksFilter() {
    mineFilter = engine.getFilterService().createFilterQuery().filterName(TasklistFilters.MINE).singleResult().getId();
  }

  List<Case> corpus() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("task-or", "POST", "/task", "{\"orQueries\":[{\"assigneeExpression\":\"E\"}]}"));
    cases.add(new Case("task-or-count", "POST", "/task/count", "{\"orQueries\":[{\"candidateGroupExpression\":\"E\"}]}"));
    cases.add(new Case("task-top", "POST", "/task", "{\"dueBeforeExpression\":\"E\"}"));
    cases.add(new Case("task-or-variable", "POST", "/task",
        "{\"orQueries\":[{\"processVariables\":[{\"name\":\"x\",\"operator\":\"eq\",\"value\":\"E\"}]}]}"));
    cases.add(new Case("task-query-string", "GET", "/task?assigneeExpression=E", null));
    cases.add(new Case("task-count-query-string", "GET", "/task/count?candidateGroupExpression=E", null));
    cases.add(new Case("process-instance", "POST", "/process-instance", "{\"businessKey\":\"E\"}"));
    cases.add(new Case("process-instance-count", "POST", "/process-instance/count",
        "{\"orQueries\":[{\"businessKeyLike\":\"E\"}]}"));
    cases.add(new Case("process-instance-query-string", "GET", "/process-instance?businessKey=E", null));
    cases.add(new Case("history-task", "POST", "/history/task", "{\"taskAssignee\":\"E\"}"));
    cases.add(new Case("history-task-or", "POST", "/history/task", "{\"orQueries\":[{\"taskAssigneeLike\":\"E\"}]}"));
    cases.add(new Case("history-process-instance", "POST", "/history/process-instance",
        "{\"processInstanceBusinessKey\":\"E\"}"));
    cases.add(new Case("history-activity-instance", "GET", "/history/activity-instance?activityName=E", null));
    cases.add(new Case("history-variable-instance", "POST", "/history/variable-instance", "{\"variableName\":\"E\"}"));
    cases.add(new Case("execution", "POST", "/execution", "{\"businessKey\":\"E\"}"));
    cases.add(new Case("job", "POST", "/job", "{\"processInstanceId\":\"E\"}"));
    cases.add(new Case("incident", "GET", "/incident?incidentMessage=E", null));
    cases.add(new Case("variable-instance", "POST", "/variable-instance", "{\"variableName\":\"E\"}"));
    cases.add(new Case("filter-list", "POST", "/filter/" + mineFilter + "/list",
        "{\"orQueries\":[{\"assigneeExpression\":\"E\"}]}"));
    cases.add(new Case("filter-count", "POST", "/filter/" + mineFilter + "/count", "{\"ownerExpression\":\"E\"}"));
    cases.add(new Case("filter-single", "POST", "/filter/" + mineFilter + "/singleResult",
        "{\"orQueries\":[{\"involvedUserExpression\":\"E\"}]}"));
    cases.add(new Case("filter-list-query-string", "GET", "/filter/" + mineFilter + "/list?assigneeExpression=E", null));
    return cases;
  }

  @Test
  void everyQueryHoldingAnExpressionIsRefusedThroughTheRestApiAndNothingRuns() {
    Http officer = Http.as(port, "qingpu-gov-officer");
    for (Case query : corpus()) {
      Path marker = markers.resolve("rest-" + query.name());
      HttpResponse<String> answer = send(query, marker, "/engine-rest",
          (path, body) -> switch (query.method()) {
            case "GET" -> officer.get(path);
            default -> officer.post(path, body);
          });
      assertThat(marker).as(query.name() + ": the expression ran").doesNotExist();
      assertThat(answer.statusCode()).as(query.name() + ": " + answer.body()).isEqualTo(400);
      assertThat(answer.body()).as(query.name()).contains("表达式");
    }
  }

  @Test
  void everyQueryHoldingAnExpressionIsRefusedThroughTheWebappsApiAndNothingRuns() {
    WebappSession officer = WebappSession.login(port, "tasklist", "qingpu-gov-officer");
    for (Case query : corpus()) {
      Path marker = markers.resolve("webapp-" + query.name());
      HttpResponse<String> answer = send(query, marker, WebappSession.ENGINE_API,
          (path, body) -> switch (query.method()) {
            case "GET" -> officer.get(path);
            default -> officer.post(path, body);
          });
      assertThat(marker).as(query.name() + ": the expression ran").doesNotExist();
      assertThat(answer.statusCode()).as(query.name() + ": " + answer.body()).isEqualTo(400);
      assertThat(answer.body()).as(query.name()).contains("表达式");
    }
  }

  @Test
  void anExpressionWrittenWithJsonEscapesOrAsDeferredIsRefusedToo() {
    Http officer = Http.as(port, "qingpu-gov-officer");
    Path escaped = markers.resolve("escaped");
    String unicode = touching(escaped).replace("${", "\\u0024{");
    HttpResponse<String> answer = officer.post("/engine-rest/task",
        "{\"orQueries\":[{\"assigneeExpression\":\"" + unicode + "\"}]}");
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(escaped).doesNotExist();

    Path deferred = markers.resolve("deferred");
    answer = officer.post("/engine-rest/task",
        "{\"orQueries\":[{\"assigneeExpression\":\"" + touching(deferred).replace("${", "#{") + "\"}]}");
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(deferred).doesNotExist();

    Path named = markers.resolve("named-engine");
    answer = officer.post("/engine-rest/engine/default/task",
        "{\"orQueries\":[{\"assigneeExpression\":\"" + touching(named) + "\"}]}");
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(named).doesNotExist();
  }

  @Test
  void onlyAdministratorsWriteFiltersAndOnlyWithTheIdentityAndDateFunctions() {
    Path created = markers.resolve("filter-create");
    String badFilter = "{\"resourceType\":\"Task\",\"name\":\"我的\",\"query\":{\"orQueries\":[{\"assigneeExpression\":\""
        + touching(created) + "\"}]}}";
    String plainFilter = "{\"resourceType\":\"Task\",\"name\":\"我的\",\"query\":{\"assigneeExpression\":\"${currentUser()}\"}}";
    long filters = engine.getFilterService().createFilterQuery().count();

    Http officer = Http.as(port, "qingpu-gov-officer");
    HttpResponse<String> refused = officer.post("/engine-rest/filter/create", plainFilter);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("只有管理员");
    assertThat(officer.post("/engine-rest/filter/create", badFilter).statusCode()).isEqualTo(403);
    assertThat(officer.put("/engine-rest/filter/" + mineFilter, plainFilter).statusCode()).isEqualTo(403);
    assertThat(officer.delete("/engine-rest/filter/" + mineFilter).statusCode()).isEqualTo(403);
    WebappSession tasklist = WebappSession.login(port, "tasklist", "qingpu-gov-leader");
    assertThat(tasklist.post(WebappSession.ENGINE_API + "/filter/create", plainFilter).statusCode()).isEqualTo(403);
    assertThat(tasklist.put(WebappSession.ENGINE_API + "/filter/" + mineFilter, plainFilter).statusCode()).isEqualTo(403);
    assertThat(tasklist.delete(WebappSession.ENGINE_API + "/filter/" + mineFilter).statusCode()).isEqualTo(403);

    Http admin = Http.as(port, "admin");
    HttpResponse<String> bad = admin.post("/engine-rest/filter/create", badFilter);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("currentUser()");
    assertThat(admin.put("/engine-rest/filter/" + mineFilter, badFilter).statusCode()).isEqualTo(400);
    WebappSession adminTasklist = WebappSession.login(port, "tasklist", "admin");
    assertThat(adminTasklist.post(WebappSession.ENGINE_API + "/filter/create", badFilter).statusCode()).isEqualTo(400);
    assertThat(created).doesNotExist();
    assertThat(engine.getFilterService().createFilterQuery().count()).isEqualTo(filters);
    assertThat(engine.getFilterService().getFilter(mineFilter).getName()).isEqualTo(TasklistFilters.MINE);

    String dated = "{\"resourceType\":\"Task\",\"name\":\"两周内到期\",\"query\":{\"candidateGroupsExpression\":"
        + "\"${currentUserGroups()}\",\"dueBeforeExpression\":\"${dateTime().plusWeeks(2).toDate()}\","
        + "\"dueAfterExpression\":\"${ now() }\"}}";
    HttpResponse<String> allowed = admin.post("/engine-rest/filter/create", dated);
    assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    String id = json(allowed, "id");
    assertThat(admin.get("/engine-rest/filter/" + id + "/count").statusCode()).isEqualTo(200);
    assertThat(admin.delete("/engine-rest/filter/" + id).statusCode()).isEqualTo(204);
  }

  @Test
  void theEngineItselfEvaluatesNoExpressionOfAnAdHocQueryOrAFilterBeyondItsFunctions() {
    Path adHoc = markers.resolve("engine-ad-hoc");
    assertThatThrownBy(() -> engine.getTaskService().createTaskQuery()
        .or().taskAssigneeExpression(touching(adHoc)).endOr().list())
        .isInstanceOf(RefusedRequestException.class).hasMessageContaining("表达式");

    Path saved = markers.resolve("engine-filter");
    Filter filter = engine.getFilterService().newTaskFilter("坏筛选器")
        .setQuery(engine.getTaskService().createTaskQuery().or().taskAssigneeExpression(touching(saved)).endOr());
    assertThatThrownBy(() -> engine.getFilterService().saveFilter(filter))
        .isInstanceOf(RefusedRequestException.class).hasMessageContaining("currentUser()");

    Path extending = markers.resolve("engine-extending");
    assertThatThrownBy(() -> engine.getFilterService().list(mineFilter,
        engine.getTaskService().createTaskQuery().or().taskAssigneeExpression(touching(extending)).endOr()))
        .isInstanceOf(RefusedRequestException.class);

    assertThat(adHoc).doesNotExist();
    assertThat(saved).doesNotExist();
    assertThat(extending).doesNotExist();
    assertThat(engine.getFilterService().createFilterQuery().filterName("坏筛选器").count()).isZero();
  }

  @Test
  void aUsersTextHoldingAnExpressionIsDataItIsKeptAsWrittenAndNeverRun() throws IOException {
    Task task = startReport("qingpu-gov");
    Path marker = markers.resolve("form-text");
    String text = "照录：" + touching(marker);
    HttpResponse<String> answer = Http.as(port, "qingpu-gov-officer").post("/engine-rest/task/" + task.getId()
        + "/submit-form", "{\"variables\":{\"progressSummary\":{\"value\":\"" + text + "\",\"type\":\"String\"}}}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(task.getProcessInstanceId()).variableName("progressSummary").singleResult().getValue())
        .isEqualTo(text);
    assertThat(marker).doesNotExist();
    assertThat(Files.list(markers)).isEmpty();
  }

  private HttpResponse<String> send(Case query, Path marker, String api,
      java.util.function.BiFunction<String, String, HttpResponse<String>> how) {
    String expression = touching(marker);
    String path = api + query.path().replace("=E", "=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
    String body = query.body() == null ? null : query.body().replace("\"E\"", "\"" + expression + "\"");
    return how.apply(path, body);
  }

  private Task startReport(String agency) {
    return ProcessTests.startProgressReport(engine, calendar, "expression-", agency);
  }

  private static String json(HttpResponse<String> response, String field) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path(field).asText();
    } catch (IOException e) {
      throw new AssertionError(response.body(), e);
    }
  }
}
