package cn.lianbao.access;

import cn.lianbao.agency.AgencyCatalog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/** The per-role allowlist of the two HTTP APIs ({@link ApiAllowlistFilter}). */
@Configuration
public class AccessConfiguration {

  @Bean
  ApiAllowlist apiAllowlist(@Value("${lianbao.api-allowlist:classpath:security/api-allowlist.csv}") Resource file) {
    return ApiAllowlist.read(file);
  }

  /**
   * After Spring Security (which has authenticated the REST API's caller) and after Lianbao's own
   * checks of the engine APIs (expressions, administrators' writes: their more precise answers
   * stay), before the REST API and the webapps' API.
   */
  @Bean
  FilterRegistrationBean<ApiAllowlistFilter> apiAllowlistFilter(ApiAllowlist allowlist, AgencyCatalog agencies) {
    FilterRegistrationBean<ApiAllowlistFilter> registration =
        new FilterRegistrationBean<>(new ApiAllowlistFilter(allowlist, agencies));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    registration.setName("lianbaoApiAllowlist");
    registration.setOrder(2);
    return registration;
  }
}
