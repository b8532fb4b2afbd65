package cn.lianbao.hyacinth;

import cn.lianbao.plan.PlanMilestoneProcess;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static cn.lianbao.support.ProcessTests.assertDates;
import static cn.lianbao.support.ProcessTests.candidateGroups;
import static cn.lianbao.support.ProcessTests.delivered;
import static cn.lianbao.support.ProcessTests.file;
import static cn.lianbao.support.ProcessTests.historic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.hyacinth.HyacinthCampaignProcess.Elements;
import cn.lianbao.plan.Milestone;
import cn.lianbao.plan.PlanCatalog;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.AgencyAnswers;
import cn.lianbao.process.InvalidInputException;
import cn.lianbao.support.LianbaoTest;
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
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@LianbaoTest
class HyacinthCampaignProcessTest {

  private static final List<String> OFFICES = List.of("sh-river-chief-office", "js-river-chief-office",
      "zj-river-chief-office");

  @Autowired ProcessEngine engine;
  @Autowired PlanCalendar calendar;
  @Autowired PlanCatalog plans;

  private Date deadline;
  private Date followUp;
  private Date surveyDue;
  private Date planDue;

  @BeforeEach
  void campaignDates() {
    // the campaign is in force before the Import Expo opens on 2021-11-05
    deadline = calendar.endOfDay(LocalDate.of(2021, 11, 4));
    followUp = calendar.followUp(deadline);
    // the reading recorded with the milestone in plan-2021.yml: survey six weeks, action plan three weeks
    // before the Expo's eve, leaving three weeks to put the campaign in force
    surveyDue = calendar.endOfDay(LocalDate.of(2021, 9, 23));
    planDue = calendar.endOfDay(LocalDate.of(2021, 10, 14));
    ClockUtil.setCurrentTime(calendar.endOfDay(LocalDate.of(2021, 9, 20)));
  }

