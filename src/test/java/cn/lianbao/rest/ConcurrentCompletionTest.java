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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

  /** The engine's commands behind completing a task through the REST API and submitting its form in Tasklist. */
  private static final String REST_COMPLETE = "CompleteTaskCmd";
  private static final String TASKLIST_SUBMIT = "SubmitTaskFormCmd";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  /**
   * Qingpu's officer sends the answer through the REST API, Suzhou's through Tasklist, at the same
   * moment; {@code winner} names the API whose request commits first, so that each API's refusal is seen.
   */
  @ParameterizedTest(name = "{0} commits first")
  @ValueSource(strings = {"REST", "Tasklist"})
  void twoOfficersFinishingAtTheSameMomentOneSucceedsTheOtherIsAConflictAndNothingOfItIsKept(String winner)
      throws Exception {
    ProcessInstance meeting = startMeetingWaitingForInputs();
    Map<String, Task> inputs = ProcessTests.tasksByGroup(engine, meeting, Elements.SUBMIT_MEETING_INPUT);
    assertThat(Http.as(port, "jiaxing-gov-officer").post("/engine-rest/task/" + inputs.get("jiaxing-gov").getId()
        + "/complete", input("嘉兴", "无")).statusCode()).isEqualTo(204);
    Task qingpu = inputs.get("qingpu-gov");
    Task suzhou = inputs.get("suzhou-gov");
    Http qingpuOfficer = Http.as(port, "qingpu-gov-officer");
    WebappSession suzhouOfficer = WebappSession.login(port, "suzhou-gov-officer");
    boolean qingpuWins = winner.equals("REST");

    ExecutorService officers = Executors.newFixedThreadPool(2);
    HttpResponse<String> fromQingpu;
    HttpResponse<String> fromSuzhou;
    int commands;
    try (CommandGate.Gate gate = CommandGate.hold(2, REST_COMPLETE, TASKLIST_SUBMIT)
        .firstToCommit(qingpuWins ? REST_COMPLETE : TASKLIST_SUBMIT)) {
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

    HttpResponse<String> succeeded = qingpuWins ? fromQingpu : fromSuzhou;
    HttpResponse<String> refused = qingpuWins ? fromSuzhou : fromQingpu;
    assertThat(succeeded.statusCode()).as(succeeded.body()).isEqualTo(204);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
    assertThat(refused.body()).contains("任务已被他人处理，请刷新").contains("\"type\":\"conflict\"")
        .doesNotContainPattern("[A-Z][a-zA-Z]+(Exception|Error)|ENGINE-\\d|org\\.camunda|java\\.");
    assertThat(commands).as("each request ran once: the server retried neither").isEqualTo(2);

    Task done = qingpuWins ? qingpu : suzhou;
    Task open = qingpuWins ? suzhou : qingpu;
    String doneAgency = qingpuWins ? "qingpu-gov" : "suzhou-gov";
    String openAgency = qingpuWins ? "suzhou-gov" : "qingpu-gov";
    assertThat(engine.getTaskService().createTaskQuery().taskId(done.getId()).count()).isZero();
    assertThat(engine.getTaskService().createTaskQuery().taskId(open.getId()).count())
        .as("the refused task is still open").isOne();
    assertThat(engine.getTaskService().getVariableLocal(open.getId(), ConsultationMeetingProcess.AGENCY_VIEWS.name()))
        .as("nothing of the refused answer was kept").isNull();
    assertThat(agenciesAnswered(meeting)).containsExactlyInAnyOrder("jiaxing-gov", doneAgency);

    // the officer refreshes and sends the answer again
    HttpResponse<String> again = qingpuWins
        ? suzhouOfficer.engine("POST", "/task/" + suzhou.getId() + "/submit-form", input("苏江", "苏州意见"))
        : qingpuOfficer.post("/engine-rest/task/" + qingpu.getId() + "/complete", input("王青", "青浦意见"));
    assertThat(again.statusCode()).as(again.body()).isEqualTo(204);
    assertThat(agenciesAnswered(meeting)).containsExactlyInAnyOrder("jiaxing-gov", doneAgency, openAgency);
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
