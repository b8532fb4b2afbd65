package cn.lianbao.operations;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.notice.NoticeOutbox;
import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The operator's view (issue 15): {@code /actuator/prometheus} for administrators only, its figures
 * against a plan year in which one agency holds a milestone past its deadline, and the job executor's
 * health component.
 *
 * <p>The scenario comes from the seed plan (plan-2021.yml): item 2's milestone {@code lead-departments}
 * ("确定每个重点跨界水体的牵头部门") is led by 青浦区、苏州市、嘉兴市 each for itself (eachLeads), due 06-15.
 * 嘉兴市 holds its part back past the deadline: it is then overdue for 嘉兴市 alone and its ladder
 * stands at level 1; when it delivers, it is neither overdue nor open any more. Other test classes share
 * the database, so the figures are compared before and after each step of the scenario.
 */
@LianbaoTest
class OperatorViewTest {

  private static final int YEAR = 2081;
  private static final String LATE_PART = YEAR + "-2-lead-departments:jiaxing-gov";
  private static final String ON_TIME_AGENCY = "qingpu-gov";
  private static final String LATE_AGENCY = "jiaxing-gov";

  @Autowired ProcessEngine engine;
  @Autowired OperationsFigures figures;
  @Autowired NoticeOutbox outbox;
  @LocalServerPort int port;

  @Test
  void thePrometheusEndpointIsForAdministratorsOnly() {
    assertThat(Http.anonymous(port).get("/actuator/prometheus").statusCode()).isEqualTo(401);
    HttpResponse<String> supervisor = Http.as(port, "supervisor").get("/actuator/prometheus");
    assertThat(supervisor.statusCode()).isEqualTo(403);
    assertThat(supervisor.body()).contains("\"message\"");
    assertThat(Http.as(port, "qingpu-gov-officer").get("/actuator/prometheus").statusCode()).isEqualTo(403);
    assertThat(Http.as(port, "qingpu-gov-leader").get("/actuator/prometheus").statusCode()).isEqualTo(403);
    HttpResponse<String> admin = Http.as(port, "admin").with("Accept", PROMETHEUS_TEXT).get("/actuator/prometheus");
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(admin.body()).contains("lianbao_milestones_open{agency=\"jiaxing-gov\"}",
        "lianbao_milestones_overdue{agency=\"qingpu-gov\"}", "lianbao_escalations_open{level=\"1\"}",
        "lianbao_escalations_open{level=\"2\"}", "lianbao_jobs_backlog", "lianbao_jobs_failed",
        "lianbao_jobs_oldest_due_age_seconds", "lianbao_incidents", "lianbao_outbox_pending",
        "lianbao_outbox_failing");
  }

