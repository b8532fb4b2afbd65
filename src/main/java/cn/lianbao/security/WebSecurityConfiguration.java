package cn.lianbao.security;

import cn.lianbao.agency.AgencyDirectory;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

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
 *   <li>{@code /actuator/health}: status for anyone, details for {@code camunda-admin}; every other
 *       actuator endpoint is for {@code camunda-admin} only.
 * </ul>
 */
@Configuration
public class WebSecurityConfiguration {

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
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain actuator(HttpSecurity http, CamundaUserAuthenticationProvider users) throws Exception {
    return http
        .securityMatcher(path("/actuator/**"))
        .authenticationProvider(users)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(path("/actuator/health"), path("/actuator/health/**")).permitAll()
            .anyRequest().hasRole(AgencyDirectory.ADMINISTRATORS))
        .httpBasic(Customizer.withDefaults())
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain api(HttpSecurity http, CamundaUserAuthenticationProvider users, IdentityService identity)
      throws Exception {
    return http
        .securityMatchers(matchers -> matchers.requestMatchers(path("/engine-rest/**"), path("/api/**")))
        .authenticationProvider(users)
        .authorizeHttpRequests(requests -> requests
            // the rehearsal clock of the demo (cn.lianbao.demo.RehearsalClockController)
            .requestMatchers(path("/api/demo/**")).hasRole(AgencyDirectory.ADMINISTRATORS)
            .anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        // stateless HTTP Basic: no cookie, so no cross-site request can carry the credentials
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
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
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }
}
