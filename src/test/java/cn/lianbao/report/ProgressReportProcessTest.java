package cn.lianbao.report;

import cn.lianbao.plan.PlanMilestoneProcess;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static cn.lianbao.support.ProcessTests.assertDates;
import static cn.lianbao.support.ProcessTests.file;
import static cn.lianbao.support.ProcessTests.historic;
import static cn.lianbao.support.ProcessTests.historicTyped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.InvalidInputException;
import cn.lianbao.process.RefusedRequestException;
import cn.lianbao.report.ProgressReportProcess.Elements;
import cn.lianbao.support.LianbaoTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@LianbaoTest
class ProgressReportProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired PlanCalendar calendar;

  @Test
  void theAgencyReportsWithADocumentAndTheReportIsKept() {
    ProcessInstance report = start("qingpu-gov", 2027, 2);

    assertThat(report).isWaitingAt(Elements.SUBMIT_REPORT);
    Task task = task(report);
    assertThat(task).hasCandidateGroup("qingpu-gov").isNotAssigned();
    assertThat(task.getName()).isEqualTo("报送季度进展报告");
    assertThat(task.getDescription()).as("a global listener may prefix item and agency")
        .endsWith("请报送本季度的工作进展。");
    assertDates(task, Date.from(Instant.parse("2027-06-30T15:59:59Z")),
        Date.from(Instant.parse("2027-06-16T15:59:59Z")));

    FileValue document = file("进展报告.pdf", "%PDF-1.4 report");
    complete(task, withVariables(
        ProgressReportProcess.SUMMARY.name(), "完成第一次联合巡查",
        ProgressReportProcess.ATTACHMENT.name(), document));

    assertThat(report).as("the delivery report waits in its own job").isWaitingAt(Elements.REPORT_DELIVERY);
    execute(job(report));
    assertThat(report).hasPassed(Elements.SUBMIT_REPORT, Elements.REPORT_DELIVERY).isEnded();
    assertThat(historic(engine, report, PlanMilestoneProcess.DELIVERED.name())).as("the report meets the milestone")
        .isEqualTo(true);
    FileValue kept = historicTyped(engine, report, ProgressReportProcess.ATTACHMENT.name()) instanceof FileValue file
        ? file : null;
    assertThat(kept).isNotNull();
    assertThat(kept.getFilename()).isEqualTo("进展报告.pdf");
    assertThat(kept.getValue()).hasContent("%PDF-1.4 report");
  }

  @Test
  void aReportWithoutTextIsRefusedNamingTheFieldAndTheTaskStaysOpen() {
    ProcessInstance report = start("suzhou-gov", 2027, 3);
    Task task = task(report);

    assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(),
            Variables.putValue(ProgressReportProcess.SUMMARY.name(), "   ")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("progressSummary")
        .hasMessageContaining("必填");

    assertThat(report).isWaitingAt(Elements.SUBMIT_REPORT);
    assertThat(engine.getRuntimeService().getVariable(report.getId(), ProgressReportProcess.SUMMARY.name()))
        .as("nothing of the refused submit is kept").isNull();
    assertThat(engine.getRuntimeService().getVariable(report.getId(), PlanMilestoneProcess.DELIVERED.name()))
        .as("not delivered before the report").isNull();
  }

  @Test
  void theTaskGoesOnlyToMembersOfTheAgency() {
    ProcessInstance report = start("jiaxing-gov", 2027, 4);
    Task task = task(report);

    assertThatThrownBy(() -> engine.getTaskService().setAssignee(task.getId(), "qingpu-gov-officer"))
        .isInstanceOf(RefusedRequestException.class)
        .hasMessageContaining("qingpu-gov-officer")
        .hasMessageContaining("jiaxing-gov");
    assertThat(task(report)).isNotAssigned();

    engine.getTaskService().setAssignee(task.getId(), "jiaxing-gov-officer");
    assertThat(task(report)).isAssignedTo("jiaxing-gov-officer");
  }

  private ProcessInstance start(String agency, int year, int quarter) {
    return engine.getRuntimeService().startProcessInstanceByKey(ProgressReportProcess.KEY,
        "test-" + UUID.randomUUID(),
        WorkVariables.RESPONSIBLE_GROUPS.with(new ArrayList<>(List.of(agency)))
            .putValue(WorkVariables.YEAR.name(), year)
            .putValue(WorkVariables.ITEM_NO.name(), "11")
            .putValue(WorkVariables.MILESTONE_TITLE.name(), "第" + quarter + "季度进展报告")
            .putValue(WorkVariables.DEADLINE.name(), calendar.quarterEnd(year, quarter))
            .putValue(WorkVariables.FOLLOW_UP.name(), calendar.quarterFollowUp(year, quarter)));
  }
}
