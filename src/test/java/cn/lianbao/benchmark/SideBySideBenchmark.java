package cn.lianbao.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.escalation.Escalation;
import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.report.ProgressReportProcess;
import cn.lianbao.support.Http;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The project's side of the side-by-side benchmark against the plain Camunda baseline
 * ({@code ../shared/bench}, README "Comparing the project against this baseline"): the baseline's phases
 * b to e2, with its figure names, on the project's own milestone process ({@code plan-milestone} with the
 * work kind {@code progress-report}: one agency's user task with a due date, the deadline timer and, on
 * expiry, the escalation ladder's first rung 督办单：说明延误情况 for the agency's leaders), with the
 * production configuration (job executor as application.yml sets it, history full, authorization on).
 * Phase a (start-up) is measured by {@code bench/side-by-side.sh} on the packaged jar, not here.
 *
 * <p>Unlike {@code @LianbaoTest}, this context runs the job executor and keeps its H2 database in a file
 * ({@code target/bench/h2db}, the script wipes it), as the baseline does; with {@code -Ppostgres} it uses
 * the database the script names. Not part of {@code verify}: run it through {@code bench/side-by-side.sh}.
 * Figures are written as {@code name value unit} lines to {@code bench.out}.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=${lianbao.test.db.url:jdbc:h2:file:./target/bench/h2db/lianbao;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=30000}",
      "spring.datasource.username=${lianbao.test.db.user:sa}",
      "spring.datasource.password=${lianbao.test.db.password:}",
      "lianbao.data-dir=./target/bench/data",
      // no mail server (spring.mail.host unset): the outbox is written and emptied as in production, each notice
      // marked LOGGED instead of sent, so the figures hold Lianbao's own work and no SMTP server's or retries'
      "logging.level.root=WARN",
    })
@ActiveProfiles("demo")
@Tag("benchmark")
class SideBySideBenchmark {

  /** The agency whose inbox holds the N tasks, and its officer (a demo account). */
  static final String AGENCY = "qingpu-gov";
  static final String OFFICER = AGENCY + "-officer";
  static final long DAY_MS = 24L * 3600 * 1000;

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @LocalServerPort int port;

  @Value("${bench.instances:10000}") int instances;
  @Value("${bench.warmup:500}") int warmup;
  @Value("${bench.queries:200}") int queries;
  @Value("${bench.full-list-queries:20}") int fullListQueries;
  /** Repetitions of each Tasklist filter request (default bench.queries). */
  @Value("${bench.filter-queries:${bench.queries:200}}") int filterQueries;
  @Value("${bench.rest-completions:200}") int restCompletions;
  @Value("${bench.timers:2000}") int timers;
  @Value("${bench.timer-rounds:3}") int timerRounds;
  @Value("${bench.timer-warmup:200}") int timerWarmup;
  @Value("${bench.natural-timers:2000}") int naturalTimers;
  @Value("${bench.natural-min-lead-ms:30000}") long naturalMinLeadMs;
  @Value("${bench.idle-timers:2000}") int idleTimers;
  @Value("${bench.idle-ms:180000}") long idleMs;
  @Value("${bench.escalation-timeout-s:1200}") long escalationTimeoutS;
  @Value("${bench.out:target/bench/figures.txt}") String out;

  private final List<String> lines = new ArrayList<>();
  private JobExecutor jobExecutor;
  private int sequence;

