package cn.lianbao.meeting;

import cn.lianbao.plan.PlanMilestoneProcess;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static cn.lianbao.support.ProcessTests.assertDates;
import static cn.lianbao.support.ProcessTests.candidateGroups;
import static cn.lianbao.support.ProcessTests.delivered;
import static cn.lianbao.support.ProcessTests.file;
import static cn.lianbao.support.ProcessTests.historic;
import static cn.lianbao.support.ProcessTests.historicTyped;
import static cn.lianbao.support.ProcessTests.tasksByGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.lianbao.meeting.ConsultationMeetingProcess.Elements;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.AgencyAnswers;
import cn.lianbao.process.InvalidInputException;
import cn.lianbao.support.LianbaoTest;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The consultation meeting (协商会议), e.g. item 1's annual summary meeting, due 2021-12-31. */
@LianbaoTest
class ConsultationMeetingProcessTest {

  static final List<String> CHIEFS = List.of("sh-river-chief-office", "js-river-chief-office", "zj-river-chief-office");
  static final List<String> GOVERNMENTS = List.of("qingpu-gov", "suzhou-gov", "jiaxing-gov");
  static final Date DEADLINE = Date.from(Instant.parse("2021-12-31T15:59:59Z"));
  static final Date FOLLOW_UP = Date.from(Instant.parse("2021-12-17T15:59:59Z"));
  static final Date OUTCOME_DEADLINE = Date.from(Instant.parse("2022-01-31T15:59:59Z"));
  static final Date OUTCOME_FOLLOW_UP = Date.from(Instant.parse("2022-01-17T15:59:59Z"));
  static final Date MINUTES_RECORDED = Date.from(Instant.parse("2021-12-20T03:00:00Z"));

  @Autowired ProcessEngine engine;

  @Test
  void theLeadConvenesEveryOtherAgencyAnswersAndTheMinutesMeetTheMilestone() {
    ProcessInstance meeting = start(CHIEFS, GOVERNMENTS);

    assertThat(meeting).isWaitingAt(Elements.CONVENE_MEETING);
    Task convene = task(meeting);
    assertThat(convene.getName()).contains("召集协商会议");
    assertThat(candidateGroups(engine, convene)).containsExactlyInAnyOrderElementsOf(CHIEFS);
    assertDates(convene, DEADLINE, FOLLOW_UP);
    complete(convene, withVariables(
        ConsultationMeetingProcess.MEETING_DAY.name(), "2021-12-10",
        ConsultationMeetingProcess.MEETING_PLACE.name(), "青浦区金泽镇会议中心",
        ConsultationMeetingProcess.MEETING_TOPICS.name(), "总结一河三湖联合河湖长制工作，研究问题清单和整改安排",
        ConsultationMeetingProcess.MEETING_NOTICE.name(), file("会议通知.pdf", "%PDF-1.4 notice")));

    assertThat(meeting).isWaitingAt(Elements.SUBMIT_MEETING_INPUT);
    Map<String, Task> answers = tasksByGroup(engine, meeting, Elements.SUBMIT_MEETING_INPUT);
    assertThat(answers).containsOnlyKeys(GOVERNMENTS);
    answers.values().forEach(task -> {
      assertThat(task.getName()).contains("确认参会并提交意见");
      assertDates(task, DEADLINE, FOLLOW_UP);
    });

    complete(answers.get("qingpu-gov"), withVariables(
        ConsultationMeetingProcess.AGENCY_ATTENDEES.name(), "王青（副区长）",
        ConsultationMeetingProcess.AGENCY_VIEWS.name(), "建议统一淀山湖蓝藻预警口径",
        ConsultationMeetingProcess.AGENCY_MATERIAL.name(), file("青浦材料.docx", "qingpu material")));
    complete(answers.get("suzhou-gov"), withVariables(
        ConsultationMeetingProcess.AGENCY_ATTENDEES.name(), "苏江（处长）",
        ConsultationMeetingProcess.AGENCY_VIEWS.name(), "无"));
    assertThat(engine.getRuntimeService().getVariable(meeting.getId(), ConsultationMeetingProcess.AGENCY_ATTENDEES.name()))
        .as("an agency's answer stays in its own task instance").isNull();
    assertThat(meeting).isWaitingAt(Elements.SUBMIT_MEETING_INPUT);
    complete(answers.get("jiaxing-gov"), withVariables(
        ConsultationMeetingProcess.AGENCY_ATTENDEES.name(), "嘉善（科长）",
        ConsultationMeetingProcess.AGENCY_VIEWS.name(), "汾湖水葫芦打捞分界需协商"));

    assertThat(meeting).isWaitingAt(Elements.RECORD_MINUTES);
    assertThat(delivered(engine, meeting)).as("not met before the minutes").isNull();
    List<Map<String, Object>> inputs = ConsultationMeetingProcess.INPUTS.find(
        engine.getRuntimeService().getVariables(meeting.getId())).orElseThrow();
    assertThat(inputs).extracting(input -> input.get(AgencyAnswers.AGENCY_GROUP))
        .containsExactly("qingpu-gov", "suzhou-gov", "jiaxing-gov");
    assertThat(inputs).extracting(input -> input.get(AgencyAnswers.AGENCY_NAME))
        .containsExactly("青浦区人民政府", "苏州市人民政府", "嘉兴市人民政府");
    assertThat(inputs).extracting(input -> input.get(ConsultationMeetingProcess.AGENCY_ATTENDEES.name()))
        .containsExactly("王青（副区长）", "苏江（处长）", "嘉善（科长）");
    String materialVariable = ConsultationMeetingProcess.AGENCY_MATERIAL.name() + AgencyAnswers.FILE_VARIABLE_SUFFIX;
    assertThat(inputs.get(0)).containsEntry(materialVariable, "agencyMaterial_qingpu-gov")
        .containsEntry(ConsultationMeetingProcess.AGENCY_MATERIAL.name(), "青浦材料.docx");
    assertThat(inputs.get(1)).doesNotContainKey(materialVariable);
    FileValue material = engine.getRuntimeService().getVariableTyped(meeting.getId(), "agencyMaterial_qingpu-gov");
    assertThat(material.getFilename()).isEqualTo("青浦材料.docx");
    assertThat(material.getValue()).hasContent("qingpu material");

    Task minutes = task(meeting);
    assertThat(minutes.getName()).contains("记录会议纪要");
    assertThat(candidateGroups(engine, minutes)).containsExactlyInAnyOrderElementsOf(CHIEFS);
    assertDates(minutes, DEADLINE, FOLLOW_UP);
    ClockUtil.setCurrentTime(MINUTES_RECORDED);
    complete(minutes, minutesVariables());

    assertThat(meeting).as("the delivery report waits in its own job").isWaitingAt(Elements.REPORT_DELIVERY);
    execute(job(meeting));
    assertThat(meeting).hasPassedInOrder(Elements.RECORD_MINUTES, Elements.REPORT_DELIVERY, Elements.END).isEnded();
    assertThat(delivered(engine, meeting)).isTrue();
    assertThat(historic(engine, meeting, PlanMilestoneProcess.DELIVERED_AT.name())).isEqualTo(MINUTES_RECORDED);
    assertThat(historic(engine, meeting, PlanMilestoneProcess.DAYS_OVERDUE.name())).isEqualTo(0);
    FileValue kept = (FileValue) historicTyped(engine, meeting, ConsultationMeetingProcess.MINUTES.name());
    assertThat(kept.getFilename()).isEqualTo("会议纪要.pdf");
  }

