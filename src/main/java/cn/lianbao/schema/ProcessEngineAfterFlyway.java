package cn.lianbao.schema;

import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Makes the process engine wait for Spring Boot's database initialization, Flyway's migration of
 * Lianbao's own tables ({@code db/lianbao}): on an empty database Flyway then finds an empty schema and
 * creates version 1, rather than finding the engine's tables and taking the schema as an old data
 * folder to baseline. Registered in {@code META-INF/spring.factories}.
 */
public class ProcessEngineAfterFlyway extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

  @Override
  protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
    return Set.of(ProcessEngine.class, ProcessEngineFactoryBean.class);
  }
}
