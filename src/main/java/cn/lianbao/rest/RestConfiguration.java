package cn.lianbao.rest;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Additions to Camunda's REST API ({@code /engine-rest}) and the webapps' engine API (whose refusals
 * {@link WebappEngineApi} answers).
 */
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
  FilterRegistrationBean<RequestChecks> requestChecks(ObjectProvider<ProcessEngine> engine) {
    FilterRegistrationBean<RequestChecks> registration = new FilterRegistrationBean<>(new RequestChecks(() ->
        ((ProcessEngineConfigurationImpl) engine.getObject().getProcessEngineConfiguration())
            .getDeserializationTypeValidator()));
    registration.addUrlPatterns(RequestChecks.URL_PATTERNS);
    registration.setName("lianbaoRequestChecks");
    registration.setOrder(1); // after Spring Security: nobody's body is read before the login
    return registration;
  }

  @Bean
  ResourceConfigCustomizer refusalsAreBadRequests() {
    return RefusalExceptionMapper::registerOn;
  }
}
