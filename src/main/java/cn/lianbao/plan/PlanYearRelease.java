package cn.lianbao.plan;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** When a year's plan instance is cancelled (deleted by an administrator), its year is free again. */
@Component("planYearRelease")
public class PlanYearRelease implements ExecutionListener {

  private final PlanYearRegistry registry;

  public PlanYearRelease(PlanYearRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      registry.release(execution);
    }
  }
}
