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
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;

/**
 * A user logged into Tasklist the way the browser does, calling the webapps' engine API
 * ({@code /camunda/api/engine/engine/default/…}) with the session cookie and the CSRF token.
 */
public final class WebappSession {

  private final HttpClient client;
  private final CookieManager cookies;
  private final String base;
  private String token;

  private WebappSession(int port) {
    this.cookies = new CookieManager();
    this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
    this.base = "http://localhost:" + port;
  }

  public static WebappSession login(int port, String user) {
    WebappSession session = new WebappSession(port);
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(LianbaoTest.PASSWORD, StandardCharsets.UTF_8);
    session.send(HttpRequest.newBuilder(URI.create(session.base + "/camunda/app/tasklist/default/")).GET());
    HttpResponse<String> login = session.send(HttpRequest.newBuilder(
            URI.create(session.base + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(BodyPublishers.ofString(form)));
    if (login.statusCode() != 200) {
      throw new AssertionError("login of " + user + " answered " + login.statusCode());
    }
    // the session changed with the login: fetch the token that belongs to it
    session.engine("GET", "/task/count", null);
    return session;
  }

  /** A request to the webapps' engine API, path relative to {@code /camunda/api/engine/engine/default}. */
  public HttpResponse<String> engine(String method, String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine/engine/default" + path))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("Origin", base)
        .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    String csrf = token != null ? token : cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst().orElse(null);
    if (csrf != null) {
      request.header("X-XSRF-TOKEN", csrf);
    }
    try {
      HttpResponse<String> response = client.send(request.build(), BodyHandlers.ofString());
      response.headers().firstValue("X-XSRF-TOKEN").ifPresent(fresh -> token = fresh);
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
