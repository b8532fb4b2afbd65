package cn.lianbao.security;

import cn.lianbao.agency.AgencyDirectory;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.annotation.web.configurers.SessionManagementConfigurer;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Who reaches which URL. Nothing is anonymous but the webapps' login pages with their static
 * assets and the health status.
 *
 * <ul>
 *   <li>{@code /camunda/**}: the Camunda webapps, which log users in themselves and guard their own
 *       API with Camunda's authorizations and their own CSRF filter.
 *   <li>{@code /engine-rest/**} and {@code /api/**}: HTTP Basic against Camunda's identity service;
 *       the engine then applies the user's authorizations (403 where a right is missing).
 *       {@code /api/demo/**} (the demo's rehearsal clock) is for {@code camunda-admin} only.
 *       {@code GET /api/plans/**} (the plan view) also accepts the webapps' session
 *       ({@link WebappSessionAuthenticationFilter}), for the Cockpit plugin.
 *       Requests from a foreign page ({@link OriginCheckFilter}) are refused before authentication;
 *       401 and 403 come as Chinese JSON without a Basic challenge ({@link ChineseAuthenticationAnswers}).
 *   <li>{@code /actuator/health}: status for anyone, details for {@code camunda-admin}; every other
 *       actuator endpoint is for {@code camunda-admin} only.
 * </ul>
 *
 * <p>With {@code lianbao.tls: true} every answer carries HSTS (the webapps' through Camunda's own
 * header filter, see {@code TlsSettings}). A path that Spring Security's firewall refuses (such as
 * {@code //engine-rest/task}) is answered 400.
 */
@Configuration
public class WebSecurityConfiguration {

  private final boolean tls;
  private final String publicUrl;
  private final ChineseAuthenticationAnswers answers = new ChineseAuthenticationAnswers();

  public WebSecurityConfiguration(@Value("${lianbao.tls:false}") boolean tls,
      @Value("${lianbao.public-url:http://localhost:8080}") String publicUrl) {
    this.tls = tls;
    this.publicUrl = publicUrl;
  }

  /** HSTS on every answer when Lianbao is served over TLS (also behind a proxy that ends TLS). */
  private void hsts(HeadersConfigurer<HttpSecurity> headers) {
    if (tls) {
      headers.httpStrictTransportSecurity(hsts -> hsts.requestMatcher(AnyRequestMatcher.INSTANCE)
          .maxAgeInSeconds(31_536_000).includeSubDomains(true));
    }
  }

  static final String MALFORMED_PATH = "请求的地址不合规范（如含有“//”、“..”、“;”或编码的斜杠），请检查地址。";

  @Bean
  RequestRejectedHandler firewallRefusalsAreBadRequests() {
    return (request, response, rejected) -> JsonAnswers.refuse(request, response,
        HttpServletResponse.SC_BAD_REQUEST, MALFORMED_PATH);
  }

  /**
   * Spring Security's firewall, applied before any other filter: some paths it refuses (such as
   * {@code //engine-rest/task/count}) would otherwise fail in the path matching of the security
   * filters, before the firewall itself runs, with a 500.
   */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> firewallFirst() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        try {
          firewall.getFirewalledRequest(request);
        } catch (RequestRejectedException rejected) {
          JsonAnswers.refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, MALFORMED_PATH);
          return;
        }
        chain.doFilter(request, response);
      }
    });
    registration.setName("lianbaoFirewallFirst");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Right after Spring Session's filter, before anything of Camunda's webapps touches the session. */
  @Bean
  FilterRegistrationBean<CsrfTokenForNewSessions> csrfTokenForNewSessions(CamundaBpmProperties camunda) {
    FilterRegistrationBean<CsrfTokenForNewSessions> registration =
        new FilterRegistrationBean<>(new CsrfTokenForNewSessions(camunda.getWebapp().getCsrf().getInitParams()));
    registration.addUrlPatterns(camunda.getWebapp().getApplicationPath() + "/*");
    registration.setName("lianbaoCsrfTokenForNewSessions");
    registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<WebappLoginThrottleFilter> webappLoginThrottle(LoginThrottle throttle) {
    FilterRegistrationBean<WebappLoginThrottleFilter> registration =
        new FilterRegistrationBean<>(new WebappLoginThrottleFilter(throttle));
    registration.addUrlPatterns(WebappLoginThrottleFilter.URL_PATTERN);
    registration.setName("lianbaoWebappLoginThrottle");
    // after Spring Security (which only lets the request pass here), before Camunda's login resource
    registration.setOrder(0);
    return registration;
  }

  /**
   * No session of its own, and none touched: Spring Security's session fixation protection would give an
   * existing session (the webapps' login, which {@code GET /api/plans/**} reads) a new id on every request,
   * and a request of the same page running at that moment, with the old id, writes the old id back (Spring
   * Session saves each request's copy): the browser's cookie then names no session, and the login ends.
   */
  private static void stateless(SessionManagementConfigurer<HttpSecurity> session) {
    session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy());
  }

  /**
   * A matcher on the whole path. The webapps and the REST API are servlets of their own, beside
   * Spring MVC's, so Spring Security's default (MVC) matchers would not see their paths.
   */
  private static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  @Bean
  @Order(1)
  SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
    return http
        .securityMatchers(matchers -> matchers.requestMatchers(path("/camunda/**"), path("/")))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        // the webapps' own CSRF filter protects /camunda/api; a second token would break them
        .csrf(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        // Camunda's own header filter writes HSTS for the webapps (camunda.bpm.webapp.header-security)
        .headers(headers -> headers.httpStrictTransportSecurity(HeadersConfigurer.HstsConfig::disable))
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain actuator(HttpSecurity http) throws Exception {
    // logins are checked by the one AuthenticationProvider bean, CamundaUserAuthenticationProvider, through the
    // global AuthenticationManager: adding it to a chain as well would check every wrong password twice
    return http
        .securityMatcher(path("/actuator/**"))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(path("/actuator/health"), path("/actuator/health/**")).permitAll()
            .anyRequest().hasRole(AgencyDirectory.ADMINISTRATORS))
        .httpBasic(basic -> basic.authenticationEntryPoint(answers))
        .exceptionHandling(handling -> handling.authenticationEntryPoint(answers).accessDeniedHandler(answers))
        .addFilterBefore(new OriginCheckFilter(publicUrl), BasicAuthenticationFilter.class)
        .headers(this::hsts)
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(WebSecurityConfiguration::stateless)
        .build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain api(HttpSecurity http, IdentityService identity)
      throws Exception {
    return http
        .securityMatchers(matchers -> matchers.requestMatchers(path("/engine-rest/**"), path("/api/**")))
        .authorizeHttpRequests(requests -> requests
            // the rehearsal clock of the demo (cn.lianbao.demo.RehearsalClockController)
            .requestMatchers(path("/api/demo/**")).hasRole(AgencyDirectory.ADMINISTRATORS)
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(answers))
        .exceptionHandling(handling -> handling.authenticationEntryPoint(answers).accessDeniedHandler(answers))
        .addFilterBefore(new OriginCheckFilter(publicUrl), BasicAuthenticationFilter.class)
        // the plan view's Cockpit plugin reads /api/plans/** with the webapps' session
        .addFilterBefore(new WebappSessionAuthenticationFilter(path("/api/plans/**")), BasicAuthenticationFilter.class)
        .headers(this::hsts)
        // stateless HTTP Basic: no cookie, so no cross-site request can carry the credentials
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(WebSecurityConfiguration::stateless)
        .addFilterAfter(new EngineAuthenticationFilter(identity), BasicAuthenticationFilter.class)
        .build();
  }

  /**
   * Every other path: error pages are open, the rest needs a login. The answer is a plain 401,
   * without a Basic challenge, so that a browser shows no password dialog over the webapps.
   */
  @Bean
  @Order(4)
  SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(path("/error")).permitAll()
            .anyRequest().authenticated())
        .exceptionHandling(handling -> handling.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
        .headers(this::hsts)
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(WebSecurityConfiguration::stateless)
        .build();
  }
}
