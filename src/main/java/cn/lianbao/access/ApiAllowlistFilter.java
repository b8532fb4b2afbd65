package cn.lianbao.access;

import cn.lianbao.access.ApiAllowlist.Role;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.agency.AgencyDirectory;
import cn.lianbao.security.CamundaUserAuthenticationProvider;
import cn.lianbao.security.JsonAnswers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Defence in depth: a logged-in user who is not an administrator reaches only the resources of the
 * REST API ({@code /engine-rest/**}) and the webapps' API ({@code /camunda/api/**}) that the
 * {@link ApiAllowlist} lists for their roles; anything else is answered 403 with a Chinese JSON
 * refusal before the engine sees it. The engine's authorizations still apply to what passes.
 *
 * <p>The user and their groups come from Spring Security (HTTP Basic on the REST API) or from the
 * webapps' login in the session (the webapps' API). Requests of nobody logged in pass: Spring
 * Security and the webapps answer them (401, the login itself, the pre-login probes).
 * Members of {@code camunda-admin} are not restricted.
 */
public class ApiAllowlistFilter extends OncePerRequestFilter {

  public static final String REFUSED = "您的账号不能使用这个接口：本系统只向各角色开放其工作所需的接口。如确有需要，请联系系统管理员。";
  static final String REST_API = "/engine-rest/";
  static final String WEBAPP_API = "/camunda/api/";
  private static final String DEFAULT_ENGINE = "default";

  private final ApiAllowlist allowlist;
  private final AgencyCatalog agencies;

  public ApiAllowlistFilter(ApiAllowlist allowlist, AgencyCatalog agencies) {
    this.allowlist = allowlist;
    this.agencies = agencies;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Optional<List<String>> groups = path.startsWith(REST_API) ? restUser()
        : path.startsWith(WEBAPP_API) ? webappUser(request) : Optional.empty();
    if (groups.isEmpty() || groups.get().contains(AgencyDirectory.ADMINISTRATORS)
        || allowlist.allows(roles(groups.get()), request.getMethod(), path)) {
      chain.doFilter(request, response);
      return;
    }
    JsonAnswers.refuse(request, response, HttpServletResponse.SC_FORBIDDEN, REFUSED);
  }

  /** The roles of a user with these groups. */
  Set<Role> roles(List<String> groups) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String group : groups) {
      if (AgencyDirectory.SUPERVISORS.equals(group)) {
        roles.add(Role.supervisor);
      } else if (agencies.contains(group)) {
        roles.add(Role.officer);
      } else if (agencies.ofLeadersGroup(group).isPresent()) {
        roles.add(Role.leader);
      }
    }
    return roles;
  }

  /** The groups of the REST API's caller, as Spring Security authenticated them. */
  private static Optional<List<String>> restUser() {
    Authentication user = SecurityContextHolder.getContext().getAuthentication();
    if (user == null || !user.isAuthenticated() || !(user.getPrincipal() instanceof String name)
        || "anonymousUser".equals(name)) {
      return Optional.empty();
    }
    return Optional.of(user.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(authority -> authority.startsWith(CamundaUserAuthenticationProvider.ROLE_PREFIX))
        .map(authority -> authority.substring(CamundaUserAuthenticationProvider.ROLE_PREFIX.length()))
        .toList());
  }

  /** The groups of the user logged into the webapps in this session. */
  private static Optional<List<String>> webappUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    Authentications logins = AuthenticationUtil.getAuthsFromSession(session);
    if (logins != null && logins.getAuthenticationForProcessEngine(DEFAULT_ENGINE) instanceof UserAuthentication login) {
      return Optional.of(login.getGroupIds() == null ? List.of() : List.copyOf(login.getGroupIds()));
    }
    return Optional.empty();
  }
}
