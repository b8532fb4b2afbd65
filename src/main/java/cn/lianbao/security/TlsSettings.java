package cn.lianbao.security;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code lianbao.tls: true} (Lianbao is reached over HTTPS, also where a proxy ends TLS): every
 * cookie is {@code Secure} (the session cookie and the webapps' CSRF cookie) and the webapps send
 * HSTS; the other paths get HSTS from Spring Security ({@code WebSecurityConfiguration}). The
 * properties set here are defaults: a property set explicitly wins.
 */
public class TlsSettings implements EnvironmentPostProcessor, Ordered {

  public static final String TLS = "lianbao.tls";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.getProperty(TLS, Boolean.class, false)) {
      return;
    }
    environment.getPropertySources().addLast(new MapPropertySource("lianbaoTls", Map.of(
        "server.servlet.session.cookie.secure", "true",
        // Camunda's session cookie filter adds SameSite to a cookie without it, not to a Secure one (seen
        // on 7.24): Spring Session's cookie writes it (application.yml sets it too), Camunda's filter adds none
        "server.servlet.session.cookie.same-site", "lax",
        "camunda.bpm.webapp.session-cookie.enable-secure-cookie", "true",
        "camunda.bpm.webapp.csrf.enable-secure-cookie", "true",
        "camunda.bpm.webapp.header-security.hsts-disabled", "false",
        "camunda.bpm.webapp.header-security.hsts-max-age", "31536000")));
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
