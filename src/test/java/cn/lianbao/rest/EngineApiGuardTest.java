package cn.lianbao.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** What the guard of the engine APIs reads as an expression, and where it lets data through. */
class EngineApiGuardTest {

  @Test
  void anExpressionIsFoundAtAnyDepthAndAfterJsonDecoding() {
    assertThat(problem("{\"orQueries\":[{\"assigneeExpression\":\"${x}\"}]}", false)).isNotNull();
    assertThat(problem("{\"a\":{\"b\":[[{\"c\":\"#{x}\"}]]}}", false)).isNotNull();
    assertThat(problem("{\"orQueries\":[{\"assigneeExpression\":\"\\u0024{x}\"}]}", false)).isNotNull();
    assertThat(problem("{\"${x}\":1}", false)).isNotNull();
    assertThat(problem("{\"assignee\":\"$ {x} and # {y} and {z}\"}", false)).isNull();
    assertThat(EngineApiGuard.expressionInQueryString("assigneeExpression=%24%7Bx%7D")).contains("assigneeExpression");
    assertThat(EngineApiGuard.expressionInQueryString("a=%2524%257Bx%257D&b=${y}")).contains("b");
    assertThat(EngineApiGuard.expressionInQueryString("assignee=demo&sortBy=created")).isEmpty();
  }

  @Test
  void aFilterMayHoldTheIdentityAndDateFunctionsAsWholeValuesOfItsQuery() {
    assertThat(problem("{\"query\":{\"assigneeExpression\":\"${currentUser()}\","
        + "\"candidateGroupsExpression\":\"${ currentUserGroups() }\",\"dueBeforeExpression\":\"${now()}\","
        + "\"followUpBeforeExpression\":\"${dateTime().plusDays(14).withTimeAtStartOfDay().toDate()}\"}}", true))
        .isNull();
    assertThat(problem("{\"query\":{\"orQueries\":[{\"assigneeExpression\":\"${currentUser()}\"}]}}", true)).isNull();
    assertThat(problem("{\"query\":{\"assigneeExpression\":\"${currentUser().getClass()}\"}}", true)).isNotNull();
    assertThat(problem("{\"query\":{\"assigneeExpression\":\"${dateTime().plusDays(jdbcTemplate)}\"}}", true)).isNotNull();
    assertThat(problem("{\"query\":{\"assignee\":\"${currentUser()}\"}}", true)).isNotNull();
    assertThat(problem("{\"name\":\"${currentUser()}\",\"query\":{}}", true)).isNotNull();
    assertThat(problem("{\"query\":{\"assigneeExpression\":\"${currentUser()}\"}}", false))
        .as("a query that is not a filter's").isNotNull();
  }

  @Test
  void dataIsNotReadButTheQueryStringOfEveryRequestIs() throws Exception {
    EngineApiGuard guard = new EngineApiGuard();
    assertThat(status(guard, "POST", "/engine-rest", "/task/1/complete", null,
        "{\"variables\":{\"a\":{\"value\":\"${x}\"}}}")).isEqualTo(200);
    assertThat(status(guard, "PUT", "/engine-rest", "/user/demo/credentials", null,
        "{\"password\":\"a${b}C1!xyz\",\"authenticatedUserPassword\":\"old\"}")).isEqualTo(200);
    assertThat(status(guard, "POST", "/engine-rest", "/task/1/complete", "x=${y}", "{}")).isEqualTo(400);
    assertThat(status(guard, "POST", "/engine-rest", "/task", null, "{\"nameLike\":\"${x}\"}")).isEqualTo(400);
    assertThat(status(guard, "POST", "/camunda/api/engine", "/engine/default/task/count", null,
        "{\"nameLike\":\"${x}\"}")).isEqualTo(400);
    assertThat(status(guard, "POST", "/engine-rest", "/task", null, "{\"nameLike\":\"plain\"}")).isEqualTo(200);
    assertThat(status(guard, "PUT", "/engine-rest", "/task/1/variables/overdue", null, "{\"value\":false}"))
        .as("not an administrator").isEqualTo(403);
  }

  private static String problem(String json, boolean filterWrite) {
    return EngineApiGuard.problemInBody(json.getBytes(StandardCharsets.UTF_8), filterWrite).orElse(null);
  }

  private static int status(EngineApiGuard guard, String method, String servletPath, String pathInfo, String query,
      String body) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, servletPath + pathInfo);
    request.setServletPath(servletPath);
    request.setPathInfo(pathInfo);
    request.setQueryString(query);
    request.setContentType("application/json");
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    MockHttpServletResponse response = new MockHttpServletResponse();
    guard.doFilter(request, response, new MockFilterChain());
    return response.getStatus() == 0 ? HttpServletResponse.SC_OK : response.getStatus();
  }
}
