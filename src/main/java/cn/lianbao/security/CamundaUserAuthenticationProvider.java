package cn.lianbao.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks a user name and password against Camunda's identity service, the one user store of
 * Lianbao: the same accounts, the same lock-out after failed attempts, as in the webapps. The
 * user's Camunda groups become authorities {@code ROLE_<group>}.
 */
@Component
public class CamundaUserAuthenticationProvider implements AuthenticationProvider {

  public static final String ROLE_PREFIX = "ROLE_";

  private final IdentityService identity;

  public CamundaUserAuthenticationProvider(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object password = authentication.getCredentials();
    if (user == null || password == null || !identity.checkPassword(user, password.toString())) {
      throw new BadCredentialsException("Bad user name or password, or the account is locked");
    }
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (Group group : identity.createGroupQuery().groupMember(user).list()) {
      authorities.add(new SimpleGrantedAuthority(ROLE_PREFIX + group.getId()));
    }
    return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
