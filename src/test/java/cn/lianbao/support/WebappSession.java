package cn.lianbao.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;

/**
 * A user logged into a Camunda webapp, calling the webapps' engine API
 * ({@code /camunda/api/engine/engine/default/…}) the way the browser does: session cookie and
 * the CSRF token in {@code X-XSRF-TOKEN}.
 */
public final class WebappSession {

  public static final String ENGINE_API = "/camunda/api/engine/engine/default";

  private final HttpClient client;
  private final CookieManager cookies;
  private final String base;

  private WebappSession(int port) {
    this.cookies = new CookieManager();
    this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
    this.base = "http://localhost:" + port;
  }

  /** Logs {@code user} (demo password) into {@code app}; fails unless the login succeeds. */
  public static WebappSession login(int port, String app, String user) {
    WebappSession session = new WebappSession(port);
    try {
      session.client.send(HttpRequest.newBuilder(URI.create(session.base + "/camunda/app/" + app + "/default/"))
          .GET().build(), BodyHandlers.discarding());
      String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
          + "&password=" + URLEncoder.encode(LianbaoTest.PASSWORD, StandardCharsets.UTF_8);
      HttpResponse<String> login = session.client.send(HttpRequest.newBuilder(
              URI.create(session.base + "/camunda/api/admin/auth/user/default/login/" + app))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("X-XSRF-TOKEN", session.csrf())
          .POST(BodyPublishers.ofString(form))
          .build(), BodyHandlers.ofString());
      if (login.statusCode() != 200) {
        throw new AssertionError("login of " + user + " into " + app + ": " + login.statusCode());
      }
      // the login begins a new session: its CSRF token comes with the next request that changes nothing
      session.client.send(HttpRequest.newBuilder(URI.create(session.base + ENGINE_API + "/task/count"))
          .header("Accept", "application/json").GET().build(), BodyHandlers.discarding());
      return session;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Logs {@code user} into Tasklist. */
  public static WebappSession login(int port, String user) {
    return login(port, "tasklist", user);
  }

  /** A request to the webapps' engine API, path relative to {@link #ENGINE_API}; {@code json} may be null. */
  public HttpResponse<String> engine(String method, String path, String json) {
    return send(method, ENGINE_API + path, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json));
  }

  /** Any request to the server's whole {@code path} (with its query), as the browser sends it; {@code json} may be null. */
  public HttpResponse<String> call(String method, String path, String json) {
    return send(method, path, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json));
  }

  public HttpResponse<String> get(String path) {
    return send("GET", path, BodyPublishers.noBody());
  }

  public HttpResponse<String> delete(String path) {
    return send("DELETE", path, BodyPublishers.noBody());
  }

  public HttpResponse<String> post(String path, String json) {
    return send("POST", path, BodyPublishers.ofString(json));
  }

  public HttpResponse<String> put(String path, String json) {
    return send("PUT", path, BodyPublishers.ofString(json));
  }

  private String csrf() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .reduce((first, last) -> last)
        .orElseThrow(() -> new AssertionError("the webapp set no XSRF-TOKEN cookie"));
  }

  private HttpResponse<String> send(String method, String path, BodyPublisher body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("X-XSRF-TOKEN", csrf())
        .build();
    try {
      return client.send(request, BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
