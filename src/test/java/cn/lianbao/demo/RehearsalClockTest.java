package cn.lianbao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The rehearsal clock, {@code /api/demo/clock}, in the shared demo context: who may move it, what
 * it refuses, that the engine's time then keeps running from the new instant, and that a timer
 * that fell due in between becomes executable and the job executor is woken for it. (Without the
 * {@code demo} profile the controller does not exist: {@link RehearsalClockProfileTest}.)
 */
@LianbaoTest
class RehearsalClockTest {

  static final String CLOCK = "/api/demo/clock";
  static final String PROBE = "rehearsal-clock-probe";
  static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  private JobExecutor original;
  private String deployment;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    if (original != null) {
      configuration().setJobExecutor(original);
    }
    if (deployment != null) {
      engine.getRepositoryService().deleteDeployment(deployment, true);
    }
  }

  @Test
  void anonymousCallersAre401AndOtherUsersThan403() {
    String body = move(Instant.now().plus(Duration.ofDays(30)));
    assertThat(Http.anonymous(port).post(CLOCK, body).statusCode()).isEqualTo(401);
    assertThat(Http.anonymous(port).get(CLOCK).statusCode()).isEqualTo(401);
    assertThat(Http.as(port, "qingpu-gov-officer").post(CLOCK, body).statusCode()).isEqualTo(403);
    assertThat(Http.as(port, "qingpu-gov-leader").get(CLOCK).statusCode()).isEqualTo(403);
    assertThat(Http.as(port, "supervisor").post(CLOCK, body).statusCode()).isEqualTo(403);
    assertThat(ClockUtil.getCurrentTime()).as("nobody moved it").isBefore(Date.from(Instant.now().plusSeconds(60)));
  }

  @Test
  void aTimeBeforeTheEnginesTimeIsRefusedNamingNow() {
    ClockUtil.offset(Duration.ofDays(10).toMillis());
    Date before = ClockUtil.getCurrentTime();

    HttpResponse<String> refused = admin().post(CLOCK, move(Instant.now().plus(Duration.ofDays(2))));

    assertThat(refused.statusCode()).isEqualTo(400);
    String message = json(refused).path("message").asText();
    assertThat(message).contains("now").contains("不能早于").contains("must not lie before");
    assertThat(ClockUtil.getCurrentTime()).as("still ten days ahead")
        .isAfterOrEqualTo(before).isAfter(Date.from(Instant.now().plus(Duration.ofDays(9))));
  }

  @Test
  void aMalformedNowIsRefusedNamingNow() {
    for (String body : List.of("{\"now\":\"2027年10月2日\"}", "{\"now\":\"2027-10-02T09:00:00\"}",
        "{\"now\":20271002}", "{}", "{\"now\":", "")) {
      HttpResponse<String> refused = admin().post(CLOCK, body);
      assertThat(refused.statusCode()).as(body).isEqualTo(400);
      assertThat(json(refused).path("message").asText()).as(body).contains("now").containsPattern("\\p{IsHan}");
    }
    assertThat(ClockUtil.getCurrentTime()).isBefore(Date.from(Instant.now().plusSeconds(60)));
  }

  @Test
  void theClockMovesForwardAndKeepsRunning() {
    Instant target = Instant.now().plus(Duration.ofDays(400)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    HttpResponse<String> moved = admin().post(CLOCK, move(target));

    assertThat(moved.statusCode()).isEqualTo(200);
    JsonNode answer = json(moved);
    assertThat(OffsetDateTime.parse(answer.path("now").asText()).toInstant()).isAfterOrEqualTo(target);
    assertThat(answer.path("now").asText()).as("in the plan's time zone").endsWith("+08:00");
    assertThat(answer.path("offsetMillis").asLong())
        .isCloseTo(Duration.ofDays(400).toMillis(), org.assertj.core.data.Offset.offset(60_000L));

    Date first = ClockUtil.getCurrentTime();
    Date second = first;
    long giveUp = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (second.equals(first) && System.nanoTime() < giveUp) {
      second = ClockUtil.getCurrentTime();
    }
    assertThat(first).isAfterOrEqualTo(Date.from(target));
    assertThat(second).as("an offset, not a frozen instant: time keeps running").isAfter(first);

    HttpResponse<String> read = admin().get(CLOCK);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(OffsetDateTime.parse(json(read).path("now").asText()).toInstant()).isAfterOrEqualTo(second.toInstant()
        .minusMillis(1));

    HttpResponse<String> sameAgain = admin().post(CLOCK, move(target));
    assertThat(sameAgain.statusCode()).as("once moved, the target is the past").isEqualTo(400);
  }

  @Test
  void aTimerDueInBetweenBecomesDueAndTheJobExecutorIsWoken() {
    Instant due = Instant.now().plus(Duration.ofDays(30));
    ProcessInstance instance = startTimer(Date.from(due));
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers()
        .singleResult();
    assertThat(engine.getManagementService().createJobQuery().jobId(timer.getId()).executable().count())
        .as("not due yet").isZero();
    WakeProbe probe = installProbe();

    HttpResponse<String> moved = admin().post(CLOCK, move(due.plus(Duration.ofHours(1))));

    assertThat(moved.statusCode()).isEqualTo(200);
    assertThat(probe.wakes).as("the job executor is woken, so it need not wait for its next poll").hasValue(1);
    assertThat(engine.getManagementService().createJobQuery().jobId(timer.getId()).executable().count())
        .as("due now").isEqualTo(1);
    // what the woken job executor does with it (it is off in the tests)
    engine.getManagementService().executeJob(timer.getId());
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId("intermediateEvent_timer").finished().count()).as("the timer fired").isEqualTo(1);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count())
        .isZero();
  }

  // ---------------------------------------------------------------------------------------------

  /** Stands in for the engine's job executor and counts the wake-ups. */
  static class WakeProbe extends JobExecutor {
    final AtomicInteger wakes = new AtomicInteger();

    @Override
    public void jobWasAdded() {
      wakes.incrementAndGet();
    }

    @Override
    protected void startExecutingJobs() {}

    @Override
    protected void stopExecutingJobs() {}

    @Override
    public void executeJobs(List<String> jobIds, ProcessEngineImpl processEngine) {}
  }

  private WakeProbe installProbe() {
    original = configuration().getJobExecutor();
    WakeProbe probe = new WakeProbe();
    configuration().setJobExecutor(probe);
    return probe;
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  private ProcessInstance startTimer(Date due) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROBE)
        .name("演练时钟测试").camundaHistoryTimeToLive(3650)
        .startEvent("startEvent_probe")
        .intermediateCatchEvent("intermediateEvent_timer").timerWithDate("${due}")
        .endEvent("endEvent_probe")
        .done();
    deployment = engine.getRepositoryService().createDeployment().name(PROBE)
        .addModelInstance(PROBE + ".bpmn", model).deploy().getId();
    return engine.getRuntimeService().startProcessInstanceByKey(PROBE, Variables.putValue("due", due));
  }

  private Http admin() {
    return Http.as(port, "admin");
  }

  private static String move(Instant to) {
    return "{\"now\":\"" + OffsetDateTime.ofInstant(to, BEIJING) + "\"}";
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return new ObjectMapper().readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError(response.body(), e);
    }
  }
}
