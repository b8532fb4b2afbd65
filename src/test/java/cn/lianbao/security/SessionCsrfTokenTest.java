package cn.lianbao.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.support.LianbaoTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Sessions live in the database, one copy per request (Spring Session): the webapps' many parallel requests
 * right after a login must not each make a CSRF token of their own, or the browser keeps one, the session
 * another, and the officer's next write is refused and their login ended (seen in the browser journeys).
 * The login's answer brings the new session's token; the requests that follow bring none, and a write
 * with it passes.
 */
@LianbaoTest
class SessionCsrfTokenTest {

  private static final String ENGINE_API = "/camunda/api/engine/engine/default";

  @LocalServerPort int port;

  @Test
  void theLoginBringsTheNewSessionsTokenAndParallelRequestsAfterItMakeNoOther() throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    String base = "http://localhost:" + port;

    browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/")).GET().build(),
        BodyHandlers.discarding());
    String before = token(cookies).orElseThrow(() -> new AssertionError("the login page set no XSRF-TOKEN"));
    String form = "username=qingpu-gov-officer&password=" + URLEncoder.encode(LianbaoTest.PASSWORD, StandardCharsets.UTF_8);
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
            URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", before)
        .POST(BodyPublishers.ofString(form)).build(), BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(xsrfCookies(login)).as("the login's answer carries the new session's token").hasSize(1);
    String token = token(cookies).orElseThrow();
    assertThat(token).as("a new session, a new token").isNotEqualTo(before);
    assertThat(login.headers().firstValue("X-XSRF-TOKEN")).contains(token);

    // what Tasklist does after a login: many reading requests at once
    List<HttpResponse<String>> reads = IntStream.range(0, 8).mapToObj(i -> browser.sendAsync(
            HttpRequest.newBuilder(URI.create(base + ENGINE_API + "/task/count")).header("Accept", "application/json")
                .GET().build(), BodyHandlers.ofString()))
        .toList().stream().map(CompletableFuture::join).toList();
    assertThat(reads).allSatisfy(read -> {
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(xsrfCookies(read)).as("no request makes a token of its own").isEmpty();
    });
    assertThat(token(cookies)).contains(token);

    // Tasklist's filter count, a POST
    HttpResponse<String> filters = browser.send(HttpRequest.newBuilder(URI.create(base + ENGINE_API + "/filter?resourceType=Task"))
        .header("Accept", "application/json").GET().build(), BodyHandlers.ofString());
    String filter = new ObjectMapper().readTree(filters.body()).get(0).path("id").asText();
    HttpResponse<String> write = browser.send(HttpRequest.newBuilder(URI.create(base + ENGINE_API + "/filter/" + filter + "/count"))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .header("X-XSRF-TOKEN", token).POST(BodyPublishers.ofString("{}")).build(), BodyHandlers.ofString());
    assertThat(write.statusCode()).as("a write with the login's token: %s", write.body()).isEqualTo(200);
  }

  /**
   * The plan view (Cockpit) and the start form (Tasklist) read {@code /api/plans} with the webapps' login
   * while the page's other requests run. Seen in the browser journeys: the read gave the session a new id,
   * a request of the same moment wrote the old one back, and the supervisor's next step met the login page.
   */
  @Test
  void readingThePlanViewWithTheWebappLoginLeavesTheSessionAsItIs() throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    String base = "http://localhost:" + port;
    browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/cockpit/default/")).GET().build(),
        BodyHandlers.discarding());
    String form = "username=supervisor&password=" + URLEncoder.encode(LianbaoTest.PASSWORD, StandardCharsets.UTF_8);
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
            URI.create(base + "/camunda/api/admin/auth/user/default/login/cockpit"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token(cookies).orElseThrow())
        .POST(BodyPublishers.ofString(form)).build(), BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(200);
    String session = sessionCookie(cookies);

    // the plan view's reads and Cockpit's own, at once, a few times over
    for (int round = 0; round < 3; round++) {
      List<CompletableFuture<HttpResponse<String>>> running = List.of(
          browser.sendAsync(json(base + "/api/plans"), BodyHandlers.ofString()),
          browser.sendAsync(json(base + ENGINE_API + "/process-definition/count"), BodyHandlers.ofString()),
          browser.sendAsync(json(base + "/api/plans"), BodyHandlers.ofString()),
          browser.sendAsync(json(base + ENGINE_API + "/user/supervisor/profile"), BodyHandlers.ofString()));
      List<HttpResponse<String>> answers = running.stream().map(CompletableFuture::join).toList();
      assertThat(answers).allSatisfy(answer -> {
        assertThat(answer.statusCode()).as("%s: %s", answer.uri(), answer.body()).isEqualTo(200);
        assertThat(answer.headers().allValues("Set-Cookie")).as("%s gives the browser no other session", answer.uri())
            .noneMatch(cookie -> cookie.startsWith("JSESSIONID="));
      });
    }
    assertThat(sessionCookie(cookies)).as("the login's session").isEqualTo(session);
    HttpResponse<String> after = browser.send(json(base + ENGINE_API + "/user/supervisor/profile"), BodyHandlers.ofString());
    assertThat(after.statusCode()).as("still logged in: %s", after.body()).isEqualTo(200);
  }

  private static HttpRequest json(String uri) {
    return HttpRequest.newBuilder(URI.create(uri)).header("Accept", "application/json").GET().build();
  }

  private static String sessionCookie(CookieManager cookies) {
    return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("JSESSIONID"))
        .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no session cookie"));
  }

  private static List<String> xsrfCookies(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("XSRF-TOKEN=")).toList();
  }

  private static Optional<String> token(CookieManager cookies) {
    return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).reduce((first, last) -> last);
  }
}
