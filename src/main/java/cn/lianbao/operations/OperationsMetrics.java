package cn.lianbao.operations;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The operator's metrics, served at {@code /actuator/prometheus} (administrators only). Every gauge
 * reads the {@link OperationsFigures}, which are at most {@code lianbao.operations.figures-max-age} old.
 *
 * <ul>
 *   <li>{@code lianbao_milestones_open{agency}}: milestone parts not yet delivered, per responsible agency
 *       (one gauge per agency of the agency file, 0 included);
 *   <li>{@code lianbao_milestones_overdue{agency}}: those of them past their deadline;
 *   <li>{@code lianbao_escalations_open{level="1"|"2"}}: undelivered milestones whose ladder stands at that level;
 *   <li>{@code lianbao_jobs_backlog}: jobs the executor should run now (due, unlocked, with retries, not suspended);
 *   <li>{@code lianbao_jobs_oldest_due_age_seconds}: how long the oldest of them has been due;
 *   <li>{@code lianbao_jobs_failed}: jobs without retries left; {@code lianbao_incidents}: open incidents (root causes:
 *       Camunda repeats an incident in each calling instance);
 *   <li>{@code lianbao_outbox_pending}, {@code lianbao_outbox_failing}: notices waiting, and those that failed at least once.
 * </ul>
 */
@Component
public class OperationsMetrics implements MeterBinder {

  private final OperationsFigures figures;
  private final AgencyCatalog agencies;

  public OperationsMetrics(OperationsFigures figures, AgencyCatalog agencies) {
    this.figures = figures;
    this.agencies = agencies;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Agency agency : agencies.all()) {
      gauge(registry, "lianbao.milestones.open", "Milestone parts not yet delivered, per responsible agency",
          snapshot -> snapshot.open(agency.id()), "agency", agency.id());
      gauge(registry, "lianbao.milestones.overdue", "Undelivered milestone parts past their deadline, per agency",
          snapshot -> snapshot.overdue(agency.id()), "agency", agency.id());
    }
    for (int level = 1; level <= 2; level++) {
      int at = level;
      gauge(registry, "lianbao.escalations.open", "Undelivered milestones whose escalation stands at the level",
          snapshot -> snapshot.escalations(at), "level", String.valueOf(level));
    }
    gauge(registry, "lianbao.jobs.backlog", "Jobs due now that no job executor holds", snapshot -> snapshot.jobBacklog());
    Gauge.builder("lianbao.jobs.oldest.due.age", figures, any -> any.current().oldestDueAgeSeconds())
        .description("Seconds since the oldest job of the backlog fell due").baseUnit("seconds").register(registry);
    gauge(registry, "lianbao.jobs.failed", "Jobs without retries left", snapshot -> snapshot.failedJobs());
    gauge(registry, "lianbao.incidents", "Open incidents (root causes)", snapshot -> snapshot.incidents());
    gauge(registry, "lianbao.outbox.pending", "Notices waiting to be sent", snapshot -> snapshot.outboxPending());
    gauge(registry, "lianbao.outbox.failing", "Waiting notices that failed at least once",
        snapshot -> snapshot.outboxFailing());
  }

  private void gauge(MeterRegistry registry, String name, String description,
      ToDoubleFunction<OperationsFigures.Snapshot> value, String... tags) {
    Gauge.builder(name, figures, any -> value.applyAsDouble(any.current())).description(description).tags(tags)
        .register(registry);
  }
}
