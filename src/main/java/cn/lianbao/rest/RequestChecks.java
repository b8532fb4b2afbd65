package cn.lianbao.rest;

import cn.lianbao.security.JsonAnswers;
import cn.lianbao.web.ReplayableRequest;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.runtime.DeserializationTypeValidator;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks of a request to the engine's REST API ({@code /engine-rest} and the webapps'
 * {@code /camunda/api/engine}) that Camunda would otherwise answer with a 500, or accept though
 * wrong; each refusal is a 400 with a Chinese message naming the parameter or variable:
 * <ul>
 *   <li>{@code firstResult} and {@code maxResults} are whole numbers, not negative;
 *   <li>in a JSON body, every typed value ({@code {"type": …, "value": …, "valueInfo": …}}):
 *       an {@code Object} is of a type that the engine's deserialization type validation allows
 *       (see README: the lists and maps the processes store); the content of a {@code File} or
 *       {@code Bytes} is valid base64; a {@code File} with content has a file name.
 * </ul>
 */
public class RequestChecks extends OncePerRequestFilter {

  public static final String[] URL_PATTERNS = {"/engine-rest/*", "/camunda/api/engine/*"};

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<DeserializationTypeValidator> validator;

  public RequestChecks(Supplier<DeserializationTypeValidator> validator) {
    this.validator = validator;
  }

  /** A check that failed: the message for the caller. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      for (String paging : new String[] {"firstResult", "maxResults"}) {
        checkPaging(paging, request.getParameter(paging));
      }
      String contentType = request.getContentType();
      boolean json = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
      boolean writes = "POST".equals(request.getMethod()) || "PUT".equals(request.getMethod());
      if (!json || !writes) {
        chain.doFilter(request, response);
        return;
      }
      byte[] body = request.getInputStream().readAllBytes();
      JsonNode root;
      try {
        root = JSON.readTree(body);
      } catch (JacksonException malformed) {
        root = null; // the REST API answers that itself, in Chinese
      }
      if (root != null) {
        checkPaging("firstResult", text(root.get("firstResult")));
        checkPaging("maxResults", text(root.get("maxResults")));
        String uri = request.getRequestURI();
        check(uri.substring(uri.lastIndexOf('/') + 1), root);
      }
      chain.doFilter(new ReplayableRequest(request, body), response);
    } catch (Refused refused) {
      JsonAnswers.refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, refused.getMessage());
    }
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  static void checkPaging(String name, String value) throws Refused {
    if (value == null) {
      return;
    }
    try {
      if (Long.parseLong(value.strip()) >= 0) {
        return;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new Refused("参数 " + name + " 应为不小于 0 的整数，收到“" + value + "”");
  }

  private void check(String name, JsonNode node) throws Refused {
    if (node == null || !node.isContainerNode()) {
      return;
    }
    if (node.isObject() && node.path("type").isTextual() && (node.has("value") || node.has("valueInfo"))) {
      checkTypedValue(name, node);
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        check(field.getKey(), field.getValue());
      }
    } else {
      for (JsonNode element : node) {
        check(name, element);
      }
    }
  }

  private void checkTypedValue(String name, JsonNode value) throws Refused {
    String type = value.path("type").asText().toLowerCase(Locale.ROOT);
    JsonNode info = value.path("valueInfo");
    switch (type) {
      case "object" -> {
        DeserializationTypeValidator types = validator.get();
        String typeName = info.path("objectTypeName").asText("");
        if (types == null || typeName.isBlank()) {
          return;
        }
        for (String part : typeName.split("[<>,\\s\\[\\]]+")) {
          if (!part.isEmpty() && !types.validate(part)) {
            throw new Refused("变量 " + name + " 的对象类型不被接受：只接受流程所用的列表和映射，"
                + "及其中的文字、数字、是否值。");
          }
        }
      }
      case "file", "bytes" -> {
        String content = value.path("value").isTextual() ? value.path("value").asText() : "";
        try {
          Base64.getDecoder().decode(content.replaceAll("\\s", ""));
        } catch (IllegalArgumentException malformed) {
          throw new Refused("变量 " + name + " 的内容不是有效的 base64 编码");
        }
        if ("file".equals(type) && !content.isBlank() && info.path("filename").asText("").isBlank()) {
          throw new Refused("变量 " + name + " 的文件缺少文件名（valueInfo.filename）");
        }
      }
      default -> {
        // the engine checks the rest (VariableLimits)
      }
    }
  }

}
