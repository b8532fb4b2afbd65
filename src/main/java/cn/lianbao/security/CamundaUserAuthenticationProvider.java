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
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks a user name and password against Camunda's identity service, the one user store of
 * Lianbao: the same accounts, the same lock-out after failed attempts, as in the webapps. Failed
 * logins count towards the {@link LoginThrottle} of the caller's address, which refuses further
 * attempts without checking them. The user's Camunda groups become authorities {@code ROLE_<group>}.
 */
@Component
public class CamundaUserAuthenticationProvider implements AuthenticationProvider {

  public static final String ROLE_PREFIX = "ROLE_";

  private final IdentityService identity;
  private final LoginThrottle throttle;

  public CamundaUserAuthenticationProvider(IdentityService identity, LoginThrottle throttle) {
    this.identity = identity;
    this.throttle = throttle;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object password = authentication.getCredentials();
    String address = authentication.getDetails() instanceof WebAuthenticationDetails details
        && details.getRemoteAddress() != null ? details.getRemoteAddress() : "?";
    String account = user == null ? "" : user;
    throttle.refusal(address, account).ifPresent(wait -> {
      throw new LoginThrottledException(wait);
    });
    if (user == null || password == null || !identity.checkPassword(user, password.toString())) {
      throttle.failed(address, account);
      throw new BadCredentialsException("Bad user name or password, or the account is locked");
    }
    throttle.succeeded(address, account);
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
