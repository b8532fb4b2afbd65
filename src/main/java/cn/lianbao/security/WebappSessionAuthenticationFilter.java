package cn.lianbao.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets the user logged into the Camunda webapps (Cockpit, Tasklist) read the paths it matches
 * (the plan view's {@code GET /api/plans/**}, which the Cockpit plugin calls) with the webapps'
 * session instead of HTTP Basic: no password dialog, no second login. Only reading requests
 * (GET, HEAD) are matched, so the session can change nothing here and needs no CSRF token; a
 * request that brings HTTP Basic credentials is left to the Basic login. The user and their groups
 * are those of the webapps' login in the session ({@link AuthenticationUtil}), as the webapps' own
 * API sees them.
 */
public class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

  private static final String DEFAULT_ENGINE = "default";

  private final RequestMatcher paths;

  public WebappSessionAuthenticationFilter(RequestMatcher paths) {
    this.paths = paths;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (reading(request) && request.getHeader(HttpHeaders.AUTHORIZATION) == null && paths.matches(request)) {
      HttpSession session = request.getSession(false);
      Authentications logins = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
      if (logins != null
          && logins.getAuthenticationForProcessEngine(DEFAULT_ENGINE) instanceof UserAuthentication login) {
        Collection<String> ids = login.getGroupIds() == null ? List.of() : login.getGroupIds();
        List<SimpleGrantedAuthority> groups = ids.stream().map(group -> new SimpleGrantedAuthority(CamundaUserAuthenticationProvider.ROLE_PREFIX + group))
            .toList();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(login.getIdentityId(), null, groups));
        SecurityContextHolder.setContext(context);
      }
    }
    chain.doFilter(request, response);
  }

  private static boolean reading(HttpServletRequest request) {
    return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
  }
}
