package cn.lianbao.escalation;

import static cn.lianbao.support.ProcessTests.candidateGroups;
import static cn.lianbao.support.ProcessTests.historic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.notice.NoticeOutbox;
import cn.lianbao.notice.NoticeStep;
import cn.lianbao.patrol.JointPatrolProcess;
import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.report.ProgressReportProcess;
import cn.lianbao.process.InvalidInputException;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import cn.lianbao.support.ProcessTests;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The escalation ladder of a milestone, driven with the engine clock: Suzhou's part of item 4a
 * (the outfall list, due 15 September so that Suzhou can merge the cities' lists by the end of Q3; guided by the Executive Committee, the basin authorities
 * and the eco-environment agencies). Each test takes a year of its own.
 */
@LianbaoTest
class EscalationLadderTest {

  static final String OUTFALLS = "outfall-list:";

  @Autowired ProcessEngine engine;
  @Autowired PlatformTransactionManager transactions;
  @Autowired NoticeOutbox outbox;
  @Autowired PlanCalendar calendar;

  @Test
  void anOnTimeMilestoneIsRemindedButNeverEscalates() {
    int year = 2051;
    PlanDriver driver = driver(year, 7, 1);
    ProcessInstance suzhou = milestone(year, "suzhou-gov");

    at(driver, year, 9, 2);
    assertThat(suzhou).hasPassed(Escalation.Elements.SEND_REMINDER);
    assertThat(outbox.entries(key(year, "suzhou-gov"))).filteredOn(entry -> entry.step() == NoticeStep.REMINDER)
        .as("the agency holding the work is reminded").extracting(NoticeOutbox.Entry::userId)
        .containsExactlyInAnyOrder("suzhou-gov-officer", "suzhou-gov-leader");
    driver.completeDueBy(PlanDriver.at(LocalDate.of(year, 12, 31), 0), task -> false);
    at(driver, year, 10, 5);

    assertThat(suzhou).isEnded().hasNotPassed(Escalation.Elements.OPEN_LEVEL1);
    assertThat(historic(engine, suzhou, "escalationLevel")).isEqualTo(0);
    assertThat(historic(engine, suzhou, "overdue")).isEqualTo(false);
  }

  @Test
  void onlyTheLateCitysLeadersGetACaseAtTheDeadlineAndTheSupervisorsFifteenDaysLater() {
    int year = 2052;
    PlanDriver driver = driver(year, 7, 1);
    ProcessInstance qingpu = milestone(year, "qingpu-gov");
    ProcessInstance suzhou = milestone(year, "suzhou-gov");
    ProcessInstance jiaxing = milestone(year, "jiaxing-gov");
    driver.completeDueBy(PlanDriver.at(LocalDate.of(year, 12, 31), 0),
        task -> driver.businessKey(task).endsWith("suzhou-gov"));

    at(driver, year, 9, 16);
    assertThat(qingpu).isEnded();
    assertThat(jiaxing).isEnded();
    assertThat(suzhou).isWaitingAt(Escalation.Elements.EXPLAIN_DELAY, PlanMilestoneProcess.Elements.DO_WORK);
    assertThat(historic(engine, suzhou, "overdue")).isEqualTo(true);
    assertThat(historic(engine, suzhou, "escalationLevel")).isEqualTo(1);
    Task explain = supervisionTask(suzhou, Escalation.Elements.EXPLAIN_DELAY);
    assertThat(candidateGroups(engine, explain)).containsExactly("suzhou-gov-leaders");
    assertThat(explain.getName()).isEqualTo("【4a 排污口清单】苏州市领导 · 督办单：说明延误情况《太浦河沿线排污口清单》");
    assertThat(explain.getDueDate()).isEqualTo(PlanDriver.endOfDay(year, 9, 30));
    assertThat(driver.openTasks()).as("the officers' work stays open")
        .anyMatch(task -> driver.businessKey(task).equals(key(year, "suzhou-gov")) && task.getName().contains("起草成果文件"));

    at(driver, year, 9, 30);
    assertThat(historic(engine, suzhou, "escalationLevel")).as("not before day 15 has passed").isEqualTo(1);
    at(driver, year, 10, 1);
    assertThat(historic(engine, suzhou, "escalationLevel")).isEqualTo(2);
    assertThat(historic(engine, suzhou, "daysOverdue")).isEqualTo(16);
    Task supervise = supervisionTask(suzhou, Escalation.Elements.SUPERVISE_CASE);
    assertThat(candidateGroups(engine, supervise)).containsExactlyInAnyOrder("supervisors",
        "exec-committee-leaders", "taihu-basin-leaders", "taihu-eco-supervision-leaders", "sh-eco-env-leaders",
        "js-eco-env-leaders", "zj-eco-env-leaders");
    assertThat(supervise.getName()).as("the supervisors' case is named for the late agency")
        .isEqualTo("【4a 排污口清单】苏州市 · 执委会督办：确定最终期限《太浦河沿线排污口清单》");
    assertThat((String) historic(engine, suzhou, "caseHistory")).contains("已逾期 16 天").contains("尚未作出情况说明");
  }

