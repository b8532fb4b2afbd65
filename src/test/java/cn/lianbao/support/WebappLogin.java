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

/** Logs into a Camunda webapp the way the browser does: page first (CSRF cookie), then the login form. */
public final class WebappLogin {

  private WebappLogin() {}

  /** The HTTP status of the login of {@code user} into {@code app} (tasklist, cockpit, admin). */
  public static int status(int port, String app, String user) {
    return session(port, app, user, LianbaoTest.PASSWORD).login().statusCode();
  }

  /** A browser's session: logged in (or not: see {@link Session#login()}) to {@code app}. */
  public static Session session(int port, String app, String user, String password, String... headers) {
    return new Session(port, app, user, password, headers);
  }

  /** A browser with its cookies, after the login of one user into one webapp. */
  public static final class Session {

    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
    private final String base;
    private final HttpResponse<String> login;
    private final String[] headers;

    private Session(int port, String app, String user, String password, String... headers) {
      this.headers = headers;
      this.base = "http://localhost:" + port;
      send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/" + app + "/default/")).GET().build());
      String csrf = cookies.getCookieStore().getCookies().stream()
          .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue)
          .findFirst()
          .orElseThrow(() -> new AssertionError("the webapp set no XSRF-TOKEN cookie"));
      String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
          + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
      this.login = send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("X-XSRF-TOKEN", csrf)
          .POST(BodyPublishers.ofString(form))
          .build());
      // the login starts a new session: the webapp's next page load gives it its CSRF token
      send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/" + app + "/default/")).GET().build());
    }

    /** The answer to the login form. */
    public HttpResponse<String> login() {
      return login;
    }

    /** A JSON POST through the webapps' API, as the webapp sends it. */
    public HttpResponse<String> post(String path, String json) {
      return send(HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/json")
          .header("Accept", "application/json")
          .header("X-XSRF-TOKEN", csrf())
          .POST(BodyPublishers.ofString(json))
          .build());
    }

    /** The CSRF token as the browser reads it from its cookie (renewed at the login). */
    private String csrf() {
      return cookies.getCookieStore().getCookies().stream()
          .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue)
          .reduce((first, last) -> last)
          .orElseThrow(() -> new AssertionError("the webapp set no XSRF-TOKEN cookie"));
    }

    private HttpResponse<String> send(HttpRequest request) {
      HttpRequest.Builder withHeaders = HttpRequest.newBuilder(request, (name, value) -> true);
      for (int i = 0; i + 1 < headers.length; i += 2) {
        withHeaders.header(headers[i], headers[i + 1]);
      }
      try {
        return client.send(withHeaders.build(), BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
