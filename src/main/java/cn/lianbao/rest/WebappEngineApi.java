package cn.lianbao.rest;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The webapps' engine API ({@code /camunda/api/engine/…}, what Tasklist and Cockpit call) with the
 * REST API's refusals ({@link RefusalExceptionMapper}): the same status, {@code type} and Chinese
 * message as {@code /engine-rest}, instead of Camunda's English error bodies.
 *
 * <p>Camunda's webapp starter ({@code CamundaBpmWebappInitializer}) registers that API as the servlet
 * named {@value #SERVLET_NAME}, a Jersey container of {@link EngineRestApplication}, unless a servlet
 * of that name is registered already. This registration comes first and is that servlet: the same
 * resources and providers ({@link EngineRestApplication#getClasses()}), plus the refusal mappers,
 * which take precedence over Camunda's own. The webapps' filters (authentication, CSRF, the engines
 * filter, …) are registered by URL and stay as they are.
 */
@Configuration
public class WebappEngineApi {

  /** The name under which Camunda's webapp starter registers (or finds) the webapps' engine API. */
  static final String SERVLET_NAME = "Engine Api";

  @Bean
  ServletRegistrationBean<ServletContainer> webappEngineApiServlet(CamundaBpmProperties camunda) {
    ServletRegistrationBean<ServletContainer> registration = new ServletRegistrationBean<>(
        new ServletContainer(resources()), camunda.getWebapp().getApplicationPath() + "/api/engine/*");
    registration.setName(SERVLET_NAME);
    // before the webapp starter, which then finds the servlet registered and leaves it
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Camunda's engine API for the webapps, answering refusals as the REST API does. */
  static ResourceConfig resources() {
    ResourceConfig config = new ResourceConfig();
    config.registerClasses(new EngineRestApplication().getClasses());
    RefusalExceptionMapper.registerOn(config);
    return config;
  }
}
