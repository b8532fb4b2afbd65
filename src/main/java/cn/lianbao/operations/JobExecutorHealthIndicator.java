package cn.lianbao.operations;

import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The health contributor {@code jobExecutor} (in place of the Camunda starter's own, which is DOWN on a
 * node whose executor is switched off on purpose): whether this node's job executor runs, and the
 * backlog of the shared database — jobs due now that no executor holds, and since when the oldest is due.
 *
 * <ul>
 *   <li>UP: the executor runs. When the oldest job of the backlog is due longer than
 *       {@code lianbao.operations.job-backlog-max-delay} (10 minutes by default) the detail {@code delayed}
 *       is true: deadlines are acted on late. The status stays UP then, as the outbox's does: the backlog
 *       belongs to the shared database, and taking every node out of service would not work it off
 *       (alert on {@code lianbao_jobs_oldest_due_age_seconds} instead);
 *   <li>DOWN: the executor should run on this node but does not;
 *   <li>UNKNOWN: {@code camunda.bpm.job-execution.enabled=false} — this node runs no jobs (a web-only
 *       node, the tests); the backlog is still shown, and the overall status is not pulled down.
 * </ul>
 */
@Component("jobExecutorHealthIndicator")
public class JobExecutorHealthIndicator extends AbstractHealthIndicator {

  private final ProcessEngine engine;
  private final OperationsFigures figures;
  private final boolean enabled;
  private final Duration maxDelay;

  public JobExecutorHealthIndicator(ProcessEngine engine, OperationsFigures figures,
      @Value("${camunda.bpm.job-execution.enabled:true}") boolean enabled,
      @Value("${lianbao.operations.job-backlog-max-delay:PT10M}") Duration maxDelay) {
    super("The jobs cannot be read");
    this.engine = engine;
    this.figures = figures;
    this.enabled = enabled;
    this.maxDelay = maxDelay;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    boolean running = executor != null && executor.isActive();
    OperationsFigures.Snapshot snapshot = figures.current();
    boolean late = snapshot.oldestDueAgeSeconds() > maxDelay.toSeconds();
    if (!enabled) {
      health.unknown().withDetail("enabled", false);
    } else if (!running) {
      health.down();
    } else {
      health.up();
    }
    health.withDetail("running", running)
        .withDetail("backlog", snapshot.jobBacklog())
        .withDetail("oldestDueSeconds", (long) snapshot.oldestDueAgeSeconds())
        .withDetail("maxDelaySeconds", maxDelay.toSeconds())
        .withDetail("delayed", late)
        .withDetail("failedJobs", snapshot.failedJobs())
        .withDetail("incidents", snapshot.incidents());
  }
}
