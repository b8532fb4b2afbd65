package cn.lianbao.rest;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Additions to Camunda's REST API ({@code /engine-rest}) and the webapps' engine API. */
@Configuration
public class RestConfiguration {

  /**
   * Refuses expressions and administrators' writes in both engine APIs ({@link EngineApiGuard}),
   * after Spring Security has authenticated the caller of the REST API.
   */
  @Bean
  FilterRegistrationBean<EngineApiGuard> engineApiGuard() {
    FilterRegistrationBean<EngineApiGuard> registration = new FilterRegistrationBean<>(new EngineApiGuard());
    registration.addUrlPatterns(EngineApiGuard.REST_API + "/*", EngineApiGuard.WEBAPP_API + "/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
    return registration;
  }

  @Bean
  ResourceConfigCustomizer refusalsAreBadRequests() {
    return config -> config.register(RefusalExceptionMapper.class, 1);
  }
}
