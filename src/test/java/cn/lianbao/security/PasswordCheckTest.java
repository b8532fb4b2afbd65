package cn.lianbao.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code POST /engine-rest/identity/verify} checks any account's password. Open to every user, it
 * would be a password oracle beside the throttled login, and each wrong guess would delay the
 * account it names (issue 9: nobody locks anyone out).
 */
@LianbaoTest
class PasswordCheckTest {

  @LocalServerPort int port;

  @Test
  void onlyAdministratorsCheckPasswordsAndAnOfficersGuessesDelayNobody() {
    for (int guess = 0; guess < 3; guess++) {
      HttpResponse<String> refused = Http.as(port, "qingpu-gov-officer")
          .post("/engine-rest/identity/verify", "{\"username\": \"suzhou-gov-leader\", \"password\": \"Guess-" + guess + "!\"}");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("只有管理员可以核对账号的密码");
    }
    assertThat(Http.as(port, "suzhou-gov-leader").get("/engine-rest/task/count").statusCode())
        .as("the guessed account logs in at once").isEqualTo(200);

    HttpResponse<String> admin = Http.as(port, "admin")
        .post("/engine-rest/identity/verify", "{\"username\": \"qingpu-gov-officer\", \"password\": \"" + LianbaoTest.PASSWORD + "\"}");
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.body()).contains("\"authenticated\":true");
  }
}
