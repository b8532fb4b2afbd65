package cn.lianbao.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;

/** Logs into a Camunda webapp the way the browser does: page first (CSRF cookie), then the login form. */
public final class WebappLogin {

  private WebappLogin() {}

  /** The HTTP status of the login of {@code user} into {@code app} (tasklist, cockpit, admin). */
  public static int status(int port, String app, String user) {
    CookieManager cookies = new CookieManager();
    HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
    String base = "http://localhost:" + port;
    try {
      client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/" + app + "/default/")).GET().build(),
          BodyHandlers.discarding());
      String csrf = cookies.getCookieStore().getCookies().stream()
          .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue)
          .findFirst()
          .orElseThrow(() -> new AssertionError("the webapp set no XSRF-TOKEN cookie"));
      String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
          + "&password=" + URLEncoder.encode(LianbaoTest.PASSWORD, StandardCharsets.UTF_8);
      HttpRequest login = HttpRequest.newBuilder(
              URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("X-XSRF-TOKEN", csrf)
          .POST(BodyPublishers.ofString(form))
          .build();
      return client.send(login, BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
