package cn.lianbao.rest;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Additions to Camunda's REST API ({@code /engine-rest}). */
@Configuration
public class RestConfiguration {

  @Bean
  ResourceConfigCustomizer refusalsAreBadRequests() {
    return config -> config.register(RefusalExceptionMapper.class, 1);
  }
}
