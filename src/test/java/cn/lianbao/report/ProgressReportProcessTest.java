package cn.lianbao.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.lianbao.report.ProgressReportProcess.Elements;
import cn.lianbao.support.LianbaoTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import cn.lianbao.process.InvalidInputException;
import cn.lianbao.process.RefusedRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@LianbaoTest
class ProgressReportProcessTest {

  @Autowired ProcessEngine engine;

  @BeforeEach
  void useTheApplicationsEngine() {
    BpmnAwareTests.init(engine);
  }

  @Test
  void theAgencyReportsWithADocumentAndTheReportIsKept() {
    ProcessInstance report = start("qingpu-gov", 2027, 2);

    assertThat(report).isWaitingAt(Elements.SUBMIT_REPORT);
    Task task = task(report);
    assertThat(task).hasCandidateGroup("qingpu-gov").isNotAssigned();
    assertThat(task.getName()).isEqualTo("报送季度进展报告");
    assertThat(task.getDescription()).isEqualTo("【11 水葫芦防控】请报送第2季度的工作进展。");
    assertThat(task.getDueDate().toInstant()).isEqualTo(Instant.parse("2027-06-30T15:59:59Z"));
    assertThat(task.getFollowUpDate().toInstant()).isEqualTo(Instant.parse("2027-06-16T15:59:59Z"));

    FileValue document = Variables.fileValue("进展报告.pdf")
        .file(new ByteArrayInputStream("%PDF-1.4 report".getBytes(StandardCharsets.UTF_8)))
        .mimeType("application/pdf")
        .create();
    complete(task, withVariables(
        ProgressReportProcess.SUMMARY.name(), "完成第一次联合巡查",
        ProgressReportProcess.ATTACHMENT.name(), document));

    assertThat(report).hasPassed(Elements.SUBMIT_REPORT).isEnded();
    FileValue kept = engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(report.getId())
        .variableName(ProgressReportProcess.ATTACHMENT.name())
        .singleResult()
        .getTypedValue() instanceof FileValue file ? file : null;
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
        ProgressReportProcess.AGENCY.with(agency)
            .putValue(ProgressReportProcess.ITEM_TITLE.name(), "11 水葫芦防控")
            .putValue(ProgressReportProcess.YEAR.name(), year)
            .putValue(ProgressReportProcess.QUARTER.name(), quarter));
  }
}
