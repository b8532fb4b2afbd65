package cn.lianbao.rest;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Additions to Camunda's REST API ({@code /engine-rest}). */
@Configuration
public class RestConfiguration {

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
    return config -> {
      config.register(RefusalExceptionMapper.ForRest.class, 1);
      config.register(RefusalExceptionMapper.ForEngine.class, 1);
      config.register(RefusalExceptionMapper.ForMapping.class, 1);
      config.register(RefusalExceptionMapper.ForParse.class, 1);
      config.register(RefusalExceptionMapper.ForAny.class, 1);
    };
  }
}
