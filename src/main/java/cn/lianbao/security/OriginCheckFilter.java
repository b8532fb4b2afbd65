package cn.lianbao.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses (403, before authentication) a request to the REST API whose {@code Origin} header names
 * another site than Lianbao's: {@code lianbao.public-url} or the address the request was sent to.
 * A browser sends {@code Origin} with every cross-site POST, PUT and DELETE, so a foreign page
 * cannot make a logged-in browser deploy, start or complete anything; clients that send no
 * {@code Origin} (curl, scripts, other servers) are not affected.
 */
public class OriginCheckFilter extends OncePerRequestFilter {

  static final String REFUSED = "拒绝跨站请求：请求来自 %s，不是本系统的地址（%s）。";

  private final String publicOrigin;

  public OriginCheckFilter(String publicUrl) {
    this.publicOrigin = origin(publicUrl);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String origin = request.getHeader("Origin");
    if (origin == null || allowed(origin, request)) {
      chain.doFilter(request, response);
      return;
    }
    JsonAnswers.refuse(request, response, HttpServletResponse.SC_FORBIDDEN,
        String.format(REFUSED, JsonAnswers.printable(origin), publicOrigin));
  }

  private boolean allowed(String origin, HttpServletRequest request) {
    String given = origin(origin);
    if (given == null) {
      return false;
    }
    String own = origin(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort());
    return given.equals(publicOrigin) || given.equals(own);
  }

  /** {@code scheme://host[:port]}, lower case, without the scheme's default port; null if malformed. */
  static String origin(String url) {
    try {
      URI uri = URI.create(url.strip());
      String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
      if (scheme == null || host == null) {
        return null;
      }
      int port = uri.getPort();
      boolean standard = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
      return scheme + "://" + host + (standard ? "" : ":" + port);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }
}
