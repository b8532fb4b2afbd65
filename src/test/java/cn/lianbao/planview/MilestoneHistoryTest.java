package cn.lianbao.planview;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.escalation.Escalation;
import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import cn.lianbao.support.ProcessTests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The plan view's history panel ({@code GET /api/plans/{year}/milestones/{id}}, issue 13): a
 * finished milestone's tasks (who completed them, when), its 督办 steps and answers, who may read it.
 */
@LianbaoTest
class MilestoneHistoryTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  @AfterEach
  void resetClock() {
    engine.getIdentityService().clearAuthentication();
    ClockUtil.reset();
  }

  /**
   * Year 2050: item 3's Q1 report (sh-eco-env) is held back past its deadline (31 March): level 1
   * opens; the agency's leader answers the 督办单 on 2 April; the officer delivers on 5 April.
   */
  @Test
  void aMilestoneDeliveredLateShowsItsTasksAndItsEscalation() {
    int year = 2050;
    String late = year + "-3-progress-q1";
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 1, 4), 9));
    driver.start("2021");
    Predicate<Task> held = task -> Set.of(late).contains(driver.businessKey(task));
    driver.workUntil(PlanDriver.at(LocalDate.of(year, 4, 2), 9), held);

    Task explain = driver.openTasks().stream().filter(held)
        .filter(task -> task.getTaskDefinitionKey().equals(Escalation.Elements.EXPLAIN_DELAY)).findFirst()
        .orElseThrow(() -> new AssertionError("level 1 opened a 督办单 on 1 April"));
    // Tasklist claims a task before its form is completed: the leader is its assignee
    engine.getTaskService().claim(explain.getId(), "sh-eco-env-leader");
    VariableMap answer = driver.plausibleValues(explain);
    answer.putValue(Escalation.DELAY_EXPLANATION.name(), "监测数据汇总延误，已安排专人报送。");
    answer.putValue(Escalation.COMMITTED_DAY.name(), year + "-04-10");
    engine.getTaskService().complete(explain.getId(), answer);
    ProcessTests.runAsyncJobs(engine);

    driver.clockAt(PlanDriver.at(LocalDate.of(year, 4, 5), 9));
    while (true) {
      Task work = driver.openTasks().stream().filter(held)
          .filter(task -> !task.getTaskDefinitionKey().equals(Escalation.Elements.EXPLAIN_DELAY))
          .findFirst().orElse(null);
      if (work == null) {
        break;
      }
      // completed unclaimed through the REST API by the officer: the user operation log names them
      VariableMap values = driver.plausibleValues(work);
      engine.getIdentityService().setAuthentication("sh-eco-env-officer", List.of("sh-eco-env"));
      try {
        engine.getTaskService().complete(work.getId(), values);
      } finally {
        engine.getIdentityService().clearAuthentication();
      }
      ProcessTests.runAsyncJobs(engine);
    }

    String instance = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(late).processDefinitionKey("plan-milestone").singleResult().getId();
    Http supervisor = Http.as(port, "supervisor");
    JsonNode history = ok(supervisor.get("/api/plans/" + year + "/milestones/" + instance));

    assertThat(history.path("finished").asBoolean()).as("delivered: the milestone ended").isTrue();
    JsonNode part = history.path("part");
    assertThat(part.path("item").asText()).isEqualTo("3");
    assertThat(part.path("state").asText()).isEqualTo("DONE_LATE");
    assertThat(part.path("deliveredAt").asText()).startsWith(year + "-04-05T09:");
    assertThat(part.path("daysOverdue").asInt()).as("31 March to 5 April").isEqualTo(5);

    List<JsonNode> tasks = new ArrayList<>();
    history.path("tasks").forEach(tasks::add);
    assertThat(tasks).as("the work's tasks and the 督办单").hasSizeGreaterThanOrEqualTo(2);
    assertThat(tasks).allSatisfy(task -> {
      assertThat(task.path("name").asText()).containsPattern("\\p{IsHan}");
      assertThat(task.path("endTime").asText()).as("all done").isNotBlank();
    });
    JsonNode answered = tasks.stream()
        .filter(task -> task.path("assignee").asText().equals("sh-eco-env-leader")).findFirst()
        .orElseThrow(() -> new AssertionError("the leader's 督办单 answer: " + history.path("tasks")));
    assertThat(answered.path("endTime").asText()).startsWith(year + "-04-02T09:");
    assertThat(answered.path("assigneeName").asText()).containsPattern("\\p{IsHan}");
    JsonNode delivered = tasks.stream()
        .filter(task -> task.path("assignee").asText().equals("sh-eco-env-officer")).findFirst()
        .orElseThrow(() -> new AssertionError("the officer's delivery: " + history.path("tasks")));
    assertThat(delivered.path("endTime").asText()).startsWith(year + "-04-05T09:");

    JsonNode escalation = history.path("escalation");
    assertThat(escalation.path("level").asInt()).isEqualTo(1);
    assertThat(escalation.path("explanations")).hasSize(1);
    JsonNode explanation = escalation.path("explanations").get(0);
    assertThat(explanation.path("agency").asText()).containsPattern("\\p{IsHan}");
    assertThat(explanation.path("explanation").asText()).isEqualTo("监测数据汇总延误，已安排专人报送。");
    assertThat(explanation.path("committedDay").asText()).isEqualTo(year + "-04-10");
    history.path("documents").forEach(document -> assertThat(document.path("download").asText())
        .startsWith("/camunda/api/engine/engine/default/history/variable-instance/").endsWith("/data"));

    // the agency's users see their item; another agency's users and unknown instances get 404
    assertThat(Http.as(port, "sh-eco-env-officer").get("/api/plans/" + year + "/milestones/" + instance).statusCode())
        .isEqualTo(200);
    assertRefused(Http.as(port, "qingpu-gov-officer").get("/api/plans/" + year + "/milestones/" + instance), 404, "没有这个节点");
    assertRefused(supervisor.get("/api/plans/" + year + "/milestones/no-such-instance"), 404, "没有这个节点");
    assertRefused(supervisor.get("/api/plans/2080/milestones/" + instance), 404, "2080", "尚未启动");
    assertThat(Http.anonymous(port).get("/api/plans/" + year + "/milestones/" + instance).statusCode()).isEqualTo(401);
  }

  private static JsonNode ok(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return read(answer.body());
  }

  private static void assertRefused(HttpResponse<String> answer, int status, String... words) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(read(answer.body()).path("message").asText()).contains(words).containsPattern("\\p{IsHan}");
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
