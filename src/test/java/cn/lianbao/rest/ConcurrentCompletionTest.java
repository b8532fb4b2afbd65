package cn.lianbao.rest;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.meeting.ConsultationMeetingProcess;
import cn.lianbao.meeting.ConsultationMeetingProcess.Elements;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.AgencyAnswers;
import cn.lianbao.support.CommandGate;
import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.ProcessTests;
import cn.lianbao.support.WebappSession;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two officers of one milestone finish their tasks at the same moment (issue 9): one succeeds, the
 * other is told "任务已被他人处理，请刷新" (409), and nothing of the second is kept; the server does not
 * retry it. The officers' requests really meet in the engine: each waits, after reading and before
 * writing, until the other has read too ({@link CommandGate}).
 */
@LianbaoTest
class ConcurrentCompletionTest {

  static final Date DEADLINE = Date.from(Instant.parse("2027-12-31T15:59:59Z"));
  static final Date FOLLOW_UP = Date.from(Instant.parse("2027-12-17T15:59:59Z"));

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  @Test
  void twoOfficersFinishingAtTheSameMomentOneSucceedsTheOtherIsAConflictAndNothingOfItIsKept() throws Exception {
    ProcessInstance meeting = startMeetingWaitingForInputs();
    Map<String, Task> inputs = ProcessTests.tasksByGroup(engine, meeting, Elements.SUBMIT_MEETING_INPUT);
    assertThat(Http.as(port, "jiaxing-gov-officer").post("/engine-rest/task/" + inputs.get("jiaxing-gov").getId()
        + "/complete", input("嘉兴", "无")).statusCode()).isEqualTo(204);
    Task qingpu = inputs.get("qingpu-gov");
    Task suzhou = inputs.get("suzhou-gov");
    // one through the REST API, one through Tasklist
    Http qingpuOfficer = Http.as(port, "qingpu-gov-officer");
    WebappSession suzhouOfficer = WebappSession.login(port, "suzhou-gov-officer");

    ExecutorService officers = Executors.newFixedThreadPool(2);
    HttpResponse<String> fromQingpu;
    HttpResponse<String> fromSuzhou;
    int commands;
    try (CommandGate.Gate gate = CommandGate.hold(2, "CompleteTaskCmd", "SubmitTaskFormCmd")) {
      Future<HttpResponse<String>> qingpuAnswer = officers.submit(() -> qingpuOfficer.post(
          "/engine-rest/task/" + qingpu.getId() + "/complete", input("王青", "青浦意见")));
      Future<HttpResponse<String>> suzhouAnswer = officers.submit(() -> suzhouOfficer.engine("POST",
          "/task/" + suzhou.getId() + "/submit-form", input("苏江", "苏州意见")));
      fromQingpu = qingpuAnswer.get(60, TimeUnit.SECONDS);
      fromSuzhou = suzhouAnswer.get(60, TimeUnit.SECONDS);
      commands = gate.arrivals();
    } finally {
      officers.shutdownNow();
    }

    List<Integer> statuses = List.of(fromQingpu.statusCode(), fromSuzhou.statusCode());
    assertThat(statuses).as(fromQingpu.body() + " / " + fromSuzhou.body()).containsExactlyInAnyOrder(204, 409);
    boolean qingpuWon = fromQingpu.statusCode() == 204;
    HttpResponse<String> refused = qingpuWon ? fromSuzhou : fromQingpu;
    assertThat(refused.body()).contains("任务已被他人处理，请刷新").contains("\"type\":\"conflict\"")
        .doesNotContainPattern("[A-Z][a-zA-Z]+(Exception|Error)|ENGINE-\\d|org\\.camunda|java\\.");
    assertThat(commands).as("each request ran once: the server retried neither").isEqualTo(2);

    Task winner = qingpuWon ? qingpu : suzhou;
    Task loser = qingpuWon ? suzhou : qingpu;
    String winnerAgency = qingpuWon ? "qingpu-gov" : "suzhou-gov";
    String loserAgency = qingpuWon ? "suzhou-gov" : "qingpu-gov";
    assertThat(engine.getTaskService().createTaskQuery().taskId(winner.getId()).count()).isZero();
    assertThat(engine.getTaskService().createTaskQuery().taskId(loser.getId()).count())
        .as("the refused task is still open").isOne();
    assertThat(engine.getTaskService().getVariableLocal(loser.getId(), ConsultationMeetingProcess.AGENCY_VIEWS.name()))
        .as("nothing of the refused answer was kept").isNull();
    assertThat(agenciesAnswered(meeting)).containsExactlyInAnyOrder("jiaxing-gov", winnerAgency);

    // the officer refreshes and sends the answer again
    HttpResponse<String> again = qingpuWon
        ? suzhouOfficer.engine("POST", "/task/" + suzhou.getId() + "/submit-form", input("苏江", "苏州意见"))
        : qingpuOfficer.post("/engine-rest/task/" + qingpu.getId() + "/complete", input("王青", "青浦意见"));
    assertThat(again.statusCode()).as(again.body()).isEqualTo(204);
    assertThat(agenciesAnswered(meeting)).containsExactlyInAnyOrder("jiaxing-gov", winnerAgency, loserAgency);
  }

