package cn.lianbao.access;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API allowlist (README: 权限 / Who may do what): what the browser journeys recorded per user
 * passes it; a sample of what no journey and no documented call needs is refused with 403 and the
 * allowlist's Chinese message; administrators are not restricted.
 */
@LianbaoTest
class ApiAllowlistTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Stands for every {id} of a recorded path: an id that exists nowhere (404 or 400, never the allowlist's 403). */
  private static final String NO_SUCH_ID = "0f0e0d0c-0b0a-4909-8807-060504030201";

  @LocalServerPort int port;

  @Test
  void everyRequestTheJourneysRecordedPassesTheAllowlist() throws IOException {
    JsonNode recorded;
    try (InputStream in = ApiAllowlistTest.class.getResourceAsStream("/security/recorded-requests.json")) {
      recorded = JSON.readTree(in);
    }
    List<String> refused = new ArrayList<>();
    int replayed = 0;
    for (Iterator<Map.Entry<String, JsonNode>> users = recorded.fields(); users.hasNext(); ) {
      Map.Entry<String, JsonNode> user = users.next();
      if (user.getKey().startsWith("_")) {
        continue;
      }
      String id = user.getKey();
      WebappSession browser = WebappSession.login(port, id.equals("supervisor") ? "cockpit" : "tasklist", id);
      Http rest = Http.as(port, id);
      List<String> logins = new ArrayList<>();
      for (JsonNode line : user.getValue()) {
        String[] request = line.asText().split(" ", 2);
        if (request[1].contains("/auth/user/default/login/")) {
          logins.add(line.asText()); // a login ends the session's login: replayed last
          continue;
        }
        replayed++;
        check(refused, id, request[0], request[1], browser, rest);
      }
      for (String login : logins) {
        String[] request = login.split(" ", 2);
        check(refused, id, request[0], request[1], browser, rest);
      }
    }
    assertThat(replayed).as("recorded requests replayed").isGreaterThan(50);
    assertThat(refused).as("recorded requests that the allowlist refuses").isEmpty();
  }

  private static void check(List<String> refused, String user, String method, String recordedPath,
      WebappSession browser, Http rest) {
    String path = recordedPath.replace("{id}", NO_SUCH_ID).replace("{key}", "annual-plan");
    String body = method.equals("GET") || method.equals("OPTIONS") || method.equals("DELETE") ? null : "{}";
    HttpResponse<String> answer = path.startsWith("/engine-rest/")
        ? switch (method) {
          case "GET" -> rest.get(path);
          case "POST" -> rest.post(path, body);
          case "PUT" -> rest.put(path, body);
          case "DELETE" -> rest.delete(path);
          default -> throw new IllegalArgumentException(method);
        }
        : browser.call(method, path, body);
    if (byTheAllowlist(answer)) {
      refused.add(user + ": " + method + " " + recordedPath);
    }
  }

  @Test
  void whatNoJourneyNeedsIsRefused() {
    String task = "/engine-rest/task/" + NO_SUCH_ID;
    String instance = "/engine-rest/process-instance/" + NO_SUCH_ID;
    String webapp = WebappSession.ENGINE_API;
    List<String[]> others = List.of(
        // user, method, path
        new String[] {"suzhou-gov-officer", "POST", "/engine-rest/deployment/create"},
        new String[] {"suzhou-gov-officer", "GET", "/engine-rest/user"},
        new String[] {"suzhou-gov-officer", "GET", "/engine-rest/group"},
        new String[] {"suzhou-gov-officer", "POST", instance + "/modification"},
        new String[] {"suzhou-gov-officer", "DELETE", instance},
        new String[] {"suzhou-gov-officer", "GET", "/engine-rest/job"},
        new String[] {"suzhou-gov-officer", "POST", "/engine-rest/job/" + NO_SUCH_ID + "/retries"},
        new String[] {"suzhou-gov-officer", "GET", "/engine-rest/authorization"},
        new String[] {"suzhou-gov-officer", "GET", "/engine-rest/history/process-instance"},
        new String[] {"suzhou-gov-officer", "PUT", task},
        new String[] {"suzhou-gov-officer", "POST", task + "/assignee"},
        new String[] {"suzhou-gov-officer", "POST", task + "/identity-links"},
        new String[] {"suzhou-gov-officer", "POST", "/engine-rest/task/create"},
        new String[] {"suzhou-gov-officer", "GET", webapp + "/job"},
        new String[] {"suzhou-gov-officer", "POST", webapp + "/task/create"},
        new String[] {"suzhou-gov-officer", "GET", "/camunda/api/cockpit/plugin/base/default/process-definition/statistics"},
        new String[] {"suzhou-gov-officer", "POST", "/camunda/api/cockpit/plugin/base/default/process-instance"},
        new String[] {"suzhou-gov-officer", "GET", "/camunda/api/admin/plugin/adminPlugins/static/app/plugin.js"},
        new String[] {"suzhou-gov-leader", "GET", "/engine-rest/user"},
        new String[] {"suzhou-gov-leader", "POST", task + "/identity-links/delete"},
        new String[] {"suzhou-gov-leader", "DELETE", "/engine-rest/user/suzhou-gov-officer"},
        new String[] {"supervisor", "POST", "/engine-rest/deployment/create"},
        new String[] {"supervisor", "DELETE", instance},
        new String[] {"supervisor", "PUT", instance + "/suspended"},
        new String[] {"supervisor", "GET", "/engine-rest/job"},
        new String[] {"supervisor", "POST", "/engine-rest/user/create"},
        new String[] {"supervisor", "GET", "/engine-rest/authorization"},
        new String[] {"supervisor", "PUT", webapp + "/process-instance/" + NO_SUCH_ID + "/suspended"},
        new String[] {"supervisor", "DELETE", webapp + "/process-instance/" + NO_SUCH_ID},
        new String[] {"supervisor", "POST", webapp + "/process-instance/" + NO_SUCH_ID + "/modification"},
        new String[] {"supervisor", "POST", webapp + "/job/" + NO_SUCH_ID + "/retries"},
        new String[] {"supervisor", "POST", webapp + "/task/create"},
        new String[] {"supervisor", "GET", "/camunda/api/admin/setup/default/user/create"});
    List<String> passed = new ArrayList<>();
    for (String[] other : others) {
      String user = other[0];
      String method = other[1];
      String path = other[2];
      HttpResponse<String> answer;
      if (path.startsWith("/engine-rest/")) {
        Http rest = Http.as(port, user);
        answer = switch (method) {
          case "GET" -> rest.get(path);
          case "POST" -> rest.post(path, "{}");
          case "PUT" -> rest.put(path, "{}");
          default -> rest.delete(path);
        };
      } else {
        WebappSession browser = WebappSession.login(port, user.equals("supervisor") ? "cockpit" : "tasklist", user);
        answer = browser.call(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}");
      }
      if (!byTheAllowlist(answer) && !(answer.statusCode() == 403 && isChinese(answer.body()))) {
        passed.add(user + ": " + method + " " + path + " answered " + answer.statusCode() + " " + answer.body());
      }
    }
    assertThat(passed).as("requests that no journey and no documented call needs, yet not refused").isEmpty();
  }

  @Test
  void administratorsAreNotRestricted() {
    assertThat(Http.as(port, "admin").get("/engine-rest/user").statusCode()).isEqualTo(200);
    assertThat(Http.as(port, "admin").get("/engine-rest/job").statusCode()).isEqualTo(200);
    WebappSession admin = WebappSession.login(port, "cockpit", "admin");
    assertThat(admin.call("GET", WebappSession.ENGINE_API + "/job", null).statusCode()).isEqualTo(200);
  }

  @Test
  void theRefusalIsOneChineseSentenceAsJson() throws IOException {
    HttpResponse<String> answer = Http.as(port, "suzhou-gov-officer").get("/engine-rest/user");
    assertThat(answer.statusCode()).isEqualTo(403);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("type").asText()).isEqualTo("forbidden");
    assertThat(body.path("message").asText()).isEqualTo(ApiAllowlistFilter.REFUSED);
  }

  @Test
  void aPatternMatchesWholeSegments() {
    assertThat(ApiAllowlist.pathMatches("/engine-rest/task/{id}", "/engine-rest/task/abc")).isTrue();
    assertThat(ApiAllowlist.pathMatches("/engine-rest/task/{id}", "/engine-rest/task/abc/claim")).isFalse();
    assertThat(ApiAllowlist.pathMatches("/engine-rest/task/{id}", "/engine-rest/task/")).isFalse();
    assertThat(ApiAllowlist.pathMatches("/engine-rest/task", "/engine-rest/task/")).isFalse();
    assertThat(ApiAllowlist.pathMatches("/camunda/api/tasklist/plugin/{p}/static/**",
        "/camunda/api/tasklist/plugin/x/static/app/plugin.js")).isTrue();
    assertThat(ApiAllowlist.pathMatches("/camunda/api/tasklist/plugin/{p}/static/**",
        "/camunda/api/tasklist/plugin/x/static")).isFalse();
  }

  private static boolean byTheAllowlist(HttpResponse<String> answer) {
    return answer.statusCode() == 403 && answer.body() != null && answer.body().contains(ApiAllowlistFilter.REFUSED);
  }

  private static boolean isChinese(String body) {
    return body != null && body.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }
}