  @Test
  void withoutOtherAgenciesTheMeetingGoesFromConveningToTheMinutes() {
    ProcessInstance meeting = start(List.of("sh-eco-env"), List.of());

    Task convene = task(meeting);
    assertThat(candidateGroups(engine, convene)).containsExactly("sh-eco-env");
    complete(convene, conveneVariables());

    assertThat(meeting).isWaitingAt(Elements.RECORD_MINUTES);
    assertThat(meeting).hasNotPassed(Elements.SUBMIT_MEETING_INPUT);
    assertThat(engine.getRuntimeService().getVariable(meeting.getId(), ConsultationMeetingProcess.INPUTS.name())).isNull();
    Task minutes = task(meeting);
    assertThat(candidateGroups(engine, minutes)).containsExactly("sh-eco-env");
    assertDates(minutes, DEADLINE, FOLLOW_UP);
    assertThat(delivered(engine, meeting)).isNull();

    complete(minutes, minutesVariables());
    assertThat(meeting).as("the delivery report waits in its own job").isWaitingAt(Elements.REPORT_DELIVERY);
    execute(job(meeting));
    assertThat(meeting).hasPassed(Elements.REPORT_DELIVERY).isEnded();
    assertThat(delivered(engine, meeting)).isTrue();
  }

  @Test
  void minutesWithoutTheMinutesDocumentAreRefusedNamingTheFieldAndTheTaskStaysOpen() {
    ProcessInstance meeting = start(CHIEFS, List.of());
    complete(task(meeting), conveneVariables());
    Task minutes = task(meeting);

    VariableMap withoutDocument = minutesVariables();
    withoutDocument.remove(ConsultationMeetingProcess.MINUTES.name());
    assertThatThrownBy(() -> engine.getTaskService().complete(minutes.getId(), withoutDocument))
        .isInstanceOfSatisfying(InvalidInputException.class,
            refusal -> assertThat(refusal.field()).isEqualTo(ConsultationMeetingProcess.MINUTES.name()))
        .hasMessageContaining("meetingMinutes")
        .hasMessageContaining("会议纪要")
        .hasMessageContaining("必填");

    VariableMap emptyDocument = minutesVariables();
    emptyDocument.put(ConsultationMeetingProcess.MINUTES.name(), file("会议纪要.pdf", ""));
    assertThatThrownBy(() -> engine.getTaskService().complete(minutes.getId(), emptyDocument))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("meetingMinutes");

    assertThat(meeting).isWaitingAt(Elements.RECORD_MINUTES);
    assertThat(task(meeting).getId()).isEqualTo(minutes.getId());
    assertThat(engine.getRuntimeService().getVariable(meeting.getId(), ConsultationMeetingProcess.DECISIONS.name()))
        .as("nothing of the refused submit is kept").isNull();
    assertThat(delivered(engine, meeting)).isNull();
  }

