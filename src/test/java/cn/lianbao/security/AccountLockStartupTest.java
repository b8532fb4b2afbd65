package cn.lianbao.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.LianbaoApplication;
import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.WebappLogin;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Nobody can lock an account out, the administrator's least of all: whole starts of the application
 * behind a (pretended) proxy, {@code server.forward-headers-strategy=native}, so that requests come
 * from the addresses their {@code X-Forwarded-For} names. Runs in the JVM of the start-up tests.
 */
class AccountLockStartupTest {

  private static final String ATTACKER = "203.0.113.7";
  private static final String OFFICE = "198.51.100.9";

  @TempDir Path dataDir;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void fiftyWrongPasswordsFromOneAddressDoNotKeepTheAdministratorOutForMoreThanAMinute() {
    try (ConfigurableApplicationContext app = start()) {
      int port = port(app);
      Http attacker = Http.as(port, "admin", "Guess-1234!").with("X-Forwarded-For", ATTACKER);
      List<Integer> answers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        HttpResponse<String> answer = attacker.get("/engine-rest/task");
        answers.add(answer.statusCode());
        assertThat(answer.headers().firstValue("WWW-Authenticate")).isEmpty();
      }
      assertThat(answers.subList(0, LoginThrottle.PER_ACCOUNT)).containsOnly(401);
      assertThat(answers.subList(LoginThrottle.PER_ACCOUNT, 50))
          .as("the address is throttled: its guesses no longer reach the account").containsOnly(429);
      HttpResponse<String> throttled = attacker.get("/engine-rest/task");
      assertThat(throttled.body()).contains("登录失败次数过多");
      assertThat(WebappLogin.session(port, "admin", "admin", LianbaoTest.PASSWORD, "X-Forwarded-For", ATTACKER)
          .login().statusCode()).as("the webapps' login from the same address is throttled too").isEqualTo(429);

      ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 60_000));
      Http office = Http.as(port, "admin", LianbaoTest.PASSWORD).with("X-Forwarded-For", OFFICE);
      assertThat(office.get("/engine-rest/task").statusCode())
          .as("the administrator, from another address, within 60 s").isEqualTo(200);
    }
  }

  @Test
  void theWebappsLoginIsThrottledPerAddressAndAccount() {
    try (ConfigurableApplicationContext app = start()) {
      int port = port(app);
      List<Integer> answers = new ArrayList<>();
      for (int i = 0; i < LoginThrottle.PER_ACCOUNT + 2; i++) {
        answers.add(WebappLogin.session(port, "tasklist", "qingpu-gov-officer", "Guess-1234!").login().statusCode());
      }
      assertThat(answers.subList(0, LoginThrottle.PER_ACCOUNT)).containsOnly(401);
      assertThat(answers.subList(LoginThrottle.PER_ACCOUNT, answers.size())).containsOnly(429);
      ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 60_000));
      assertThat(Http.as(port, "qingpu-gov-officer", LianbaoTest.PASSWORD).with("X-Forwarded-For", OFFICE)
          .get("/engine-rest/task").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void afterARestartNoLockRemainsOnTheAdministratorOrOnTheAccountsToUnlock() {
    // the engine's clock stands still: the locks of the first start have not run out at the second
    ClockUtil.setCurrentTime(new Date());
    try (ConfigurableApplicationContext app = start()) {
      int port = port(app);
      for (String user : List.of("admin", "suzhou-gov-officer", "jiaxing-gov-officer")) {
        Http guesser = Http.as(port, user, "Guess-1234!").with("X-Forwarded-For", ATTACKER);
        for (int i = 0; i < 3; i++) {
          guesser.get("/engine-rest/task");
        }
        assertThat(Http.as(port, user, LianbaoTest.PASSWORD).with("X-Forwarded-For", OFFICE)
            .get("/engine-rest/task").statusCode()).as(user + " is locked for a few seconds").isEqualTo(401);
      }
    }
    try (ConfigurableApplicationContext app = start("--lianbao.security.unlock-users=suzhou-gov-officer",
        "--lianbao.tls=true")) {
      int port = port(app);
      HttpResponse<String> admin = Http.as(port, "admin", LianbaoTest.PASSWORD).get("/engine-rest/task");
      assertThat(admin.statusCode()).as("the administrator is unlocked at start-up").isEqualTo(200);
      assertThat(Http.as(port, "suzhou-gov-officer", LianbaoTest.PASSWORD).get("/engine-rest/task").statusCode())
          .as("lianbao.security.unlock-users").isEqualTo(200);
      assertThat(Http.as(port, "jiaxing-gov-officer", LianbaoTest.PASSWORD).get("/engine-rest/task").statusCode())
          .as("an account not listed waits out its (short) lock").isEqualTo(401);

      // lianbao.tls: Secure cookies and HSTS, on the REST API and on the webapps
      assertThat(admin.headers().firstValue("Strict-Transport-Security")).isPresent();
      HttpResponse<String> login = WebappLogin.session(port, "tasklist", "qingpu-gov-officer", LianbaoTest.PASSWORD).login();
      assertThat(login.headers().allValues("Set-Cookie")).filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
          .singleElement().satisfies(cookie -> assertThat(cookie).containsIgnoringCase("; Secure")
              .containsIgnoringCase("SameSite=Lax")
              .satisfies(text -> assertThat(text.toLowerCase().split("samesite=", -1)).as("one SameSite").hasSize(2)));
      HttpResponse<String> page = Http.anonymous(port).get("/camunda/app/tasklist/default/");
      assertThat(page.headers().allValues("Strict-Transport-Security")).hasSize(1);
    }
  }

  private ConfigurableApplicationContext start(String... more) {
    List<String> arguments = new ArrayList<>(List.of(
        "--spring.profiles.active=demo",
        "--server.port=0",
        "--server.forward-headers-strategy=native",
        "--lianbao.data-dir=" + dataDir,
        "--camunda.bpm.job-execution.enabled=false",
        "--spring.mail.host=localhost",
        "--spring.mail.port=1"));
    arguments.addAll(List.of(more));
    return new SpringApplicationBuilder(LianbaoApplication.class).run(arguments.toArray(String[]::new));
  }

  private static int port(ConfigurableApplicationContext app) {
    return ((WebServerApplicationContext) app).getWebServer().getPort();
  }
}
