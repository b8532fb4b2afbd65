package cn.lianbao.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the user that Spring Security authenticated to the process engine for the length of the
 * request, so that Camunda's authorizations apply to the REST API and to Lianbao's own endpoints
 * exactly as they do in the webapps.
 */
public class EngineAuthenticationFilter extends OncePerRequestFilter {

  private final IdentityService identity;

  public EngineAuthenticationFilter(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()
        || !(authentication.getPrincipal() instanceof String user) || "anonymousUser".equals(user)) {
      chain.doFilter(request, response);
      return;
    }
    List<String> groups = authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(authority -> authority.startsWith(CamundaUserAuthenticationProvider.ROLE_PREFIX))
        .map(authority -> authority.substring(CamundaUserAuthenticationProvider.ROLE_PREFIX.length()))
        .toList();
    identity.setAuthentication(user, groups);
    try {
      chain.doFilter(request, response);
    } finally {
      identity.clearAuthentication();
    }
  }
}