  @Test
  void anAgencysAnswerWithoutAttendeesIsRefusedEvenAfterAnotherAgencyAnswered() {
    ProcessInstance meeting = start(CHIEFS, GOVERNMENTS);
    complete(task(meeting), conveneVariables());
    Map<String, Task> answers = tasksByGroup(engine, meeting, Elements.SUBMIT_MEETING_INPUT);
    complete(answers.get("qingpu-gov"), withVariables(
        ConsultationMeetingProcess.AGENCY_ATTENDEES.name(), "王青（副区长）",
        ConsultationMeetingProcess.AGENCY_VIEWS.name(), "无"));

    assertThatThrownBy(() -> engine.getTaskService().complete(answers.get("suzhou-gov").getId(),
            Variables.putValue(ConsultationMeetingProcess.AGENCY_VIEWS.name(), "无")))
        .isInstanceOfSatisfying(InvalidInputException.class,
            refusal -> assertThat(refusal.field()).isEqualTo(ConsultationMeetingProcess.AGENCY_ATTENDEES.name()))
        .hasMessageContaining("agencyAttendees")
        .hasMessageContaining("参会人员");

    assertThat(tasksByGroup(engine, meeting, Elements.SUBMIT_MEETING_INPUT)).containsOnlyKeys("suzhou-gov", "jiaxing-gov");
    assertThat(ConsultationMeetingProcess.INPUTS.find(engine.getRuntimeService().getVariables(meeting.getId()))
        .orElseThrow()).hasSize(1);
  }

  @Test
  void aMeetingDayThatIsNotADayIsRefusedNamingTheField() {
    ProcessInstance meeting = start(CHIEFS, GOVERNMENTS);
    Task convene = task(meeting);
    VariableMap variables = conveneVariables();
    variables.put(ConsultationMeetingProcess.MEETING_DAY.name(), "12/10/2021");

    assertThatThrownBy(() -> engine.getTaskService().complete(convene.getId(), variables))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("meetingDay")
        .hasMessageContaining("yyyy-MM-dd");
    assertThat(meeting).isWaitingAt(Elements.CONVENE_MEETING);
  }

  private ProcessInstance start(List<String> responsible, List<String> contributors) {
    VariableMap variables = Variables.createVariables();
    WorkVariables.PLAN_ID.putIn(variables, "2021");
    WorkVariables.YEAR.putIn(variables, 2021);
    WorkVariables.ITEM_NO.putIn(variables, "1");
    WorkVariables.PART_ID.putIn(variables, "summary-meeting");
    WorkVariables.MILESTONE_TITLE.putIn(variables, "召开年度总结会议（如有重大需解决问题同步召开协调会议）");
    WorkVariables.DOCUMENT_TITLE.putIn(variables, null);
    WorkVariables.DEADLINE.putIn(variables, DEADLINE);
    WorkVariables.FOLLOW_UP.putIn(variables, FOLLOW_UP);
    WorkVariables.OUTCOME_DEADLINE.putIn(variables, OUTCOME_DEADLINE);
    WorkVariables.OUTCOME_FOLLOW_UP.putIn(variables, OUTCOME_FOLLOW_UP);
    WorkVariables.RESPONSIBLE_GROUPS.putIn(variables, responsible);
    WorkVariables.IMPLEMENTING_GROUPS.putIn(variables, contributors);
    WorkVariables.COOPERATING_GROUPS.putIn(variables, List.of());
    WorkVariables.CONTRIBUTOR_GROUPS.putIn(variables, contributors);
    WorkVariables.ITEM_GROUPS.putIn(variables, Stream.concat(responsible.stream(), contributors.stream()).toList());
    return engine.getRuntimeService().startProcessInstanceByKey(ConsultationMeetingProcess.KEY,
        "test-" + UUID.randomUUID(), variables);
  }

  private static VariableMap conveneVariables() {
    return Variables.createVariables()
        .putValue(ConsultationMeetingProcess.MEETING_DAY.name(), "2021-12-10")
        .putValue(ConsultationMeetingProcess.MEETING_PLACE.name(), "视频会议")
        .putValue(ConsultationMeetingProcess.MEETING_TOPICS.name(), "年度工作总结");
  }

  private static VariableMap minutesVariables() {
    return Variables.createVariables()
        .putValue(ConsultationMeetingProcess.HELD_ON.name(), "2021-12-10")
        .putValue(ConsultationMeetingProcess.ATTENDEES.name(), "三地河长办、青浦区、苏州市、嘉兴市")
        .putValue(ConsultationMeetingProcess.DECISIONS.name(), "形成问题清单，2022 年一季度前完成整改")
        .putValue(ConsultationMeetingProcess.MINUTES.name(), file("会议纪要.pdf", "%PDF-1.4 minutes"))
        // the annual summary meeting says whether a coordination meeting was needed (issue 12)
        .putValue(ConsultationMeetingProcess.COORDINATION_NEEDED.name(), false);
  }
}
