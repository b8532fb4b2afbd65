package cn.lianbao.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.WebappLogin;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a browser, and a foreign page in it, can do with Lianbao: no password dialog (so no kept
 * credentials), no cross-site writes, one SameSite attribute on the session cookie.
 */
@LianbaoTest
class BrowserDefencesTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  @Test
  void theRestApiNeverAsksTheBrowserForAPassword() {
    for (String path : List.of("/engine-rest/task", "/engine-rest/deployment/create", "/api/anything")) {
      HttpResponse<String> anonymous = Http.anonymous(port).get(path);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).isEmpty();
      assertThat(anonymous.body()).contains("\"message\"").contains("未登录");
    }
    HttpResponse<String> wrong = Http.as(port, "sh-eco-env-leader", "Wrong-Passw0rd!").get("/engine-rest/task");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).isEmpty();

    assertThat(Http.as(port, "admin").get("/engine-rest/task").statusCode())
        .as("curl -u sends its credentials without being asked").isEqualTo(200);
  }

  @Test
  void aRequestFromAForeignPageIsRefusedBeforeAuthentication() {
    long deployments = engine.getRepositoryService().createDeploymentQuery().count();
    HttpResponse<String> anonymous = Http.anonymous(port).with("Origin", "https://evil.example")
        .post("/engine-rest/deployment/create", "{}");
    assertThat(anonymous.statusCode()).as("403, not 401: refused before the login").isEqualTo(403);
    assertThat(anonymous.body()).contains("跨站").contains("evil.example");

    HttpResponse<String> withCredentials = Http.as(port, "admin").with("Origin", "https://evil.example")
        .post("/engine-rest/deployment/create", "{}");
    assertThat(withCredentials.statusCode()).isEqualTo(403);
    assertThat(Http.as(port, "admin").with("Origin", "null").get("/engine-rest/task").statusCode()).isEqualTo(403);
    assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);

    assertThat(Http.as(port, "admin").with("Origin", "http://localhost:" + port).get("/engine-rest/task")
        .statusCode()).as("the server's own origin").isEqualTo(200);
    assertThat(Http.as(port, "admin").with("Origin", "http://localhost:8080").get("/engine-rest/task")
        .statusCode()).as("lianbao.public-url").isEqualTo(200);
  }

  @Test
  void theSessionCookieCarriesOneSameSiteAttributeAndNoSecureFlagWithoutTls() {
    HttpResponse<String> login = WebappLogin.session(port, "tasklist", "sh-water-officer", LianbaoTest.PASSWORD).login();
    assertThat(login.statusCode()).isEqualTo(200);
    List<String> session = login.headers().allValues("Set-Cookie").stream()
        .filter(cookie -> cookie.startsWith("JSESSIONID=")).toList();
    assertThat(session).hasSize(1);
    assertThat(count(session.get(0), "(?i)SameSite=")).as(session.get(0)).isEqualTo(1);
    assertThat(session.get(0)).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly")
        .doesNotContainIgnoringCase("Secure");
  }

  private static int count(String text, String pattern) {
    Matcher matcher = Pattern.compile(pattern).matcher(text);
    int found = 0;
    while (matcher.find()) {
      found++;
    }
    return found;
  }
}