  private List<Object> agenciesAnswered(ProcessInstance meeting) {
    return ConsultationMeetingProcess.INPUTS.find(engine.getRuntimeService().getVariables(meeting.getId()))
        .orElse(List.of()).stream().map(input -> input.get(AgencyAnswers.AGENCY_GROUP)).toList();
  }

  private static String input(String attendees, String views) {
    return "{\"variables\":{\"" + ConsultationMeetingProcess.AGENCY_ATTENDEES.name() + "\":{\"value\":\"" + attendees
        + "\",\"type\":\"String\"},\"" + ConsultationMeetingProcess.AGENCY_VIEWS.name() + "\":{\"value\":\"" + views
        + "\",\"type\":\"String\"}}}";
  }

  /** A consultation meeting of three governments, convened: each government's input task is open. */
  private ProcessInstance startMeetingWaitingForInputs() {
    ProcessInstance meeting = startMeeting(engine, List.of("sh-river-chief-office"),
        List.of("qingpu-gov", "suzhou-gov", "jiaxing-gov"));
    Task convene = engine.getTaskService().createTaskQuery().processInstanceId(meeting.getId()).singleResult();
    engine.getTaskService().complete(convene.getId(), Variables.createVariables()
        .putValue(ConsultationMeetingProcess.MEETING_DAY.name(), "2027-12-10")
        .putValue(ConsultationMeetingProcess.MEETING_PLACE.name(), "视频会议")
        .putValue(ConsultationMeetingProcess.MEETING_TOPICS.name(), "年度工作总结"));
    return meeting;
  }

  /** A consultation meeting (due at the end of 2027) that the lead agencies are to convene. */
  static ProcessInstance startMeeting(ProcessEngine engine, List<String> responsible, List<String> contributors) {
    VariableMap variables = Variables.createVariables();
    WorkVariables.PLAN_ID.putIn(variables, "2027");
    WorkVariables.YEAR.putIn(variables, 2027);
    WorkVariables.ITEM_NO.putIn(variables, "1");
    WorkVariables.PART_ID.putIn(variables, "summary-meeting");
    WorkVariables.MILESTONE_TITLE.putIn(variables, "召开年度总结会议");
    WorkVariables.DOCUMENT_TITLE.putIn(variables, null);
    WorkVariables.DEADLINE.putIn(variables, DEADLINE);
    WorkVariables.FOLLOW_UP.putIn(variables, FOLLOW_UP);
    WorkVariables.OUTCOME_DEADLINE.putIn(variables, DEADLINE);
    WorkVariables.OUTCOME_FOLLOW_UP.putIn(variables, FOLLOW_UP);
    WorkVariables.RESPONSIBLE_GROUPS.putIn(variables, responsible);
    WorkVariables.IMPLEMENTING_GROUPS.putIn(variables, contributors);
    WorkVariables.COOPERATING_GROUPS.putIn(variables, List.of());
    WorkVariables.CONTRIBUTOR_GROUPS.putIn(variables, contributors);
    WorkVariables.ITEM_GROUPS.putIn(variables, Stream.concat(responsible.stream(), contributors.stream()).toList());
    return engine.getRuntimeService().startProcessInstanceByKey(ConsultationMeetingProcess.KEY,
        "concurrent-" + UUID.randomUUID(), variables);
  }
}
