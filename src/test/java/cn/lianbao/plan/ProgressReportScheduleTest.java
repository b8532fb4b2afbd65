package cn.lianbao.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.lianbao.escalation.Escalation;
import cn.lianbao.notice.NoticeOutbox;
import cn.lianbao.notice.NoticeStep;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import cn.lianbao.support.ProcessTests;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Quarterly progress reports are this project's reading, not obligations of the plan (issue 12): each
 * opens when its quarter begins, and a late one reaches the agency's leaders only, never the
 * supervisors. Item 3 (水源地管理要求, led by 上海市生态环境局) reports every quarter.
 */
@LianbaoTest
class ProgressReportScheduleTest {

  @Autowired ProcessEngine engine;
  @Autowired NoticeOutbox outbox;

  @Test
  void eachQuarterlyReportOpensWhenItsQuarterBeginsNotInJanuary() {
    int year = 2043;
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 1, 4), 9));
    driver.start("2021");

    assertThat(reportTasks(year)).as("in January only the first quarter's report is open")
        .extracting(Task::getName).singleElement().asString().contains("第一季度");
    assertThat(milestone(year, "progress-q2")).isWaitingAt(PlanMilestoneProcess.Elements.MILESTONE_OPENS);

    driver.clockAt(PlanDriver.at(LocalDate.of(year, 3, 31), 23));
    driver.fireDueTimers();
    assertThat(reportTasks(year)).extracting(Task::getName).noneMatch(name -> name.contains("第二季度"));

    driver.clockAt(PlanDriver.at(LocalDate.of(year, 4, 1), 0));
    driver.fireDueTimers();
    assertThat(reportTasks(year)).as("the second quarter's report opens on 1 April")
        .extracting(Task::getName).anyMatch(name -> name.contains("第二季度"));
    assertThat(milestone(year, "progress-q4")).isWaitingAt(PlanMilestoneProcess.Elements.MILESTONE_OPENS);
  }

  @Test
  void aPlanStartedInMayOpensTheReportsOfPassedQuartersAtOnce() {
    int year = 2044;
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 5, 10), 9));
    driver.start("2021");

    assertThat(reportTasks(year)).extracting(Task::getName)
        .anyMatch(name -> name.contains("第一季度")).anyMatch(name -> name.contains("第二季度"))
        .noneMatch(name -> name.contains("第三季度"));
  }

  @Test
  void aLateReportReachesTheAgencysLeadersButNeverTheSupervisors() {
    int year = 2045;
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 1, 4), 9));
    driver.start("2021");
    ProcessInstance q1 = milestone(year, "progress-q1");

    driver.clockAt(PlanDriver.at(LocalDate.of(year, 4, 1), 9));
    driver.fireDueTimers();
    Task explain = engine.getTaskService().createTaskQuery().processInstanceId(q1.getId())
        .taskDefinitionKey(Escalation.Elements.EXPLAIN_DELAY).singleResult();
    assertThat(ProcessTests.candidateGroups(engine, explain)).containsExactly("sh-eco-env-leaders");
    engine.getTaskService().complete(explain.getId(), Variables.createVariables()
        .putValue("delayExplanation", "数据汇总延迟").putValue("committedDay", year + "-04-10"));

    driver.clockAt(PlanDriver.at(LocalDate.of(year, 5, 20), 9));
    driver.fireDueTimers();
    assertThat(q1).hasPassed(Escalation.Elements.LEVEL1_ONLY).hasNotPassed(Escalation.Elements.OPEN_LEVEL2);
    assertThat(ProcessTests.historic(engine, q1, PlanMilestoneProcess.ESCALATION_LEVEL.name())).isEqualTo(1);
    assertThat(outbox.entries(q1.getBusinessKey())).extracting(NoticeOutbox.Entry::step)
        .doesNotContain(NoticeStep.LEVEL2);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(q1.getId())
        .taskCandidateGroup("supervisors").count()).isZero();
  }

  private List<Task> reportTasks(int year) {
    return engine.getTaskService().createTaskQuery().processDefinitionKey("progress-report")
        .processInstanceBusinessKeyLike(year + "-3-%").list();
  }

  private ProcessInstance milestone(int year, String part) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PlanMilestoneProcess.KEY)
        .processInstanceBusinessKey(year + "-3-" + part).singleResult();
  }
}
