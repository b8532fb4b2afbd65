package cn.lianbao.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;

/**
 * Answers that the servlet filters give before a request reaches the REST API: the same JSON as
 * the REST API's refusals ({@code {"type": …, "message": …}}), the message in Chinese, logged in
 * one line at INFO.
 *
 * <p>The {@code type} of every refusal, here and in the engine APIs' answers, is the HTTP status's
 * reason in lowerCamelCase ({@link #type(int)}): {@code badRequest}, {@code unauthorized},
 * {@code forbidden}, {@code notFound}, {@code conflict}, {@code contentTooLarge},
 * {@code tooManyRequests}, …, never a class name; the message says the rest.
 */
public final class JsonAnswers {

  private static final Logger LOG = LoggerFactory.getLogger(JsonAnswers.class);

  private JsonAnswers() {}

  /**
   * The {@code type} of an answer with this status: the status's reason (RFC 9110, RFC 6585) in
   * lowerCamelCase, the same for every answer of that status.
   */
  public static String type(int status) {
    return switch (status) {
      case 400 -> "badRequest";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "notFound";
      case 405 -> "methodNotAllowed";
      case 406 -> "notAcceptable";
      case 409 -> "conflict";
      case 413 -> "contentTooLarge";
      case 415 -> "unsupportedMediaType";
      case 429 -> "tooManyRequests";
      case 500 -> "internalServerError";
      case 503 -> "serviceUnavailable";
      default -> status < 500 ? "badRequest" : "internalServerError";
    };
  }

  /** Answers {@code status} with the JSON of a refusal: its {@link #type(int)} and {@code message}. */
  public static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String message)
      throws IOException {
    LOG.info("Refused {} {} from {}: {} {}", request.getMethod(), printable(request.getRequestURI()),
        request.getRemoteAddr(), status, message);
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"type\":\"" + type(status) + "\",\"message\":\"" + escape(message) + "\"}");
    response.flushBuffer();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** A path as the log shows it: no line breaks a caller could forge lines with. */
  static String printable(String text) {
    return text == null ? "" : text.replaceAll("[\\p{Cntrl}]", "?");
  }
}