  @Test
  void aCommittedDateLaterThanDayFifteenPostponesLevelTwoAndMustLieAhead() {
    int year = 2053;
    PlanDriver driver = driver(year, 7, 1);
    ProcessInstance suzhou = milestone(year, "suzhou-gov");
    at(driver, year, 9, 17);
    Task explain = supervisionTask(suzhou, Escalation.Elements.EXPLAIN_DELAY);

    assertThatThrownBy(() -> engine.getTaskService().complete(explain.getId(), Variables.createVariables()
        .putValue("delayExplanation", "排摸范围扩大").putValue("committedDay", year + "-09-16")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("committedDay").hasMessageContaining("应晚于今天");
    engine.getTaskService().complete(explain.getId(), Variables.createVariables()
        .putValue("delayExplanation", "排摸范围扩大，需补充两个镇的数据").putValue("committedDay", year + "-10-10"));

    at(driver, year, 10, 5);
    assertThat(historic(engine, suzhou, "escalationLevel")).as("the commitment postpones level 2").isEqualTo(1);
    at(driver, year, 10, 11);
    assertThat(historic(engine, suzhou, "escalationLevel")).isEqualTo(2);
    assertThat((String) historic(engine, suzhou, "caseHistory")).contains("苏州市人民政府：排摸范围扩大，需补充两个镇的数据")
        .contains(year + "-10-10");
  }

  @Test
  void aFinalDateThatPassesReturnsTheCaseAndADeliveryClosesIt() {
    int year = 2054;
    PlanDriver driver = driver(year, 7, 1);
    ProcessInstance suzhou = milestone(year, "suzhou-gov");
    at(driver, year, 10, 1);
    Task supervise = supervisionTask(suzhou, Escalation.Elements.SUPERVISE_CASE);
    engine.getTaskService().complete(supervise.getId(), Variables.createVariables()
        .putValue("finalDay", year + "-11-10").putValue("supervisorInstruction", "11月10日前必须完成"));

    at(driver, year, 11, 10);
    assertThat(suzhou).isWaitingAt(Escalation.Elements.FINAL_DATE_DUE, PlanMilestoneProcess.Elements.DO_WORK,
        Escalation.Elements.EXPLAIN_DELAY);
    at(driver, year, 11, 11);
    Task again = supervisionTask(suzhou, Escalation.Elements.SUPERVISE_AGAIN);
    assertThat(candidateGroups(engine, again)).contains("supervisors", "exec-committee-leaders");

    driver.completeDueBy(PlanDriver.at(LocalDate.of(year, 12, 31), 0),
        task -> !driver.businessKey(task).equals(key(year, "suzhou-gov")) || task.getTaskDefinitionKey().startsWith("userTask_supervise")
            || task.getTaskDefinitionKey().equals(Escalation.Elements.EXPLAIN_DELAY));

    assertThat(suzhou).isEnded().hasPassed(Escalation.Elements.CLOSE_CASE, Escalation.Elements.CASE_CLOSED);
    assertThat(historic(engine, suzhou, "delivered")).isEqualTo(true);
    assertThat(historic(engine, suzhou, "escalationLevel")).as("the level reached stays on record").isEqualTo(2);
    assertThat((Integer) historic(engine, suzhou, "daysOverdue")).isEqualTo(57);
    assertThat(engine.getTaskService().getTaskComments(again.getId())).as("the closed supervision tasks say why")
        .anyMatch(comment -> comment.getFullMessage().contains("交付，本督办事项自动关闭"));
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(again.getId()).singleResult()
        .getEndTime()).isNotNull();
  }

  @Test
  void theLevelOneTimerRetriedAfterAFailureCreatesOneSupervisionTask() {
    int year = 2055;
    PlanDriver driver = driver(year, 7, 1);
    ProcessInstance suzhou = milestone(year, "suzhou-gov");
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 10, 1), 9));
    Job deadline = engine.getManagementService().createJobQuery().processInstanceId(suzhou.getId())
        .activityId(PlanMilestoneProcess.Elements.DEADLINE).singleResult();

    TransactionTemplate failingAfterTheWork = new TransactionTemplate(transactions);
    assertThatThrownBy(() -> failingAfterTheWork.executeWithoutResult(status -> {
      engine.getManagementService().executeJob(deadline.getId());
      throw new IllegalStateException("the node died before the commit");
    })).hasMessageContaining("died");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(suzhou.getId())
        .taskDefinitionKey(Escalation.Elements.EXPLAIN_DELAY).count()).as("nothing of the failed run is kept").isZero();

    assertThat(outbox.entries(key(year, "suzhou-gov"))).filteredOn(entry -> entry.step() == NoticeStep.LEVEL1)
        .as("no notice of the failed run").isEmpty();

    engine.getManagementService().executeJob(deadline.getId());
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(suzhou.getId())
        .taskDefinitionKey(Escalation.Elements.EXPLAIN_DELAY).count()).isOne();
    assertThat(outbox.entries(key(year, "suzhou-gov"))).filteredOn(entry -> entry.step() == NoticeStep.LEVEL1)
        .as("one level-1 notice for Suzhou's leader").extracting(NoticeOutbox.Entry::userId)
        .containsExactly("suzhou-gov-leader");
    assertThat(engine.getManagementService().createJobQuery().jobId(deadline.getId()).count()).isZero();
  }

  @Test
  void aCommitmentPostponesLevelTwoThroughTheEngineForEveryLateAgencyOnlyBeforeLevelTwo() {
    int year = 2056;
    PlanDriver driver = driver(year, 7, 1);
    // a joint patrol started outside the plan file with its own work order: Qingpu leads, three cities take part
    ProcessInstance patrol = milestoneWithOrder(year + "-event-patrol", JointPatrolProcess.KEY, "汛期联合巡河",
        calendar.quarterEnd(year, 3), "qingpu-gov", Variables.createVariables()
            .putValue(WorkVariables.IMPLEMENTING_GROUPS.name(),
                new ArrayList<>(List.of("qingpu-gov", "suzhou-gov", "jiaxing-gov"))));
    driver.complete(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(year + "-event-patrol")
        .taskDefinitionKey(JointPatrolProcess.Elements.PLAN_PATROL).singleResult());

    at(driver, year, 10, 2);
    Map<String, Task> cases = ProcessTests.tasksByGroup(engine, patrol, Escalation.Elements.EXPLAIN_DELAY);
    assertThat(cases).as("every agency still holding its part gets a 督办单")
        .containsOnlyKeys("qingpu-gov-leaders", "suzhou-gov-leaders", "jiaxing-gov-leaders");
    Date dayFifteen = calendar.endOfDay(LocalDate.of(year, 10, 15));
    assertThat(level2Job(patrol).getDuedate()).isEqualTo(dayFifteen);

    engine.getTaskService().complete(cases.get("suzhou-gov-leaders").getId(), Variables.createVariables()
        .putValue("delayExplanation", "巡河船只检修").putValue("committedDay", year + "-10-25"));

    Date committed = calendar.endOfDay(LocalDate.of(year, 10, 25));
    assertThat(historic(engine, patrol, Escalation.LEVEL2_DUE.name())).isEqualTo(committed);
    assertThat(level2Job(patrol).getDuedate()).as("the timer follows the diagram's ${level2Due}").isEqualTo(committed);
    assertThat(ProcessTests.tasksByGroup(engine, patrol, Escalation.Elements.EXPLAIN_DELAY).values())
        .as("the other agencies' open cases move with level 2").hasSize(2)
        .allSatisfy(open -> assertThat(open.getDueDate()).isEqualTo(committed));

    at(driver, year, 10, 26);
    assertThat(historic(engine, patrol, "escalationLevel")).isEqualTo(2);
    engine.getTaskService().complete(ProcessTests.tasksByGroup(engine, patrol, Escalation.Elements.EXPLAIN_DELAY)
        .get("qingpu-gov-leaders").getId(), Variables.createVariables()
        .putValue("delayExplanation", "等待上游来水").putValue("committedDay", year + "-11-30"));
    assertThat(historic(engine, patrol, Escalation.LEVEL2_DUE.name()))
        .as("a commitment after level 2 fired moves nothing").isEqualTo(committed);
    assertThat(ProcessTests.tasksByGroup(engine, patrol, Escalation.Elements.EXPLAIN_DELAY).get("jiaxing-gov-leaders")
        .getDueDate()).isEqualTo(committed);
  }

  @Test
  void aMilestoneThatMayOnlyReachLevelOneWaitsForItsDeliveryAndRecordsItOnce() {
    int year = 2057;
    PlanDriver driver = driver(year, 7, 1);
    String key = year + "-event-report";
    ProcessInstance report = milestoneWithOrder(key, ProgressReportProcess.KEY, "报送水葫芦打捞情况",
        calendar.quarterEnd(year, 3), "jiaxing-gov",
        Variables.createVariables().putValue(WorkVariables.MAX_ESCALATION_LEVEL.name(), 1));

    at(driver, year, 10, 2);
    Task explain = supervisionTask(report, Escalation.Elements.EXPLAIN_DELAY);
    engine.getTaskService().complete(explain.getId(), Variables.createVariables()
        .putValue("delayExplanation", "人手不足").putValue("committedDay", year + "-10-10"));
    at(driver, year, 11, 30);
    assertThat(report).hasPassed(Escalation.Elements.LEVEL1_ONLY).hasNotPassed(Escalation.Elements.OPEN_LEVEL2)
        .isWaitingAt(PlanMilestoneProcess.Elements.DO_WORK);
    assertThat(historic(engine, report, "escalationLevel")).isEqualTo(1);

    // the work reports (its delivery job), and the same report arrives again later
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 12, 1), 9));
    engine.getRuntimeService().createMessageCorrelation(PlanMilestoneProcess.DELIVERED_MESSAGE)
        .processInstanceId(report.getId()).correlate();
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 12, 5), 9));
    engine.getRuntimeService().createMessageCorrelation(PlanMilestoneProcess.DELIVERED_MESSAGE)
        .processInstanceId(report.getId()).correlate();

    assertThat(historic(engine, report, "delivered")).isEqualTo(true);
    assertThat(historic(engine, report, "deliveredAt")).as("the first report counts")
        .isEqualTo(PlanDriver.at(LocalDate.of(year, 12, 1), 9));
    assertThat((Integer) historic(engine, report, "daysOverdue")).isEqualTo(62);
    assertThat(outbox.entries(key)).filteredOn(entry -> entry.step() == NoticeStep.CLOSED)
        .as("the leaders the case reached hear once that it is closed").extracting(NoticeOutbox.Entry::userId)
        .containsExactly("jiaxing-gov-leader");

    driver.completeDueBy(PlanDriver.at(LocalDate.of(year, 12, 31), 0), task -> false);
    assertThat(report).isEnded();
    assertThat(historic(engine, report, "deliveredAt")).isEqualTo(PlanDriver.at(LocalDate.of(year, 12, 1), 9));
    assertThat(outbox.entries(key)).filteredOn(entry -> entry.step() == NoticeStep.CLOSED).hasSize(1);
  }

  @Test
  void aReturnedCaseGetsTheSupervisorsInstructionAndANewFinalDayUntilTheMilestoneIsMet() {
    int year = 2058;
    PlanDriver driver = driver(year, 7, 1);
    ProcessInstance suzhou = milestone(year, "suzhou-gov");
    at(driver, year, 10, 1);
    engine.getTaskService().complete(supervisionTask(suzhou, Escalation.Elements.SUPERVISE_CASE).getId(),
        Variables.createVariables().putValue("finalDay", year + "-11-10").putValue("supervisorInstruction", "11月10日前必须完成"));
    at(driver, year, 11, 11);
    Task again = supervisionTask(suzhou, Escalation.Elements.SUPERVISE_AGAIN);

    assertThatThrownBy(() -> engine.getTaskService().complete(again.getId(), Variables.createVariables()
        .putValue("returnInstruction", "约谈").putValue("finalDay", year + "-11-01")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("finalDay").hasMessageContaining("应晚于今天");
    engine.getTaskService().complete(again.getId(), Variables.createVariables()
        .putValue("returnInstruction", "约谈苏州市分管负责人，12月1日前完成").putValue("finalDay", year + "-12-01"));

    assertThat(outbox.entries(key(year, "suzhou-gov"))).filteredOn(entry -> entry.step() == NoticeStep.FINAL_DATE)
        .as("the responsible leaders are told each final day").extracting(NoticeOutbox.Entry::userId)
        .containsExactly("suzhou-gov-leader", "suzhou-gov-leader");
    assertThat(suzhou).isWaitingAt(Escalation.Elements.FINAL_DATE_DUE);
    at(driver, year, 12, 2);
    assertThat((String) historic(engine, suzhou, "caseHistory"))
        .contains("督办意见：11月10日前必须完成").contains("处理意见：约谈苏州市分管负责人，12月1日前完成；最终期限 " + year + "年12月1日");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(suzhou.getId())
        .taskDefinitionKey(Escalation.Elements.SUPERVISE_AGAIN).count()).as("returned once more").isOne();

    driver.completeDueBy(PlanDriver.at(LocalDate.of(year, 12, 31), 0),
        task -> !driver.businessKey(task).equals(key(year, "suzhou-gov")) || task.getTaskDefinitionKey().startsWith("userTask_supervise")
            || task.getTaskDefinitionKey().equals(Escalation.Elements.EXPLAIN_DELAY));
    assertThat(suzhou).isEnded().hasPassed(Escalation.Elements.LADDER_CLOSED, Escalation.Elements.CLOSE_CASE);
    assertThat(outbox.entries(key(year, "suzhou-gov"))).filteredOn(entry -> entry.step() == NoticeStep.CLOSED)
        .extracting(NoticeOutbox.Entry::userId).contains("suzhou-gov-leader");
  }

  @Test
  void anOfficersReportNeverFailsForItsMilestoneAFailedDeliveryBecomesAnIncidentAndIsRetried() {
    int year = 2059;
    PlanDriver driver = driver(year, 7, 1);
    String key = year + "-event-incident";
    ProcessInstance milestone = milestoneWithOrder(key, ProgressReportProcess.KEY, "报送打捞情况",
        calendar.quarterEnd(year, 3), "qingpu-gov", Variables.createVariables());
    Task report = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key)
        .taskDefinitionKey(ProgressReportProcess.Elements.SUBMIT_REPORT).singleResult();

    engine.getRuntimeService().suspendProcessInstanceById(milestone.getId());
    engine.getTaskService().complete(report.getId(),
        Variables.createVariables().putValue(ProgressReportProcess.SUMMARY.name(), "已完成打捞"));
    Job delivery = engine.getManagementService().createJobQuery().processInstanceId(report.getProcessInstanceId())
        .singleResult();
    assertThat(delivery).as("the officer's completion went through; the report waits in its own job").isNotNull();

    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> engine.getManagementService().executeJob(delivery.getId()));
    }
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(report.getProcessInstanceId())
        .count()).as("after its retries the failure is an incident Cockpit shows").isOne();
    assertThat(historic(engine, milestone, "delivered")).isEqualTo(false);

    engine.getRuntimeService().activateProcessInstanceById(milestone.getId());
    engine.getManagementService().setJobRetries(delivery.getId(), 1);
    engine.getManagementService().executeJob(delivery.getId());
    assertThat(historic(engine, milestone, "delivered")).isEqualTo(true);
    assertThat(milestone).isEnded();
  }

  private Job level2Job(ProcessInstance milestone) {
    return engine.getManagementService().createJobQuery().processInstanceId(milestone.getId())
        .activityId(Escalation.Elements.LEVEL2_DUE).singleResult();
  }

  private PlanDriver driver(int year, int month, int day) {
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, month, day), 9));
    return driver;
  }

  /** Starts the three cities' parts of the 4a outfall list, as the plan item would. */
  private ProcessInstance milestone(int year, String city) {
    for (String agency : List.of("qingpu-gov", "suzhou-gov", "jiaxing-gov")) {
      if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key(year, agency)).count() == 0) {
        engine.getRuntimeService().startProcessInstanceByKey(PlanMilestoneProcess.KEY, key(year, agency),
            Map.of("planId", "2021", "year", year, "itemNo", "4a", "partId", OUTFALLS + agency));
      }
    }
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PlanMilestoneProcess.KEY)
        .processInstanceBusinessKey(key(year, city)).singleResult();
  }

  /**
   * Starts a milestone outside the plan file with its own work order (kind, title, deadline, the
   * responsible agency, and {@code more}), and lets it open as the job executor would.
   */
  private ProcessInstance milestoneWithOrder(String key, String kind, String title, Date deadline, String responsible,
      VariableMap more) {
    VariableMap order = Variables.createVariables().putValue(PlanMilestoneProcess.WORK_KIND.name(), kind)
        .putValue(WorkVariables.MILESTONE_TITLE.name(), title)
        .putValue(WorkVariables.DEADLINE.name(), deadline)
        .putValue(WorkVariables.RESPONSIBLE_GROUPS.name(), new ArrayList<>(List.of(responsible)));
    order.putAll(more);
    ProcessInstance milestone = engine.getRuntimeService().startProcessInstanceByKey(PlanMilestoneProcess.KEY, key, order);
    ProcessTests.runAsyncJobs(engine);
    return milestone;
  }

  private static String key(int year, String city) {
    return year + "-4a-" + OUTFALLS + city;
  }

  /** Moves the clock to 09:00 of the day and fires what fell due. */
  private void at(PlanDriver driver, int year, int month, int day) {
    driver.clockAt(PlanDriver.at(LocalDate.of(year, month, day), 9));
    driver.fireDueTimers();
  }

  private Task supervisionTask(ProcessInstance milestone, String definitionKey) {
    return engine.getTaskService().createTaskQuery().processInstanceId(milestone.getId())
        .taskDefinitionKey(definitionKey).singleResult();
  }
}