  @Test
  void everyOfficeSurveysTheLeadPlansEveryOfficeActsAndTheConfirmationMeetsTheMilestone() {
    ProcessInstance campaign = start(OFFICES);

    assertThat(campaign).isWaitingAt(Elements.SURVEY);
    List<Task> surveys = tasks(campaign, Elements.SURVEY);
    assertThat(surveys).extracting(task -> candidateGroups(engine, task)).containsExactlyInAnyOrder(
        List.of("sh-river-chief-office"), List.of("js-river-chief-office"), List.of("zj-river-chief-office"));
    surveys.forEach(task -> assertDates(task, surveyDue, calendar.followUp(surveyDue)));
    assertThat(surveys).allSatisfy(survey -> assertThat(survey.getName()).endsWith("调研检查辖区水域"));

    complete(agencyTask(campaign, "sh-river-chief-office", Elements.SURVEY), withVariables(
        HyacinthCampaignProcess.SURVEY_DATE.name(), "2021-09-15",
        HyacinthCampaignProcess.WATERS_SURVEYED.name(), "太浦河、淀山湖",
        HyacinthCampaignProcess.HYACINTH_SITUATION.name(), "淀山湖西岸零星分布，约 2 亩",
        HyacinthCampaignProcess.SURVEY_RECORD.name(), file("淀山湖现场.jpg", "JPEG photo", null)));

    Task jiangsu = agencyTask(campaign, "js-river-chief-office", Elements.SURVEY);
    assertThatThrownBy(() -> engine.getTaskService().complete(jiangsu.getId(), Variables.createVariables()
            .putValue(HyacinthCampaignProcess.SURVEY_DATE.name(), "2021-09-16")
            .putValue(HyacinthCampaignProcess.WATERS_SURVEYED.name(), "太浦河（吴江段）、元荡")))
        .as("Shanghai's situation does not stand for Jiangsu's")
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("hyacinthSituation")
        .hasMessageContaining("必填")
        .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("hyacinthSituation");
    assertThatThrownBy(() -> engine.getTaskService().complete(jiangsu.getId(), Variables.createVariables()
            .putValue(HyacinthCampaignProcess.SURVEY_DATE.name(), "2021-09-25")
            .putValue(HyacinthCampaignProcess.WATERS_SURVEYED.name(), "太浦河（吴江段）、元荡")
            .putValue(HyacinthCampaignProcess.HYACINTH_SITUATION.name(), "元荡未发现")))
        .as("a survey is not dated in the future")
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("surveyDate")
        .hasMessageContaining("不能晚于今天")
        .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("surveyDate");
    assertThat(taskQuery().taskId(jiangsu.getId()).count()).as("the task stays open").isOne();
    complete(jiangsu, withVariables(
        HyacinthCampaignProcess.SURVEY_DATE.name(), "2021-09-16",
        HyacinthCampaignProcess.WATERS_SURVEYED.name(), "太浦河（吴江段）、元荡",
        HyacinthCampaignProcess.HYACINTH_SITUATION.name(), "元荡未发现"));
    complete(agencyTask(campaign, "zj-river-chief-office", Elements.SURVEY), withVariables(
        HyacinthCampaignProcess.SURVEY_DATE.name(), "2021-09-17",
        HyacinthCampaignProcess.WATERS_SURVEYED.name(), "太浦河（嘉善段）、汾湖",
        HyacinthCampaignProcess.HYACINTH_SITUATION.name(), "汾湖北岸成片，约 10 亩"));

    assertThat(campaign).isWaitingAt(Elements.DRAFT_ACTION_PLAN);
    List<Map<String, Object>> kept = HyacinthCampaignProcess.SURVEYS.find(variables(campaign)).orElseThrow();
    assertThat(kept).extracting(survey -> survey.get(AgencyAnswers.AGENCY_GROUP))
        .containsExactly("sh-river-chief-office", "js-river-chief-office", "zj-river-chief-office");
    assertThat(kept).extracting(survey -> survey.get(HyacinthCampaignProcess.SURVEY_DATE.name()))
        .containsExactly("2021-09-15", "2021-09-16", "2021-09-17");
    assertThat(kept.get(0)).containsEntry(AgencyAnswers.AGENCY_NAME, "上海市河长制办公室")
        .containsEntry(HyacinthCampaignProcess.SURVEY_RECORD.name(), "淀山湖现场.jpg");
    FileValue photo = engine.getRuntimeService().getVariableTyped(campaign.getId(),
        AgencyAnswers.fileVariable(HyacinthCampaignProcess.SURVEY_RECORD, "sh-river-chief-office"));
    assertThat(photo.getValue()).hasContent("JPEG photo");

    Task plan = task(campaign);
    assertThat(candidateGroups(engine, plan)).containsExactly("taihu-basin");
    assertDates(plan, planDue, calendar.followUp(planDue));
    assertThatThrownBy(() -> engine.getTaskService().complete(plan.getId(), Variables.createVariables()
            .putValue(HyacinthCampaignProcess.SURVEY_SUMMARY.name(), "汾湖、淀山湖有水葫芦")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("actionPlan")
        .hasMessageContaining("必填")
        .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("actionPlan");
    assertThat(campaign).isWaitingAt(Elements.DRAFT_ACTION_PLAN);
    assertThat(engine.getRuntimeService().getVariable(campaign.getId(), HyacinthCampaignProcess.SURVEY_SUMMARY.name()))
        .as("nothing of the refused submit is kept").isNull();
    complete(plan, withVariables(
        HyacinthCampaignProcess.SURVEY_SUMMARY.name(), "汾湖、淀山湖有水葫芦，须在进博会前清剿",
        HyacinthCampaignProcess.ACTION_PLAN.name(), file("清剿水葫芦美化水环境联合专项整治行动方案.docx", "PK plan", null)));

    assertThat(campaign).isWaitingAt(Elements.CARRY_OUT);
    List<Task> carryOuts = tasks(campaign, Elements.CARRY_OUT);
    assertThat(carryOuts).extracting(task -> candidateGroups(engine, task)).containsExactlyInAnyOrder(
        List.of("sh-river-chief-office"), List.of("js-river-chief-office"), List.of("zj-river-chief-office"));
    carryOuts.forEach(task -> assertDates(task, deadline, followUp));

    Task zhejiang = agencyTask(campaign, "zj-river-chief-office", Elements.CARRY_OUT);
    assertThatThrownBy(() -> engine.getTaskService().complete(zhejiang.getId(), Variables.createVariables()
            .putValue(HyacinthCampaignProcess.CAMPAIGN_MEASURES.name(), "增派打捞船 6 艘")
            .putValue(HyacinthCampaignProcess.CLEARANCE_AMOUNT.name(), "约 800 吨")
            .putValue(HyacinthCampaignProcess.IN_FORCE_FROM.name(), "10月20日")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("campaignInForceFrom")
        .hasMessageContaining("yyyy-MM-dd");
    assertThat(taskQuery().taskId(zhejiang.getId()).count()).isOne();
    for (String office : OFFICES) {
      complete(agencyTask(campaign, office, Elements.CARRY_OUT), withVariables(
          HyacinthCampaignProcess.CAMPAIGN_MEASURES.name(), "增派打捞船，设置拦截网",
          HyacinthCampaignProcess.CLEARANCE_AMOUNT.name(), "约 800 吨",
          HyacinthCampaignProcess.IN_FORCE_FROM.name(), "2021-10-20"));
    }

    assertThat(campaign).isWaitingAt(Elements.CONFIRM);
    assertThat(HyacinthCampaignProcess.CAMPAIGNS.find(variables(campaign)).orElseThrow())
        .extracting(report -> report.get(HyacinthCampaignProcess.IN_FORCE_FROM.name()))
        .containsExactly("2021-10-20", "2021-10-20", "2021-10-20");
    Task confirm = task(campaign);
    assertThat(candidateGroups(engine, confirm)).containsExactly("taihu-basin");
    assertDates(confirm, deadline, followUp);
    assertThat(delivered(engine, campaign)).as("not met before the confirmation").isNull();
    assertThatThrownBy(() -> engine.getTaskService().complete(confirm.getId(), Variables.createVariables()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("confirmationNote");
    assertThat(delivered(engine, campaign)).isNull();

    ClockUtil.setCurrentTime(calendar.endOfDay(LocalDate.of(2021, 10, 28)));
    complete(confirm, withVariables(HyacinthCampaignProcess.CONFIRMATION_NOTE.name(), "经联合检查，三地均已落实到位"));

    assertThat(campaign).as("the delivery report waits in its own job").isWaitingAt(Elements.REPORT_DELIVERY);
    execute(job(campaign));
    assertThat(campaign).hasPassed(Elements.CONFIRM, Elements.REPORT_DELIVERY, Elements.END).isEnded();
    assertThat(historic(engine, campaign, PlanMilestoneProcess.DELIVERED.name())).isEqualTo(true);
    assertThat(historic(engine, campaign, PlanMilestoneProcess.DAYS_OVERDUE.name())).isEqualTo(0);
  }

  @Test
  void theSurveyAndThePlanFallDueEarlierSoTheCampaignCanBeInForceByTheExposEve() {
    ProcessInstance campaign = start(OFFICES);

    List<Task> surveys = tasks(campaign, Elements.SURVEY);
    assertThat(surveys).hasSize(3).allSatisfy(survey -> {
      assertThat(survey.getDueDate()).as("survey: 42 days before the Expo's eve").isEqualTo(surveyDue);
      assertThat(survey.getFollowUpDate()).isEqualTo(calendar.followUp(surveyDue));
    });
    for (String office : OFFICES) {
      complete(agencyTask(campaign, office, Elements.SURVEY), withVariables(
          HyacinthCampaignProcess.SURVEY_DATE.name(), "2021-09-15",
          HyacinthCampaignProcess.WATERS_SURVEYED.name(), "太浦河",
          HyacinthCampaignProcess.HYACINTH_SITUATION.name(), "未发现"));
    }
    Task plan = task(campaign);
    assertThat(plan.getDueDate()).as("action plan: 21 days before the Expo's eve").isEqualTo(planDue);
    assertThat(plan.getFollowUpDate()).isEqualTo(calendar.followUp(planDue));
    complete(plan, withVariables(
        HyacinthCampaignProcess.SURVEY_SUMMARY.name(), "汾湖有水葫芦",
        HyacinthCampaignProcess.ACTION_PLAN.name(), file("行动方案.pdf", "%PDF-1.4 plan", null)));
    List<Task> carryOuts = tasks(campaign, Elements.CARRY_OUT);
    assertThat(carryOuts).hasSize(3).allSatisfy(carryOut ->
        assertThat(carryOut.getDueDate()).as("the campaign is in force by the Expo's eve").isEqualTo(deadline));

    List<Date> chosen = List.of(surveyDue, calendar.followUp(surveyDue), planDue, calendar.followUp(planDue));
    assertThat(chosen).allSatisfy(date -> assertThat(date).isBefore(deadline));
    assertThat(surveyDue).isBefore(planDue);
    assertThat(calendar.dayOf(planDue).plusWeeks(3)).as("three weeks left to carry out the campaign")
        .isEqualTo(calendar.dayOf(deadline));
  }

  @Test
  void theEarlierDueDatesAreTheOnesRecordedAsTheMilestonesReading() {
    Milestone expo = plans.get("2021").item("11").orElseThrow().milestones().stream()
        .filter(milestone -> milestone.work().equals(HyacinthCampaignProcess.KEY)).findFirst().orElseThrow();
    assertThat(expo.day(2021)).as("the Expo's eve").isEqualTo(LocalDate.of(2021, 11, 4));
    assertThat(expo.reading()).contains("截止日前42天", "截止日前21天");

    String definition = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(HyacinthCampaignProcess.KEY).latestVersion().singleResult().getId();
    BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(definition);
    assertThat(((UserTask) model.getModelElementById(Elements.SURVEY)).getCamundaDueDate())
        .isEqualTo("${planCalendar.stepDeadlines(opensAt, deadline, 42, 21)[0]}");
    assertThat(((UserTask) model.getModelElementById(Elements.DRAFT_ACTION_PLAN)).getCamundaDueDate())
        .isEqualTo("${planCalendar.stepDeadlines(opensAt, deadline, 42, 21)[1]}");
    assertThat(calendar.dayOf(surveyDue)).isEqualTo(expo.day(2021).minusDays(42));
    assertThat(calendar.dayOf(planDue)).isEqualTo(expo.day(2021).minusDays(21));
  }

  @Test
  void withoutImplementingAgenciesTheLeadPlansAndConfirmsAlone() {
    ProcessInstance campaign = start(List.of());

    assertThat(campaign).hasNotPassed(Elements.SURVEY).isWaitingAt(Elements.DRAFT_ACTION_PLAN);
    complete(task(campaign), withVariables(
        HyacinthCampaignProcess.SURVEY_SUMMARY.name(), "太湖局自行调研",
        HyacinthCampaignProcess.ACTION_PLAN.name(), file("行动方案.pdf", "%PDF-1.4 plan", null)));

    assertThat(campaign).hasNotPassed(Elements.CARRY_OUT).isWaitingAt(Elements.CONFIRM);
    Task confirm = task(campaign);
    assertThat(candidateGroups(engine, confirm)).containsExactly("taihu-basin");
    assertThat(delivered(engine, campaign)).isNull();
    complete(confirm, withVariables(HyacinthCampaignProcess.CONFIRMATION_NOTE.name(), "已落实"));

    assertThat(campaign).as("the delivery report waits in its own job").isWaitingAt(Elements.REPORT_DELIVERY);
    execute(job(campaign));
    assertThat(campaign).hasPassed(Elements.REPORT_DELIVERY).isEnded();
    assertThat(historic(engine, campaign, PlanMilestoneProcess.DELIVERED.name())).isEqualTo(true);
  }

  private ProcessInstance start(List<String> implementing) {
    VariableMap variables = Variables.createVariables()
        .putValue(WorkVariables.PLAN_ID.name(), "2021")
        .putValue(WorkVariables.YEAR.name(), 2021)
        .putValue(WorkVariables.ITEM_NO.name(), "11")
        .putValue(WorkVariables.PART_ID.name(), "test-campaign")
        .putValue(WorkVariables.MILESTONE_TITLE.name(), "联合调研检查，编制专项整治行动方案，进博会开幕前落实专项整治行动")
        .putValue(WorkVariables.DOCUMENT_TITLE.name(), null)
        .putValue(WorkVariables.DEADLINE.name(), deadline)
        .putValue(WorkVariables.FOLLOW_UP.name(), followUp)
        .putValue(WorkVariables.OUTCOME_DEADLINE.name(), calendar.endOfDay(LocalDate.of(2021, 12, 31)))
        .putValue(WorkVariables.OUTCOME_FOLLOW_UP.name(), calendar.followUp(calendar.endOfDay(LocalDate.of(2021, 12, 31))))
        .putValue(WorkVariables.RESPONSIBLE_GROUPS.name(), new ArrayList<>(List.of("taihu-basin")))
        .putValue(WorkVariables.IMPLEMENTING_GROUPS.name(), new ArrayList<>(implementing))
        .putValue(WorkVariables.COOPERATING_GROUPS.name(), new ArrayList<String>())
        .putValue(WorkVariables.CONTRIBUTOR_GROUPS.name(), new ArrayList<>(implementing))
        .putValue(WorkVariables.ITEM_GROUPS.name(), new ArrayList<>(List.of("taihu-basin")))
        .putValue(WorkVariables.OPENS_AT.name(), ClockUtil.getCurrentTime());
    return engine.getRuntimeService().startProcessInstanceByKey(HyacinthCampaignProcess.KEY,
        "test-" + UUID.randomUUID(), variables);
  }

  private List<Task> tasks(ProcessInstance campaign, String element) {
    return taskQuery().processInstanceId(campaign.getId()).taskDefinitionKey(element).list();
  }

  private Task agencyTask(ProcessInstance campaign, String agency, String element) {
    return taskQuery().processInstanceId(campaign.getId()).taskDefinitionKey(element)
        .taskCandidateGroup(agency).singleResult();
  }

  private Map<String, Object> variables(ProcessInstance campaign) {
    return engine.getRuntimeService().getVariables(campaign.getId());
  }
}
