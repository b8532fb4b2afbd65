package cn.lianbao.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A caller of the running application: anonymous, or a user with the demo password. */
public final class Http {

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;
  private final String authorization;
  private final String[] headers;

  private Http(String base, String authorization, String... headers) {
    this.base = base;
    this.authorization = authorization;
    this.headers = headers;
  }

  /** The same caller, sending these headers too (name, value, name, value, …). */
  public Http with(String... nameValues) {
    String[] all = java.util.Arrays.copyOf(headers, headers.length + nameValues.length);
    System.arraycopy(nameValues, 0, all, headers.length, nameValues.length);
    return new Http(base, authorization, all);
  }

  public static Http anonymous(int port) {
    return new Http("http://localhost:" + port, null);
  }

  public static Http as(int port, String user) {
    return as(port, user, LianbaoTest.PASSWORD);
  }

  public static Http as(int port, String user, String password) {
    String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new Http("http://localhost:" + port, "Basic " + token);
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

  private HttpResponse<String> send(String method, String path, BodyPublisher body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return client.send(request.build(), BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
