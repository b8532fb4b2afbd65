package cn.lianbao.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.process.InvalidInputException;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import cn.lianbao.support.ProcessTests;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The coordination meeting held with item 1's annual summary meeting (issue 12): its minutes task
 * asks whether one was needed and held and for its minutes, and refuses inconsistent answers;
 * other meetings are not asked. Plan years 2084–2085 (the brief's 2121–2130 lie beyond the engine's date range, 2000–2100).
 */
@LianbaoTest
class CoordinationMeetingTest {

  @Autowired ProcessEngine engine;

  @Test
  void theSummaryMeetingRecordsTheCoordinationMeetingConsistently() {
    int year = 2084;
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 10, 8), 9));
    ProcessInstance summary = milestone(year, "1", "summary-meeting");
    Task minutes = minutesTask(driver, summary);
    assertThat(engine.getTaskService().getVariableLocal(minutes.getId(),
        ConsultationMeetingProcess.COORDINATION_MEETING.name())).isEqualTo(true);

    assertRefused(minutes, answers(driver, minutes).putValue("coordinationNeeded", null), "是否需要召开协调会议");
    assertRefused(minutes, answers(driver, minutes).putValue("coordinationHeld", false)
        .putValue("coordinationReason", " "), "未同步召开");
    assertRefused(minutes, answers(driver, minutes).putValue("coordinationHeld", true)
        .putValue("coordinationMinutes", null), "协调会议纪要");
    assertRefused(minutes, answers(driver, minutes).putValue("coordinationNeeded", false), "不需要召开协调会议");

    engine.getTaskService().complete(minutes.getId(), answers(driver, minutes).putValue("coordinationHeld", false)
        .putValue("coordinationReason", "问题涉及省级事权，拟于次年一季度另行召开").putValue("coordinationMinutes", null));
    ProcessTests.runAsyncJobs(engine);
    assertThat(summary).isEnded();
  }

  @Test
  void aMeetingWithoutCoordinationIsNotAsked() {
    int year = 2085;
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 10, 8), 9));
    ProcessInstance seminar = milestone(year, "7", "seminar");
    Task minutes = minutesTask(driver, seminar);
    assertThat(engine.getTaskService().getVariableLocal(minutes.getId(),
        ConsultationMeetingProcess.COORDINATION_MEETING.name())).isEqualTo(false);
    VariableMap answers = driver.plausibleValues(minutes);
    answers.remove("coordinationNeeded");
    answers.remove("coordinationHeld");
    answers.remove("coordinationReason");
    answers.remove("coordinationMinutes");
    engine.getTaskService().complete(minutes.getId(), answers);
    ProcessTests.runAsyncJobs(engine);
    assertThat(seminar).isEnded();
  }

  /** Plausible minutes with a coordination meeting needed and held, its minutes uploaded. */
  private static VariableMap answers(PlanDriver driver, Task minutes) {
    return driver.plausibleValues(minutes).putValue("coordinationNeeded", true).putValue("coordinationHeld", true)
        .putValue("coordinationReason", null)
        .putValue("coordinationMinutes", ProcessTests.file("协调会议纪要.pdf", "%PDF-1.4 协调", "application/pdf"));
  }

  private void assertRefused(Task minutes, VariableMap answers, String message) {
    assertThatThrownBy(() -> engine.getTaskService().complete(minutes.getId(), answers))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
    assertThat(engine.getTaskService().createTaskQuery().taskId(minutes.getId()).count()).isEqualTo(1);
  }

  /** Convenes the meeting and lets the other agencies answer; the lead's minutes task. */
  private Task minutesTask(PlanDriver driver, ProcessInstance milestone) {
    for (int round = 0; round < 10; round++) {
      Task minutes = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(milestone.getBusinessKey())
          .taskDefinitionKey(ConsultationMeetingProcess.Elements.RECORD_MINUTES).singleResult();
      if (minutes != null) {
        return minutes;
      }
      engine.getTaskService().createTaskQuery().processInstanceBusinessKey(milestone.getBusinessKey())
          .taskDefinitionKeyIn(ConsultationMeetingProcess.Elements.CONVENE_MEETING,
              ConsultationMeetingProcess.Elements.SUBMIT_MEETING_INPUT)
          .list().forEach(driver::complete);
    }
    throw new AssertionError("no minutes task");
  }

  private ProcessInstance milestone(int year, String itemNo, String partId) {
    String key = year + "-" + itemNo + "-" + partId;
    engine.getRuntimeService().startProcessInstanceByKey(PlanMilestoneProcess.KEY, key,
        Map.of("planId", "2021", "year", year, "itemNo", itemNo, "partId", partId));
    ProcessTests.runAsyncJobs(engine);
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PlanMilestoneProcess.KEY)
        .processInstanceBusinessKey(key).singleResult();
  }
}
