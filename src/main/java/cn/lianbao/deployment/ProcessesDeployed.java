package cn.lianbao.deployment;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.ApplicationEvent;

/** Published once {@link ProcessDeployment} has deployed (or found unchanged) processes and forms. */
public class ProcessesDeployed extends ApplicationEvent {

  private final transient ProcessEngine engine;

  public ProcessesDeployed(Object source, ProcessEngine engine) {
    super(source);
    this.engine = engine;
  }

  public ProcessEngine engine() {
    return engine;
  }
}
