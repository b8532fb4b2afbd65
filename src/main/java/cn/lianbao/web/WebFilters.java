package cn.lianbao.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The servlet filters Lianbao puts in front of the REST API and the webapps' API. */
@Configuration
public class WebFilters {

  /** The file-variable downloads: {@code …/data} of the REST API and of the webapps' engine API. */
  @Bean
  FilterRegistrationBean<DownloadNames> downloadNames() {
    FilterRegistrationBean<DownloadNames> registration = new FilterRegistrationBean<>(new DownloadNames());
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setName("lianbaoDownloadNames");
    return registration;
  }

  @Bean
  FilterRegistrationBean<EngineClockHeader> engineClockHeader() {
    FilterRegistrationBean<EngineClockHeader> registration = new FilterRegistrationBean<>(new EngineClockHeader());
    registration.addUrlPatterns("/camunda/api/*");
    registration.setName("lianbaoEngineClockHeader");
    return registration;
  }
}