  @Test
  void sideBySide() throws Exception {
    ProcessEngineConfigurationImpl cfg = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    jobExecutor = cfg.getJobExecutor();
    comment("lianbao: camunda " + org.camunda.bpm.engine.impl.util.ProductPropertiesUtil.getProductVersion()
        + ", database " + cfg.getDatabaseType() + ", history " + cfg.getHistoryLevel().getName()
        + ", jdbcBatchProcessing " + cfg.isJdbcBatchProcessing() + ", authorization " + cfg.isAuthorizationEnabled());
    comment("job executor: maxJobsPerAcquisition " + jobExecutor.getMaxJobsPerAcquisition()
        + ", waitTimeInMillis " + jobExecutor.getWaitTimeInMillis() + ", maxWait " + jobExecutor.getMaxWait()
        + ", lockTimeInMillis " + jobExecutor.getLockTimeInMillis());
    comment("jvm " + System.getProperty("java.version") + ", cpus " + Runtime.getRuntime().availableProcessors()
        + ", maxHeap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
    comment("bench: instances " + instances + ", warmup " + warmup + ", rest completions " + restCompletions
        + ", timers " + timers + " x " + timerRounds + ", natural " + naturalTimers + ", idle " + idleTimers
        + " after " + idleMs + " ms");
    comment("process: plan-milestone (work kind progress-report) for " + AGENCY
        + "; escalation task " + Escalation.Elements.EXPLAIN_DELAY + " for " + AGENCY + "-leaders");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(PlanMilestoneProcess.KEY).count())
        .as("an empty database").isZero();
    stopExecutor();

    // ---- warm-up ----
    phase("warm-up");
    if (warmup > 0) {
      long wStart = System.currentTimeMillis();
      startMilestones(warmup, i -> new Date(wStart + DAY_MS));
      completeAll(openAgencyTaskIds());
      drainJobs();
    }

    // ---- b: start N milestones ----
    phase("b");
    // Deadlines 1 to 28 days ahead (the baseline's one minute would pass while the N tasks wait, and each
    // delivery report would then race its milestone's due deadline timer): the inbox holds work due soon and later.
    long bStart = System.currentTimeMillis();
    Timed started = startMilestones(instances, i -> new Date(bStart + (1 + i % 28) * DAY_MS));
    long userTasks = tasks.createTaskQuery().taskCandidateGroup(AGENCY).count();
    figure("start_instances_count", instances, "instances");
    figure("start_user_tasks", userTasks, "tasks");
    figure("start_instances_throughput", userTasks / seconds(started.wallNanos), "tasks/s");
    latencies("start_instance_latency", started.latencies);
    figure("start_jobs_left", management.createJobQuery().executable().count(), "jobs");
    double startThroughput = instances / seconds(started.wallNanos);

    // ---- c: the inbox with N open tasks ----
    phase("c");
    figure("open_tasks_agency_group", tasks.createTaskQuery().taskCandidateGroup(AGENCY).count(), "tasks");
    measure("task_query_page50", queries, () ->
        tasks.createTaskQuery().taskCandidateGroup(AGENCY).orderByDueDate().asc().listPage(0, 50).size());
    measure("task_query_count", queries, () -> (int) tasks.createTaskQuery().taskCandidateGroup(AGENCY).count());
    if (fullListQueries > 0) {
      measure("task_query_all", fullListQueries, () -> tasks.createTaskQuery().taskCandidateGroup(AGENCY).list().size());
    }
    Http officer = Http.as(port, OFFICER);
    // the filters read the engine clock (${now()}): three days on, the first deadlines have passed (已逾期) and
    // about half are due within 14 days (即将到期); the job executor is stopped, so nothing fires
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 3 * DAY_MS));
    try {
      for (String[] filter : List.of(new String[] {"my_agency", "本单位待办"}, new String[] {"due_soon", "即将到期"},
          new String[] {"overdue", "已逾期"})) {
        String id = engine.getFilterService().createFilterQuery().filterName(filter[1]).singleResult().getId();
        measure("inbox_filter_" + filter[0] + "_page50", filterQueries, () -> rows(officer.post("/engine-rest/filter/" + id
            + "/list?firstResult=0&maxResults=50", "{\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]}")));
        measure("inbox_filter_" + filter[0] + "_count", filterQueries, () -> count(officer.post("/engine-rest/filter/" + id
            + "/count", "{}")));
      }
    } finally {
      ClockUtil.reset();
    }

    // ---- d: complete the N tasks (a sample through REST, with the form check, first) ----
    phase("d");
    List<String> taskIds = openAgencyTaskIds();
    int sample = Math.min(restCompletions, taskIds.size());
    if (sample > 0) {
      long[] restNanos = new long[sample];
      long t = System.nanoTime();
      for (int i = 0; i < sample; i++) {
        long s = System.nanoTime();
        HttpResponse<String> answer = officer.post("/engine-rest/task/" + taskIds.get(i) + "/submit-form",
            "{\"variables\":{\"progressSummary\":{\"value\":\"本季度工作按计划推进。\",\"type\":\"String\"}}}");
        restNanos[i] = System.nanoTime() - s;
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
      }
      figure("complete_rest_count", sample, "tasks");
      figure("complete_rest_throughput", sample / seconds(System.nanoTime() - t), "tasks/s");
      latencies("complete_rest_latency", restNanos);
    }
    Timed completed = completeAll(taskIds.subList(sample, taskIds.size()));
    figure("complete_tasks_count", taskIds.size() - sample, "tasks");
    figure("complete_tasks_throughput", (taskIds.size() - sample) / seconds(completed.wallNanos), "tasks/s");
    latencies("complete_task_latency", completed.latencies);
    // each completion leaves the delivery report (an asynchronous step) for the job executor, which ends the
    // milestone and deletes its deadline timer
    long jobs = management.createJobQuery().executable().count();
    long drain = drainJobs();
    figure("complete_delivery_jobs", jobs, "jobs");
    figure("complete_delivery_drain_time", drain, "ms");
    figure("complete_delivery_throughput", jobs / Math.max(0.001, drain / 1000.0), "jobs/s");
    figure("timer_jobs_left_after_complete", deadlineTimers().size(), "jobs");

    // ---- e1: bursts of M due deadlines ----
    phase("e1");
    if (timers > 0) {
      if (timerWarmup > 0) {
        burst(timerWarmup);
      }
      List<Burst> rounds = new ArrayList<>();
      for (int r = 1; r <= Math.max(1, timerRounds); r++) {
        Burst b = burst(timers);
        rounds.add(b);
        comment(String.format(Locale.ROOT, "e1 round %d: start %.1f instances/s, drain %.0f ms, %.1f jobs/s, "
            + "latency p50 %.0f p95 %.0f max %.0f ms, failed executions %d of %d", r, b.startThroughput, b.drainMs,
            b.throughput, b.p50, b.p95, b.max, b.failedExecutions, b.successfulExecutions));
      }
      figure("escalation_burst_rounds", rounds.size(), "rounds");
      figure("escalation_burst_timers", timers, "jobs");
      figure("escalation_setup_start_throughput", median(rounds, b -> b.startThroughput), "instances/s");
      figure("set_job_duedate_throughput", median(rounds, b -> b.setDuedateThroughput), "jobs/s");
      figure("escalation_burst_drain_time", median(rounds, b -> b.drainMs), "ms");
      figure("escalation_burst_throughput", median(rounds, b -> b.throughput), "jobs/s");
      figure("escalation_burst_latency_p50", median(rounds, b -> b.p50), "ms");
      figure("escalation_burst_latency_p95", median(rounds, b -> b.p95), "ms");
      figure("escalation_burst_latency_max", median(rounds, b -> b.max), "ms");
      figure("escalation_burst_detected_after", median(rounds, b -> b.detectedAfterMs), "ms");
      figure("escalation_burst_failed_execution_pct",
          median(rounds, b -> 100.0 * b.failedExecutions / Math.max(1, b.successfulExecutions)), "%");
    }

    // ---- e2: one deadline shared by M milestones while the job executor idles ----
    phase("e2");
    if (naturalTimers > 0) {
      sharedDeadline("escalation_deadline", naturalTimers, naturalMinLeadMs, startThroughput);
    }
    if (idleTimers > 0 && idleMs > 0) {
      sharedDeadline("escalation_idle_deadline", idleTimers, idleMs, startThroughput);
    }

    phase("end");
    figure("failed_jobs", management.createJobQuery().withException().count(), "jobs");
    figure("incidents", runtime.createIncidentQuery().count(), "incidents");
    stopExecutor();
    Path file = Path.of(out);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
    lines.forEach(System.out::println);
  }

  /**
   * One e1 round, as the baseline's: executor stopped, M milestones started, their deadline timers made due
   * now, the executor started at t0; time from t0 to each escalation task.
   */
  private Burst burst(int count) throws Exception {
    stopExecutor();
    long before = escalations();
    Timed started = startMilestones(count, i -> inOneMinute());
    Set<String> batch = new HashSet<>(started.ids);
    List<Job> jobs = deadlineTimers();
    assertThat(jobs).as("this round's deadline timers").hasSize(count);
    Date due = new Date();
    long t0 = System.nanoTime();
    for (Job job : jobs) {
      management.setJobDuedate(job.getId(), due);
    }
    double setDuedateThroughput = jobs.size() / seconds(System.nanoTime() - t0);
    long[] metricsBefore = jobMetrics();
    long activated = System.currentTimeMillis();
    jobExecutor.start();
    long detected = waitForEscalations(before + count, escalationTimeoutS * 1000);
    drainJobs();
    long[] metricsAfter = jobMetrics();

    List<Double> lat = new ArrayList<>();
    long last = activated;
    for (Task t : tasks.createTaskQuery().taskDefinitionKey(Escalation.Elements.EXPLAIN_DELAY).list()) {
      if (batch.contains(t.getProcessInstanceId())) {
        lat.add((double) (t.getCreateTime().getTime() - activated));
        last = Math.max(last, t.getCreateTime().getTime());
      }
    }
    double[] sorted = lat.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    Burst b = new Burst();
    b.startThroughput = count / seconds(started.wallNanos);
    b.setDuedateThroughput = setDuedateThroughput;
    b.drainMs = Math.max(1, last - activated);
    b.throughput = count / (b.drainMs / 1000.0);
    b.p50 = percentile(sorted, 50);
    b.p95 = percentile(sorted, 95);
    b.max = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    b.detectedAfterMs = detected - activated;
    b.successfulExecutions = metricsAfter[0] - metricsBefore[0];
    b.failedExecutions = metricsAfter[1] - metricsBefore[1];
    return b;
  }

  /** M milestones share one deadline at least {@code minLeadMs} ahead; the executor runs and idles until then. */
  private void sharedDeadline(String name, int count, long minLeadMs, double startThroughput) throws Exception {
    if (!jobExecutor.isActive()) {
      jobExecutor.start();
    }
    long before = escalations();
    long estimatedStartMs = (long) (count / Math.max(1.0, startThroughput) * 1000);
    long leadMs = Math.max(minLeadMs, 2 * estimatedStartMs + 10_000);
    long startedAt = System.currentTimeMillis();
    Date deadline = new Date(startedAt + leadMs);
    Set<String> batch = new HashSet<>(startMilestones(count, i -> deadline).ids);
    long idle = deadline.getTime() - System.currentTimeMillis();
    comment(name + ": " + count + " milestones share one deadline " + leadMs + " ms after the phase starts; "
        + "the job executor idles " + idle + " ms before it");
    if (idle < 0) {
      comment("WARNING: starting took longer than the lead time; " + name + " latencies are too low");
    }
    waitForEscalations(before + count, leadMs + escalationTimeoutS * 1000);
    List<Double> lat = new ArrayList<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Task t : tasks.createTaskQuery().taskDefinitionKey(Escalation.Elements.EXPLAIN_DELAY).list()) {
      if (batch.contains(t.getProcessInstanceId())) {
        long created = t.getCreateTime().getTime();
        lat.add((double) (created - deadline.getTime()));
        first = Math.min(first, created);
        last = Math.max(last, created);
      }
    }
    double[] sorted = lat.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    figure(name + "_timers", sorted.length, "jobs");
    figure(name + "_first_pickup", first - deadline.getTime(), "ms");
    figure(name + "_latency_p50", percentile(sorted, 50), "ms");
    figure(name + "_latency_p95", percentile(sorted, 95), "ms");
    figure(name + "_latency_max", sorted[sorted.length - 1], "ms");
    figure(name + "_drain_time", last - first, "ms");
    figure(name + "_throughput", sorted.length / (Math.max(1, last - first) / 1000.0), "jobs/s");
  }

  /** Starts milestones for the agency, as a milestone outside the plan file is started: with its work order. */
  private Timed startMilestones(int count, java.util.function.IntFunction<Date> deadline) {
    long[] latencies = new long[count];
    List<String> ids = new ArrayList<>(count);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      Date due = deadline.apply(i);
      VariableMap order = Variables.createVariables()
          .putValue(PlanMilestoneProcess.WORK_KIND.name(), ProgressReportProcess.KEY)
          .putValue(WorkVariables.MILESTONE_TITLE.name(), "报送基准测试进展")
          .putValue(WorkVariables.ITEM_NO.name(), "5")
          .putValue(WorkVariables.DEADLINE.name(), due)
          // the reminder is 14 days before a real deadline, long past here: keep it out of the measurement
          .putValue(WorkVariables.FOLLOW_UP.name(), new Date(due.getTime() + 365L * 24 * 3600 * 1000))
          .putValue(WorkVariables.MAX_ESCALATION_LEVEL.name(), 1)
          .putValue(WorkVariables.RESPONSIBLE_GROUPS.name(), new ArrayList<>(List.of(AGENCY)));
      long t = System.nanoTime();
      ids.add(runtime.startProcessInstanceByKey(PlanMilestoneProcess.KEY, "bench-" + (sequence++), order).getId());
      latencies[i] = System.nanoTime() - t;
    }
    return new Timed(System.nanoTime() - start, latencies, ids);
  }

  private Timed completeAll(List<String> taskIds) {
    long[] latencies = new long[taskIds.size()];
    long start = System.nanoTime();
    for (int i = 0; i < taskIds.size(); i++) {
      long t = System.nanoTime();
      tasks.complete(taskIds.get(i), Variables.createVariables().putValue("progressSummary", "本季度工作按计划推进。"));
      latencies[i] = System.nanoTime() - t;
    }
    return new Timed(System.nanoTime() - start, latencies, List.of());
  }

  private List<String> openAgencyTaskIds() {
    return tasks.createTaskQuery().taskCandidateGroup(AGENCY).list().stream().map(Task::getId).toList();
  }

  private List<Job> deadlineTimers() {
    return management.createJobQuery().timers().activityId(PlanMilestoneProcess.Elements.DEADLINE).list();
  }

  private long escalations() {
    return tasks.createTaskQuery().taskDefinitionKey(Escalation.Elements.EXPLAIN_DELAY).count();
  }

  /** Runs the job executor until no job is due; returns the time it took, ms. Leaves the executor stopped. */
  private long drainJobs() throws InterruptedException {
    long start = System.currentTimeMillis();
    if (!jobExecutor.isActive()) {
      jobExecutor.start();
    }
    long timeout = start + escalationTimeoutS * 1000;
    while (management.createJobQuery().executable().count() > 0) {
      if (System.currentTimeMillis() > timeout) {
        throw new IllegalStateException("jobs left after " + escalationTimeoutS + " s");
      }
      Thread.sleep(100);
    }
    long took = System.currentTimeMillis() - start;
    stopExecutor();
    return took;
  }

  private void stopExecutor() {
    if (jobExecutor.isActive()) {
      jobExecutor.shutdown();
    }
  }

  /** Successful and failed job executions so far (failed: optimistic-lock conflicts and other exceptions, retried). */
  private long[] jobMetrics() {
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDbMetricsReporter().reportNow();
    return new long[] {
      management.createMetricsQuery().name(Metrics.JOB_SUCCESSFUL).sum(),
      management.createMetricsQuery().name(Metrics.JOB_FAILED).sum()};
  }

  /** Polls the escalation task count every 100 ms (as the baseline); returns when it was reached, epoch ms. */
  private long waitForEscalations(long expected, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      long count = escalations();
      long now = System.currentTimeMillis();
      if (count >= expected) {
        return now;
      }
      if (now > deadline) {
        throw new IllegalStateException("timeout: only " + count + " of " + expected + " escalation tasks");
      }
      Thread.sleep(100);
    }
  }

  private void measure(String name, int repetitions, IntSupplier query) {
    for (int i = 0; i < Math.min(10, repetitions); i++) {
      query.getAsInt();
    }
    long[] nanos = new long[repetitions];
    int rows = 0;
    for (int i = 0; i < repetitions; i++) {
      long t = System.nanoTime();
      rows = query.getAsInt();
      nanos[i] = System.nanoTime() - t;
    }
    latencies(name, nanos);
    figure(name + "_rows", rows, "rows");
  }

  private static int rows(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json(answer).size();
  }

  private static int count(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json(answer).path("count").asInt();
  }

  private static com.fasterxml.jackson.databind.JsonNode json(HttpResponse<String> answer) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
    } catch (IOException e) {
      throw new AssertionError(answer.body(), e);
    }
  }

  private static Date inOneMinute() {
    return new Date(System.currentTimeMillis() + 60_000);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private long phaseStart = System.nanoTime();
  private String phaseName = "context";

  /** A comment line with the wall time of the phase that ends here. */
  private void phase(String next) {
    comment(String.format(Locale.ROOT, "phase %s took %.1f s", phaseName, seconds(System.nanoTime() - phaseStart)));
    phaseName = next;
    phaseStart = System.nanoTime();
  }

  private void comment(String text) {
    lines.add("# " + text);
  }

  private void figure(String name, double value, String unit) {
    lines.add(String.format(Locale.ROOT, "%s %s %s", name, format(value), unit));
  }

  private void latencies(String name, long[] nanos) {
    double[] ms = Arrays.stream(nanos).mapToDouble(n -> n / 1e6).sorted().toArray();
    figure(name + "_p50", percentile(ms, 50), "ms");
    figure(name + "_p95", percentile(ms, 95), "ms");
    figure(name + "_max", ms.length == 0 ? Double.NaN : ms[ms.length - 1], "ms");
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
  }

  /** Nearest rank over sorted values, as the baseline counts. */
  private static double percentile(double[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static double median(List<Burst> rounds, ToDoubleFunction<Burst> f) {
    return percentile(rounds.stream().mapToDouble(f).sorted().toArray(), 50);
  }

  private record Timed(long wallNanos, long[] latencies, List<String> ids) {}

  private static final class Burst {
    double startThroughput;
    double setDuedateThroughput;
    double drainMs;
    double throughput;
    double p50;
    double p95;
    double max;
    double detectedAfterMs;
    long successfulExecutions;
    long failedExecutions;
  }
}
