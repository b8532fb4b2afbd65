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
 */
public final class JsonAnswers {

  private static final Logger LOG = LoggerFactory.getLogger(JsonAnswers.class);

  private JsonAnswers() {}

  public static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String type,
      String message) throws IOException {
    LOG.info("Refused {} {} from {}: {} {}", request.getMethod(), printable(request.getRequestURI()),
        request.getRemoteAddr(), status, message);
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"type\":\"" + type + "\",\"message\":\"" + escape(message) + "\"}");
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
