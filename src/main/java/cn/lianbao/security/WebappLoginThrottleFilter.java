package cn.lianbao.security;

import cn.lianbao.web.ReplayableRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The {@link LoginThrottle} on the webapps' login form ({@code POST
 * /camunda/api/admin/auth/user/default/login/<app>}): a throttled login is answered 429 without
 * reaching Camunda; Camunda's answer 401 (wrong password or locked account) counts as a failure,
 * a 2xx as a success.
 */
public class WebappLoginThrottleFilter extends OncePerRequestFilter {

  /** The servlet URL pattern of Camunda's login resource. */
  public static final String URL_PATTERN = "/camunda/api/admin/auth/user/*";

  private static final int MAX_FORM_BYTES = 64 * 1024;

  private final LoginThrottle throttle;

  public WebappLoginThrottleFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equalsIgnoreCase(request.getMethod()) || !request.getRequestURI().contains("/login/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_FORM_BYTES);
    Map<String, List<String>> form = parse(new String(body, StandardCharsets.UTF_8));
    String account = form.getOrDefault("username", List.of("")).get(0);
    String address = request.getRemoteAddr();
    Optional<Duration> refusal = throttle.refusal(address, account);
    if (refusal.isPresent()) {
      response.setHeader("Retry-After", Long.toString(Math.max(1, refusal.get().toSeconds())));
      JsonAnswers.refuse(request, response, 429, LoginThrottle.message(refusal.get()));
      return;
    }
    chain.doFilter(new ReplayedForm(request, body, form), response);
    int status = response.getStatus();
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      throttle.failed(address, account);
    } else if (status >= 200 && status < 300) {
      throttle.succeeded(address, account);
    }
  }

  private static Map<String, List<String>> parse(String form) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException malformed) {
        // a malformed pair is left to Camunda to refuse
      }
    }
    return parameters;
  }

  /** The request with its form body, which this filter read, to be read again. */
  private static final class ReplayedForm extends ReplayableRequest {
    private final Map<String, String[]> parameters = new LinkedHashMap<>();

    ReplayedForm(HttpServletRequest request, byte[] body, Map<String, List<String>> form) {
      super(request, body);
      if (request.getQueryString() != null) {
        parse(request.getQueryString()).forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
      }
      form.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
    }

    @Override
    public String getParameter(String name) {
      String[] values = parameters.get(name);
      return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
      return parameters.get(name);
    }
  }
}
