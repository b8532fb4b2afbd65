package cn.lianbao.hyacinth;

import static cn.lianbao.support.ProcessTests.candidateGroups;
import static cn.lianbao.support.ProcessTests.historic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.escalation.Escalation;
import cn.lianbao.plan.AnnualPlanProcess;
import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.InvalidInputException;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 示范区重大活动保障 (item 11): a supervisor names a major event of a started plan year and a milestone of
 * item 11 runs the hyacinth campaign, due the eve of the event. Plan years 2060 and 2073–2087 (the brief's 2131–2140 lie beyond the last plan year, 2100).
 */
@LianbaoTest
class EventCampaignTest {

  private static final List<String> OFFICES = List.of("sh-river-chief-office", "js-river-chief-office",
      "zj-river-chief-office");

  @Autowired ProcessEngine engine;
  @Autowired PlanCalendar calendar;
  @Autowired PlatformTransactionManager transactions;

  @AfterEach
  void noOneLoggedIn() {
    engine.getIdentityService().clearAuthentication();
  }

  @Test
  void aSupervisorStartsAMilestoneOfItem11DueTheEveOfTheEvent() {
    startYear(2073);
    ClockUtil.setCurrentTime(PlanDriver.at(LocalDate.of(2073, 3, 1), 9));

    ProcessInstance campaign = startAs("supervisor", "supervisors", 2073, "长三角一体化发展高层论坛", "2073-06-20");

    assertThat(campaign.getBusinessKey()).isEqualTo("2073-11-event-1");
    ProcessInstance milestone = milestone("2073-11-event-1");
    Date eve = PlanDriver.endOfDay(2073, 6, 19);
    assertThat(engine.getRuntimeService().getVariable(milestone.getId(), WorkVariables.DEADLINE.name())).isEqualTo(eve);
    assertThat((String) engine.getRuntimeService().getVariable(milestone.getId(), WorkVariables.MILESTONE_TITLE.name()))
        .contains("长三角一体化发展高层论坛").doesNotContain("进博会");
    assertThat(engine.getRuntimeService().getVariable(milestone.getId(), WorkVariables.ITEM_NO.name())).isEqualTo("11");

    // item 11's implementing agencies survey 42 days, its lead plans 21 days before the eve
    List<Task> surveys = tasks(milestone, HyacinthCampaignProcess.Elements.SURVEY);
    assertThat(surveys).extracting(task -> candidateGroups(engine, task)).containsExactlyInAnyOrder(
        List.of("sh-river-chief-office"), List.of("js-river-chief-office"), List.of("zj-river-chief-office"));
    assertThat(surveys).allSatisfy(task -> assertThat(task.getDueDate()).isEqualTo(PlanDriver.endOfDay(2073, 5, 8)));
    // the tasks name item 11 and their agency; the description names the event, not the Expo
    assertThat(surveys).allSatisfy(task -> {
      assertThat(task.getName()).startsWith("【11 ").endsWith(" · 调研检查辖区水域");
      // (the item's requirement, quoted from the plan, still names the Expo; the milestone does not)
      assertThat(task.getDescription().lines().findFirst().orElseThrow())
          .contains("【节点】示范区重大活动保障：长三角一体化发展高层论坛", "截止 2073年6月19日").doesNotContain("进博会");
    });
    assertThat((String) historic(engine, campaign, EventCampaignProcess.STEP_DEADLINES_NOTE.name()))
        .contains("截止日前 42 天");
    completeSurveys(milestone, "2073-03-01");
    Task plan = tasks(milestone, HyacinthCampaignProcess.Elements.DRAFT_ACTION_PLAN).get(0);
    assertThat(candidateGroups(engine, plan)).containsExactly("taihu-basin");
    assertThat(plan.getDueDate()).isEqualTo(PlanDriver.endOfDay(2073, 5, 29));

    ProcessInstance second = startAs("supervisor", "supervisors", 2073, "第二项活动", "2073-10-01");
    assertThat(second.getBusinessKey()).as("one key per event").isEqualTo("2073-11-event-2");
    assertThat(milestone("2073-11-event-2")).isNotNull();
  }

  @Test
  void aNearEventSharesTheTimeLeftInThreeAndRecordsIt() {
    startYear(2074);
    ClockUtil.setCurrentTime(PlanDriver.at(LocalDate.of(2074, 5, 1), 9));

    ProcessInstance campaign = startAs("admin", "camunda-admin", 2074, "示范区开发者大会", "2074-05-31");

    ProcessInstance milestone = milestone(campaign.getBusinessKey());
    // 29 days from 05-01 to the eve 05-30: survey after a third, action plan after two thirds
    assertThat(tasks(milestone, HyacinthCampaignProcess.Elements.SURVEY))
        .allSatisfy(task -> assertThat(task.getDueDate()).isEqualTo(PlanDriver.endOfDay(2074, 5, 10)));
    assertThat((String) historic(engine, campaign, EventCampaignProcess.STEP_DEADLINES_NOTE.name()))
        .contains("三等分", "2074年5月10日", "2074年5月20日");
    completeSurveys(milestone, "2074-05-01");
    assertThat(tasks(milestone, HyacinthCampaignProcess.Elements.DRAFT_ACTION_PLAN).get(0).getDueDate())
        .isEqualTo(PlanDriver.endOfDay(2074, 5, 20));
  }

  @Test
  void anUnstartedYearAPastOrOtherYearsDateAndABlankOrLongNameAreRefusedInChinese() {
    startYear(2075);
    ClockUtil.setCurrentTime(PlanDriver.at(LocalDate.of(2075, 4, 1), 9));

    assertRefused(2086, "活动", "2086-06-01", "year", "2086 年的年度计划尚未启动");
    assertRefused(2075, "活动", "2075-03-31", "eventDate", "须晚于今天");
    assertRefused(2075, "活动", "2075-04-01", "eventDate", "须晚于今天");
    assertRefused(2075, "活动", "2086-01-05", "eventDate", "2075 年内");
    assertRefused(2075, "活动", "六月一日", "eventDate", "yyyy-MM-dd");
    assertRefused(2075, "  ", "2075-06-01", "eventName", "必填");
    assertRefused(2075, "活".repeat(61), "2075-06-01", "eventName", "不能超过 60 字");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(EventCampaignProcess.KEY).processInstanceBusinessKeyLike("208%-11-event-%").list())
        .extracting(instance -> instance.getBusinessKey()).noneMatch(key -> key.startsWith("2075") || key.startsWith("2086"));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKeyLike("2075-11-event-%").count()).as("nothing started").isZero();
  }

  @Test
  void officersAndLeadersCannotStartIt() {
    startYear(2086);
    ClockUtil.setCurrentTime(PlanDriver.at(LocalDate.of(2086, 4, 1), 9));

    assertThatThrownBy(() -> startAs("taihu-basin-officer", "taihu-basin", 2086, "活动", "2086-06-01"))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> startAs("taihu-basin-leader", "taihu-basin-leaders", 2086, "活动", "2086-06-01"))
        .isInstanceOf(AuthorizationException.class);
    engine.getIdentityService().clearAuthentication();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKeyLike("2086-11-event-%").count()).isZero();
  }

  @Test
  void aLateCampaignEscalatesLikeAnyMilestone() {
    startYear(2087);
    ClockUtil.setCurrentTime(PlanDriver.at(LocalDate.of(2087, 6, 1), 9));
    ProcessInstance campaign = startAs("supervisor", "supervisors", 2087, "示范区水乡客厅开放活动", "2087-09-10");
    ProcessInstance milestone = milestone(campaign.getBusinessKey());

    ClockUtil.setCurrentTime(new Date(PlanDriver.endOfDay(2087, 9, 9).getTime() + 60_000));
    fireDueTimers(milestone);

    assertThat(historic(engine, milestone, PlanMilestoneProcess.OVERDUE.name())).isEqualTo(true);
    assertThat(historic(engine, milestone, PlanMilestoneProcess.ESCALATION_LEVEL.name())).isEqualTo(1);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(milestone.getId())
        .taskDefinitionKey(Escalation.Elements.EXPLAIN_DELAY).count()).isPositive();
  }

  @Test
  void twoCampaignsStartedAtTheSameMomentGetNumbersOneAfterTheOther() throws Exception {
    startYear(2060);
    ClockUtil.setCurrentTime(PlanDriver.at(LocalDate.of(2060, 3, 1), 9));

    // the first supervisor's start has counted the year's event milestones and not yet committed when the
    // second supervisor's start counts them
    FutureTask<String> second = new FutureTask<>(
        () -> startAs("supervisor", "supervisors", 2060, "第二项活动", "2060-07-01").getBusinessKey());
    Thread secondRequest = new Thread(second, "second-supervisor");
    String first = new TransactionTemplate(transactions).execute(status -> {
      String key = startAs("supervisor", "supervisors", 2060, "第一项活动", "2060-06-01").getBusinessKey();
      secondRequest.start();
      awaitDoneOrAtTheYearsRecord(second, secondRequest);
      return key;
    });

    assertThat(List.of(first, second.get(60, TimeUnit.SECONDS)))
        .as("two events, two milestones").containsExactly("2060-11-event-1", "2060-11-event-2");
    assertThat(milestone("2060-11-event-1")).isNotNull();
    assertThat(milestone("2060-11-event-2")).isNotNull();
  }

  /**
   * Until the second start has finished (it did not wait for the first: the numbers it counted are the
   * ones the first's did) or stands at the year's record, which the first holds until it commits.
   */
  private static void awaitDoneOrAtTheYearsRecord(FutureTask<String> start, Thread thread) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!start.isDone() && Arrays.stream(thread.getStackTrace())
        .noneMatch(frame -> frame.getMethodName().equals("holdYear"))) {
      assertThat(System.nanoTime()).as("the second start neither ended nor reached the year's record").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  /** The year's plan runs (its items wait in their jobs): the year is a started plan year. */
  private void startYear(int year) {
    ClockUtil.setCurrentTime(PlanDriver.at(LocalDate.of(year, 1, 4), 9));
    engine.getRuntimeService().startProcessInstanceByKey(AnnualPlanProcess.KEY, String.valueOf(year),
        Variables.createVariables().putValue(AnnualPlanProcess.PLAN_ID.name(), "2021")
            .putValue(AnnualPlanProcess.YEAR.name(), year));
  }

  private ProcessInstance startAs(String user, String group, int year, String eventName, String eventDate) {
    String definition = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(EventCampaignProcess.KEY).latestVersion().singleResult().getId();
    engine.getIdentityService().setAuthentication(user, List.of(group));
    try {
      return engine.getFormService().submitStartForm(definition, Map.of(
          EventCampaignProcess.YEAR.name(), year,
          EventCampaignProcess.EVENT_NAME.name(), eventName,
          EventCampaignProcess.EVENT_DATE.name(), eventDate));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private void assertRefused(int year, String name, String date, String field, String message) {
    assertThatThrownBy(() -> startAs("supervisor", "supervisors", year, name, date))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((InvalidInputException) e).field()).isEqualTo(field);
  }

  private ProcessInstance milestone(String key) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PlanMilestoneProcess.KEY)
        .processInstanceBusinessKey(key).singleResult();
  }

  /** The tasks of the milestone's hyacinth campaign at the element. */
  private List<Task> tasks(ProcessInstance milestone, String element) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(milestone.getBusinessKey())
        .processDefinitionKey(HyacinthCampaignProcess.KEY).taskDefinitionKey(element).list();
  }

  private void completeSurveys(ProcessInstance milestone, String day) {
    for (Task survey : tasks(milestone, HyacinthCampaignProcess.Elements.SURVEY)) {
      engine.getTaskService().complete(survey.getId(), Variables.createVariables()
          .putValue(HyacinthCampaignProcess.SURVEY_DATE.name(), day)
          .putValue(HyacinthCampaignProcess.WATERS_SURVEYED.name(), "太浦河")
          .putValue(HyacinthCampaignProcess.HYACINTH_SITUATION.name(), "未发现"));
    }
  }

  /** Executes the milestone's timers that are due, until none is. */
  private void fireDueTimers(ProcessInstance milestone) {
    while (true) {
      List<Job> due = engine.getManagementService().createJobQuery().processInstanceId(milestone.getId()).timers()
          .duedateLowerThen(ClockUtil.getCurrentTime()).list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }
}
