package cn.lianbao.document;

import cn.lianbao.plan.PlanMilestoneProcess;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static cn.lianbao.support.ProcessTests.assertDates;
import static cn.lianbao.support.ProcessTests.candidateGroups;
import static cn.lianbao.support.ProcessTests.delivered;
import static cn.lianbao.support.ProcessTests.file;
import static cn.lianbao.support.ProcessTests.historic;
import static cn.lianbao.support.ProcessTests.historicTyped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.document.OutcomeDocumentProcess.Elements;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.AgencyAnswers;
import cn.lianbao.process.InvalidInputException;
import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@LianbaoTest
class OutcomeDocumentProcessTest {

  private static final String TITLE = "太浦河饮用水水源地管理要求";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired PlanCalendar calendar;

  private Date deadline;
  private Date followUp;

  @BeforeEach
  void milestoneDates() {
    deadline = calendar.endOfDay(LocalDate.of(2021, 12, 31));
    followUp = calendar.followUp(deadline);
  }

  @Test
  void theLeadDraftsEveryContributorReviewsAndTheSignOffMeetsTheMilestone() {
    ClockUtil.setCurrentTime(calendar.endOfDay(LocalDate.of(2021, 11, 20)));
    ProcessInstance document = start(List.of("sh-eco-env"), List.of("js-eco-env", "zj-eco-env", "js-water"));

    assertThat(document).isWaitingAt(Elements.DRAFT);
    Task draft = task(document);
    assertThat(candidateGroups(engine, draft)).containsExactly("sh-eco-env");
    assertDates(draft, deadline, followUp);
    assertThat(draft.getName()).endsWith("起草成果文件");
    assertThat(draft.getDescription()).contains("《" + TITLE + "》");
    complete(draft, withVariables(
        OutcomeDocumentProcess.DRAFT_DOCUMENT.name(), file("管理要求（初稿）.pdf", "%PDF-1.4 draft"),
        OutcomeDocumentProcess.DRAFT_EXPLANATION.name(), "依据水源地保护条例研究成果起草"));

    assertThat(document).isWaitingAt(Elements.REVIEW);
    List<Task> reviews = taskQuery().processInstanceId(document.getId()).taskDefinitionKey(Elements.REVIEW).list();
    assertThat(reviews).hasSize(3);
    assertThat(reviews).extracting(task -> candidateGroups(engine, task)).containsExactlyInAnyOrder(
        List.of("js-eco-env"), List.of("zj-eco-env"), List.of("js-water"));
    reviews.forEach(task -> assertDates(task, deadline, followUp));
    assertThat(reviews).allSatisfy(review -> assertThat(review.getName()).endsWith("会签成果文件"));

    complete(review(document, "js-eco-env"), withVariables(
        OutcomeDocumentProcess.REVIEW_OPINION.name(), "建议补充江苏段取水口的准入要求",
        OutcomeDocumentProcess.REVIEW_MATERIAL.name(), file("江苏段取水口.pdf", "%PDF-1.4 js")));
    complete(review(document, "zj-eco-env"), withVariables(
        OutcomeDocumentProcess.REVIEW_OPINION.name(), "无意见"));

    Task last = review(document, "js-water");
    assertThatThrownBy(() -> engine.getTaskService().complete(last.getId(), Variables.createVariables()))
        .as("another agency's opinion does not stand for this one's")
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("reviewOpinion")
        .hasMessageContaining("必填")
        .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("reviewOpinion");
    assertThat(taskQuery().taskId(last.getId()).count()).as("the task stays open").isOne();
    complete(last, withVariables(OutcomeDocumentProcess.REVIEW_OPINION.name(), "同意"));

    assertThat(document).isWaitingAt(Elements.SIGN_OFF);
    List<Map<String, Object>> kept = OutcomeDocumentProcess.REVIEWS.find(
        engine.getRuntimeService().getVariables(document.getId())).orElseThrow();
    assertThat(kept).extracting(review -> review.get(AgencyAnswers.AGENCY_GROUP))
        .containsExactly("js-eco-env", "zj-eco-env", "js-water");
    assertThat(kept).extracting(review -> review.get(OutcomeDocumentProcess.REVIEW_OPINION.name()))
        .containsExactly("建议补充江苏段取水口的准入要求", "无意见", "同意");
    assertThat(kept.get(0)).containsEntry(AgencyAnswers.AGENCY_NAME, "江苏省生态环境厅")
        .containsEntry(OutcomeDocumentProcess.REVIEW_MATERIAL.name(), "江苏段取水口.pdf")
        .containsEntry(OutcomeDocumentProcess.REVIEW_MATERIAL.name() + AgencyAnswers.FILE_VARIABLE_SUFFIX,
            "reviewMaterial_js-eco-env");
    assertThat(kept.get(1)).doesNotContainKey(OutcomeDocumentProcess.REVIEW_MATERIAL.name());
    FileValue material = engine.getRuntimeService().getVariableTyped(document.getId(), "reviewMaterial_js-eco-env");
    assertThat(material.getFilename()).isEqualTo("江苏段取水口.pdf");
    assertThat(material.getValue()).hasContent("%PDF-1.4 js");
    assertThat(engine.getRuntimeService().getVariable(document.getId(), OutcomeDocumentProcess.REVIEW_OPINION.name()))
        .as("opinions stay with their agency's entry").isNull();

    Task signOff = task(document);
    assertThat(candidateGroups(engine, signOff)).containsExactly("sh-eco-env");
    assertDates(signOff, deadline, followUp);
    assertThat(delivered(engine, document)).as("not met before the sign-off").isNull();

    assertThatThrownBy(() -> engine.getTaskService().complete(signOff.getId(), Variables.createVariables()
            .putValue(OutcomeDocumentProcess.OPINION_HANDLING.name(), "已采纳江苏省生态环境厅意见")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("finalDocument")
        .hasMessageContaining("必填");
    assertThat(document).isWaitingAt(Elements.SIGN_OFF);
    assertThat(delivered(engine, document)).isNull();

    assertThatThrownBy(() -> engine.getTaskService().complete(signOff.getId(), Variables.createVariables()
            .putValue(OutcomeDocumentProcess.FINAL_DOCUMENT.name(), file("管理要求.pdf", "%PDF-1.4 final"))))
        .as("three agencies gave opinions: say how they were handled")
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("opinionHandling")
        .hasMessageContaining("3 家单位");
    assertThat(document).isWaitingAt(Elements.SIGN_OFF);

    complete(signOff, withVariables(
        OutcomeDocumentProcess.FINAL_DOCUMENT.name(), file("管理要求.pdf", "%PDF-1.4 final"),
        OutcomeDocumentProcess.OPINION_HANDLING.name(), "已采纳江苏省生态环境厅意见"));

    assertThat(document).as("the delivery report waits in its own job").isWaitingAt(Elements.REPORT_DELIVERY);
    execute(job(document));
    assertThat(document).hasPassed(Elements.SIGN_OFF, Elements.REPORT_DELIVERY, Elements.END).isEnded();
    assertThat(historic(engine, document, PlanMilestoneProcess.DELIVERED.name())).isEqualTo(true);
    assertThat(historic(engine, document, PlanMilestoneProcess.DAYS_OVERDUE.name())).isEqualTo(0);
    FileValue signedOff = (FileValue) historicTyped(engine, document, OutcomeDocumentProcess.FINAL_DOCUMENT.name());
    assertThat(signedOff.getFilename()).isEqualTo("管理要求.pdf");
    assertThat(signedOff.getValue()).hasContent("%PDF-1.4 final");
  }

  @Test
  void aDraftWithoutTheDocumentIsRefusedNamingTheFieldAndTheTaskStaysOpen() {
    ProcessInstance document = start(List.of("suzhou-gov"), List.of("qingpu-gov", "jiaxing-gov"));
    Task draft = task(document);

    assertThatThrownBy(() -> engine.getTaskService().complete(draft.getId(), Variables.createVariables()
            .putValue(OutcomeDocumentProcess.DRAFT_EXPLANATION.name(), "先报说明，文件后补")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("draftDocument")
        .hasMessageContaining("初稿")
        .hasMessageContaining("必填")
        .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("draftDocument");

    assertThat(document).isWaitingAt(Elements.DRAFT);
    assertThat(taskQuery().taskId(draft.getId()).count()).isOne();
    assertThat(engine.getRuntimeService().getVariable(document.getId(), OutcomeDocumentProcess.DRAFT_EXPLANATION.name()))
        .as("nothing of the refused submit is kept").isNull();
  }

  @Test
  void withoutContributorsTheDraftGoesStraightToTheCoLeadsSignOff() {
    ProcessInstance document = start(List.of("sh-eco-env", "sh-water"), List.of());
    Task draft = task(document);
    assertThat(candidateGroups(engine, draft)).containsExactlyInAnyOrder("sh-eco-env", "sh-water");
    complete(draft, withVariables(OutcomeDocumentProcess.DRAFT_DOCUMENT.name(), file("断面信息表.xlsx", "PK table")));

    assertThat(document).hasNotPassed(Elements.REVIEW).isWaitingAt(Elements.SIGN_OFF);
    Task signOff = task(document);
    assertThat(candidateGroups(engine, signOff)).containsExactlyInAnyOrder("sh-eco-env", "sh-water");
    assertDates(signOff, deadline, followUp);
    assertThat(delivered(engine, document)).isNull();

    ClockUtil.setCurrentTime(calendar.endOfDay(LocalDate.of(2022, 1, 3)));
    complete(signOff, withVariables(OutcomeDocumentProcess.FINAL_DOCUMENT.name(), file("断面信息表.xlsx", "PK final")));

    assertThat(document).as("the delivery report waits in its own job").isWaitingAt(Elements.REPORT_DELIVERY);
    execute(job(document));
    assertThat(document).hasPassed(Elements.REPORT_DELIVERY).isEnded();
    assertThat(historic(engine, document, PlanMilestoneProcess.DELIVERED.name())).isEqualTo(true);
    assertThat(historic(engine, document, PlanMilestoneProcess.DAYS_OVERDUE.name())).as("signed off three days late").isEqualTo(3);
  }

  @Test
  void theSignOffFormReadsTheOpinionsAndDownloadsTheMaterialsAsTheLeadsOfficerMay() throws Exception {
    ProcessInstance document = start(List.of("taihu-basin"), List.of("js-water"));
    complete(task(document), withVariables(OutcomeDocumentProcess.DRAFT_DOCUMENT.name(), file("调度报告（初稿）.pdf", "%PDF draft")));
    complete(task(document), withVariables(
        OutcomeDocumentProcess.REVIEW_OPINION.name(), "补充太浦闸调度数据",
        OutcomeDocumentProcess.REVIEW_MATERIAL.name(), file("太浦闸调度数据.xlsx", "PK js-water")));
    Task signOff = task(document);
    String variables = "/engine-rest/task/" + signOff.getId() + "/variables/";

    // what the form script of forms/outcome-document-sign-off.html asks for
    Http officer = Http.as(port, "taihu-basin-officer");
    HttpResponse<String> reviews = officer.get(variables + "reviews?deserializeValue=false");
    assertThat(reviews.statusCode()).isEqualTo(200);
    JsonNode list = new ObjectMapper().readTree(new ObjectMapper().readTree(reviews.body()).path("value").asText());
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("agencyName").asText()).isEqualTo("江苏省水利厅");
    assertThat(list.get(0).path("reviewOpinion").asText()).isEqualTo("补充太浦闸调度数据");
    assertThat(list.get(0).path("reviewMaterial").asText()).isEqualTo("太浦闸调度数据.xlsx");
    String material = list.get(0).path("reviewMaterialVariable").asText();
    HttpResponse<String> download = officer.get(variables + material + "/data");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo("PK js-water");

    assertThat(Http.as(port, "qingpu-gov-officer").get(variables + material + "/data").statusCode())
        .as("another agency's officer").isIn(403, 404);
  }

  private ProcessInstance start(List<String> responsible, List<String> contributors) {
    VariableMap variables = Variables.createVariables()
        .putValue(WorkVariables.PLAN_ID.name(), "2021")
        .putValue(WorkVariables.YEAR.name(), 2021)
        .putValue(WorkVariables.ITEM_NO.name(), "3")
        .putValue(WorkVariables.PART_ID.name(), "3-outcome")
        .putValue(WorkVariables.MILESTONE_TITLE.name(), "形成水源地管理要求")
        .putValue(WorkVariables.DOCUMENT_TITLE.name(), TITLE)
        .putValue(WorkVariables.DEADLINE.name(), deadline)
        .putValue(WorkVariables.FOLLOW_UP.name(), followUp)
        .putValue(WorkVariables.OUTCOME_DEADLINE.name(), deadline)
        .putValue(WorkVariables.OUTCOME_FOLLOW_UP.name(), followUp)
        .putValue(WorkVariables.RESPONSIBLE_GROUPS.name(), new ArrayList<>(responsible))
        .putValue(WorkVariables.IMPLEMENTING_GROUPS.name(), new ArrayList<String>())
        .putValue(WorkVariables.COOPERATING_GROUPS.name(), new ArrayList<>(contributors))
        .putValue(WorkVariables.CONTRIBUTOR_GROUPS.name(), new ArrayList<>(contributors))
        .putValue(WorkVariables.ITEM_GROUPS.name(), new ArrayList<>(responsible));
    return engine.getRuntimeService().startProcessInstanceByKey(OutcomeDocumentProcess.KEY,
        "test-" + UUID.randomUUID(), variables);
  }

  private Task review(ProcessInstance document, String agency) {
    return taskQuery().processInstanceId(document.getId()).taskDefinitionKey(Elements.REVIEW)
        .taskCandidateGroup(agency).singleResult();
  }
}