  @Test
  void aMilestoneHeldPastItsDeadlineIsOverdueForItsAgencyAndEscalatedUntilDelivered() throws Exception {
    PlanDriver driver = new PlanDriver(engine, YEAR);
    driver.withValue("committedDay", today -> today.plusDays(1).toString())
        .withValue("finalDay", today -> today.plusDays(1).toString());
    driver.clockAt(PlanDriver.at(LocalDate.of(YEAR, 1, 5), 9));
    driver.start("2021");
    Predicate<Task> heldBack = task -> LATE_PART.equals(driver.businessKey(task));
    Date deadline = PlanDriver.endOfDay(YEAR, 6, 15);

    // the day of the deadline: everything due by then is done, but 嘉兴市's part
    driver.workUntil(PlanDriver.at(LocalDate.of(YEAR, 6, 15), 9), heldBack);
    driver.completeDueBy(deadline, heldBack);
    assertThat(driver.openTasks().stream().filter(heldBack)).as("嘉兴市's part is still open").isNotEmpty();
    Map<String, Double> before = scrape();
    assertThat(before.get(open(LATE_AGENCY))).as("嘉兴市 has open work").isGreaterThanOrEqualTo(1);

    // eleven minutes past the deadline, before the job executor acted: the deadline's timer is the backlog
    driver.clockAt(new Date(deadline.getTime() + 11 * 60_000));
    Map<String, Double> waiting = scrape();
    assertThat(waiting.get("lianbao_jobs_backlog")).as("the deadline's timer is due").isGreaterThanOrEqualTo(1);
    assertThat(waiting.get("lianbao_jobs_oldest_due_age_seconds")).as("due for eleven minutes")
        .isGreaterThanOrEqualTo(11 * 60 - 1);
    assertThat(waiting.get(overdue(LATE_AGENCY))).as("not yet recorded overdue").isEqualTo(before.get(overdue(LATE_AGENCY)));
    JsonNode health = new ObjectMapper().readTree(Http.as(port, "admin").get("/actuator/health").body())
        .path("components").path("jobExecutor");
    assertThat(health.path("status").asText()).as("the tests run without a job executor").isEqualTo("UNKNOWN");
    assertThat(health.path("details").path("running").asBoolean()).isFalse();
    assertThat(health.path("details").path("backlog").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(health.path("details").path("delayed").asBoolean()).as("due longer than 10 minutes").isTrue();

    driver.fireDueTimers();
    Map<String, Double> late = scrape();
    assertThat(late.get(overdue(LATE_AGENCY))).as("嘉兴市's part is overdue").isEqualTo(before.get(overdue(LATE_AGENCY)) + 1);
    assertThat(late.get(overdue(ON_TIME_AGENCY))).as("青浦区 delivered on time")
        .isEqualTo(before.get(overdue(ON_TIME_AGENCY)));
    assertThat(late.get(escalations(1))).as("the late part's ladder at level 1 (督办单)")
        .isEqualTo(before.get(escalations(1)) + 1);
    assertThat(late.get(escalations(2))).isEqualTo(before.get(escalations(2)));
    assertThat(late.get("lianbao_jobs_oldest_due_age_seconds")).as("no job due any more that was due 11 minutes ago")
        .isLessThan(11 * 60 - 1);

    // a failed job: no retries left, an incident; given retries again, neither
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(
        engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(LATE_PART)
            .processDefinitionKey("plan-milestone").singleResult().getId()).timers().list().get(0);
    engine.getManagementService().setJobRetries(timer.getId(), 0);
    Map<String, Double> failed = scrape();
    assertThat(failed.get("lianbao_jobs_failed")).isEqualTo(late.get("lianbao_jobs_failed") + 1);
    assertThat(failed.get("lianbao_incidents")).isEqualTo(late.get("lianbao_incidents") + 1);
    engine.getManagementService().setJobRetries(timer.getId(), 3);
    Map<String, Double> retried = scrape();
    assertThat(retried.get("lianbao_jobs_failed")).isEqualTo(late.get("lianbao_jobs_failed"));
    assertThat(retried.get("lianbao_incidents")).isEqualTo(late.get("lianbao_incidents"));

    // 嘉兴市 delivers (the clock stands still: nothing else opens or closes meanwhile)
    List<Task> held;
    while (!(held = driver.openTasks().stream().filter(heldBack).toList()).isEmpty()) {
      driver.complete(held.get(0));
    }
    Map<String, Double> delivered = scrape();
    assertThat(delivered.get(overdue(LATE_AGENCY))).as("delivered, no longer overdue")
        .isEqualTo(before.get(overdue(LATE_AGENCY)));
    assertThat(delivered.get(open(LATE_AGENCY))).as("delivered, no longer open").isEqualTo(late.get(open(LATE_AGENCY)) - 1);
    assertThat(delivered.get(escalations(1))).as("the delivery closes the ladder").isEqualTo(before.get(escalations(1)));

    // the outbox is shared with every other test's notices and its sender works meanwhile: the scrape
    // shows the outbox as it stood at some moment between a count just before and one just after it
    NoticeOutbox.Counts countedBefore = outbox.counts();
    Map<String, Double> now = scrape();
    NoticeOutbox.Counts countedAfter = outbox.counts();
    assertThat(now.get("lianbao_outbox_pending"))
        .isBetween(lower(countedBefore.pending(), countedAfter.pending()), upper(countedBefore.pending(), countedAfter.pending()));
    assertThat(now.get("lianbao_outbox_failing"))
        .isBetween(lower(countedBefore.failing(), countedAfter.failing()), upper(countedBefore.failing(), countedAfter.failing()));
  }

  private static double lower(long a, long b) {
    return Math.min(a, b);
  }

  private static double upper(long a, long b) {
    return Math.max(a, b);
  }

  private static String open(String agency) {
    return "lianbao_milestones_open{agency=\"" + agency + "\"}";
  }

  private static String overdue(String agency) {
    return "lianbao_milestones_overdue{agency=\"" + agency + "\"}";
  }

  private static String escalations(int level) {
    return "lianbao_escalations_open{level=\"" + level + "\"}";
  }

  /** What a Prometheus server asks for (the test's helper asks for JSON besides). */
  private static final String PROMETHEUS_TEXT = "text/plain;version=0.0.4";

  private static final Pattern SAMPLE = Pattern.compile("^(lianbao_[a-z_]+(?:\\{[^}]*\\})?) ([-0-9.E+]+)$",
      Pattern.MULTILINE);

  /** The lianbao_ samples of a scrape as an administrator, read afresh (the figures' cache is 30 s). */
  private Map<String, Double> scrape() {
    figures.refresh();
    HttpResponse<String> response = Http.as(port, "admin").with("Accept", PROMETHEUS_TEXT).get("/actuator/prometheus");
    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, Double> samples = new java.util.HashMap<>();
    Matcher matcher = SAMPLE.matcher(response.body());
    while (matcher.find()) {
      samples.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
    }
    return samples;
  }
}
