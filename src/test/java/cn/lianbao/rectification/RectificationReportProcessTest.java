package cn.lianbao.rectification;

import static cn.lianbao.support.ProcessTests.assertDates;
import static cn.lianbao.support.ProcessTests.candidateGroups;
import static cn.lianbao.support.ProcessTests.delivered;
import static cn.lianbao.support.ProcessTests.file;
import static cn.lianbao.support.ProcessTests.historic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.lianbao.escalation.Escalation;
import cn.lianbao.patrol.JointPatrolProcess;
import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.process.InvalidInputException;
import cn.lianbao.rectification.RectificationReportProcess.Elements;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import cn.lianbao.support.ProcessTests;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Item 1's problem list and rectification report (issue 12): the milestone of the plan file, its
 * list read from the item's patrols of the year, its report refused while a problem is open, its
 * delivery and its ladder when late. Expected dates are the plan file's (patrol-1 rectified by
 * 09-30, patrol-2 recorded by 11-30 and rectified by 12-20, the report due at the end of Q4).
 */
@LianbaoTest
class RectificationReportProcessTest {

  /** Item 1: the Shanghai river-chief office leads, Jiangsu's and Zhejiang's lead with it. */
  private static final Set<String> OFFICES = Set.of("sh-river-chief-office", "js-river-chief-office",
      "zj-river-chief-office");

  @Autowired ProcessEngine engine;

  @Test
  void theProblemsOfBothPatrolsAreListedAndTheReportMeetsTheMilestoneOnceAllAreRectified() {
    int year = 2078;
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 4, 1), 9));
    ProcessInstance report = milestone(year, "rectification-report");
    ProcessInstance first = milestone(year, "patrol-1");
    ProcessInstance second = milestone(year, "patrol-2");

    Task write = reportTask(year);
    assertThat(write.getTaskDefinitionKey()).isEqualTo(Elements.WRITE_REPORT);
    assertThat(Set.copyOf(candidateGroups(engine, write))).isEqualTo(OFFICES);
    assertDates(write, PlanDriver.endOfDay(year, 12, 31), PlanDriver.endOfDay(year, 12, 17));
    assertThat(variable(write, RectificationReportProcess.PROBLEM_LIST.name())).isEqualTo("[]");

    patrol(first, """
        [{"agency":"qingpu-gov","problem":"元荡岸边堆放生活垃圾"},
         {"agency":"suzhou-gov","problem":"汾湖入湖口水葫芦聚集"}]""");
    patrol(second, "[{\"agency\":\"jiaxing-gov\",\"problem\":\"淀山湖岸线破损\"}]");
    assertThat(delivered(engine, first)).as("each patrol is met when it is recorded").isTrue();
    assertThat(delivered(engine, second)).isTrue();
    assertThat(delivered(engine, report)).isNotEqualTo(true);

    List<Task> firstRectifications = work(first, JointPatrolProcess.Elements.RECTIFY_PROBLEM);
    assertThat(firstRectifications).hasSize(2).allSatisfy(task ->
        assertDates(task, PlanDriver.endOfDay(year, 9, 30), PlanDriver.endOfDay(year, 9, 16)));
    List<Task> secondRectifications = work(second, JointPatrolProcess.Elements.RECTIFY_PROBLEM);
    assertThat(secondRectifications).hasSize(1).allSatisfy(task ->
        assertDates(task, PlanDriver.endOfDay(year, 12, 20), PlanDriver.endOfDay(year, 12, 6)));

    // the list is read again when the task is claimed
    engine.getTaskService().claim(write.getId(), "sh-river-chief-office-officer");
    List<Map<String, Object>> list = problems(write);
    assertThat(list).extracting(problem -> problem.get("problem"))
        .containsExactly("元荡岸边堆放生活垃圾", "汾湖入湖口水葫芦聚集", "淀山湖岸线破损");
    assertThat(list).extracting(problem -> problem.get("agencyName"))
        .containsExactly("青浦区人民政府", "苏州市人民政府", "嘉兴市人民政府");
    assertThat(list).extracting(problem -> problem.get("rectifyBy"))
        .containsExactly(year + "-09-30", year + "-09-30", year + "-12-20");
    assertThat(list).extracting(problem -> problem.get("patrol"))
        .containsExactly("完成第一次共同巡河", "完成第一次共同巡河", "完成第二次共同巡河");
    assertThat(list).extracting(problem -> problem.get("status")).containsOnly("待整改");
    assertThat(variable(write, RectificationReportProcess.OPEN_PROBLEMS.name())).isEqualTo(3);

    // rectified and verified, except Jiaxing's, which is rectified but not yet verified
    for (Task task : firstRectifications) {
      engine.getTaskService().complete(task.getId(),
          Variables.putValue(JointPatrolProcess.RECTIFICATION_MEASURES.name(), "已整改"));
    }
    engine.getTaskService().complete(secondRectifications.get(0).getId(),
        Variables.putValue(JointPatrolProcess.RECTIFICATION_MEASURES.name(), "修复岸线"));
    for (Task task : work(first, JointPatrolProcess.Elements.VERIFY_RECTIFICATION)) {
      engine.getTaskService().complete(task.getId(), Variables.createVariables()
          .putValue(JointPatrolProcess.ACCEPTED.name(), true)
          .putValue(JointPatrolProcess.VERIFICATION_COMMENT.name(), "整改到位"));
    }
    assertThatThrownBy(() -> engine.getTaskService().complete(write.getId(), reportWithFile()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("还有 1 个问题未完成整改验收")
        .hasMessageContaining("嘉兴市人民政府")
        .hasMessageContaining("已整改，待验收");
    assertThat(engine.getTaskService().createTaskQuery().taskId(write.getId()).count()).as("stays open").isOne();

    engine.getTaskService().complete(work(second, JointPatrolProcess.Elements.VERIFY_RECTIFICATION).get(0).getId(),
        Variables.createVariables().putValue(JointPatrolProcess.ACCEPTED.name(), true)
            .putValue(JointPatrolProcess.VERIFICATION_COMMENT.name(), "整改到位"));
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(second.getId()).count())
        .as("the patrol ends with its last verification").isZero();

    assertThatThrownBy(() -> engine.getTaskService().complete(write.getId(),
            Variables.putValue(RectificationReportProcess.RECTIFICATION_SUMMARY.name(), "已全部整改")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(RectificationReportProcess.RECTIFICATION_REPORT.name())
        .hasMessageContaining("必填");

    driver.clockAt(PlanDriver.at(LocalDate.of(year, 12, 28), 10));
    engine.getTaskService().complete(write.getId(), reportWithFile());
    ProcessTests.runAsyncJobs(engine);
    assertThat(delivered(engine, report)).isTrue();
    assertThat(historic(engine, report, PlanMilestoneProcess.DAYS_OVERDUE.name())).isEqualTo(0);
    List<Map<String, Object>> kept = parse((String) historic(engine, workOf(report),
        RectificationReportProcess.PROBLEM_LIST.name()));
    assertThat(kept).extracting(problem -> problem.get("status")).containsOnly("已整改，验收通过");
  }

  @Test
  void aLateReportGoesUpTheLadder() {
    int year = 2079;
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 10, 1), 9));
    ProcessInstance report = milestone(year, "rectification-report");
    assertThat(reportTask(year)).isNotNull();

    driver.clockAt(PlanDriver.at(LocalDate.of(year + 1, 1, 2), 9));
    driver.fireDueTimers();

    assertThat(engine.getRuntimeService().getVariable(report.getId(), PlanMilestoneProcess.OVERDUE.name()))
        .isEqualTo(true);
    List<Task> explanations = engine.getTaskService().createTaskQuery().processInstanceId(report.getId())
        .taskDefinitionKey(Escalation.Elements.EXPLAIN_DELAY).list();
    assertThat(explanations.stream().flatMap(task -> candidateGroups(engine, task).stream()).toList())
        .as("each responsible office's leaders explain the delay")
        .containsAll(OFFICES.stream().map(office -> office + "-leaders").toList());
    assertThat(engine.getRuntimeService().getVariable(report.getId(), PlanMilestoneProcess.DELIVERED.name()))
        .isNotEqualTo(true);
  }

  // ---------------------------------------------------------------------------------------------

  private ProcessInstance milestone(int year, String milestone) {
    String key = year + "-1-" + milestone;
    engine.getRuntimeService().startProcessInstanceByKey(PlanMilestoneProcess.KEY, key,
        Map.of("planId", "2021", "year", year, "itemNo", "1", "partId", milestone));
    ProcessTests.runAsyncJobs(engine);
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PlanMilestoneProcess.KEY)
        .processInstanceBusinessKey(key).singleResult();
  }

  private Task reportTask(int year) {
    return engine.getTaskService().createTaskQuery().processDefinitionKey(RectificationReportProcess.KEY)
        .processInstanceBusinessKey(year + "-1-rectification-report").singleResult();
  }

  /** Plans, confirms and records the patrol of a milestone with these findings. */
  private void patrol(ProcessInstance milestone, String findings) {
    Task plan = work(milestone, JointPatrolProcess.Elements.PLAN_PATROL).get(0);
    engine.getTaskService().complete(plan.getId(), Variables.createVariables()
        .putValue(JointPatrolProcess.PLANNED_DAY.name(), "2078-05-20")
        .putValue(JointPatrolProcess.PLANNED_WATER_BODY.name(), "元荡、汾湖、淀山湖")
        .putValue(JointPatrolProcess.PLANNED_PARTICIPANTS.name(), "三地河湖长"));
    for (Task confirm : work(milestone, JointPatrolProcess.Elements.CONFIRM_PARTICIPATION)) {
      engine.getTaskService().complete(confirm.getId(),
          Variables.putValue(JointPatrolProcess.AGENCY_PARTICIPANTS.name(), "河长"));
    }
    Task record = work(milestone, JointPatrolProcess.Elements.RECORD_PATROL).get(0);
    engine.getTaskService().complete(record.getId(), Variables.createVariables()
        .putValue(JointPatrolProcess.PATROL_DAY.name(), "2078-05-20")
        .putValue(JointPatrolProcess.PATROL_WATER_BODY.name(), "元荡、汾湖、淀山湖")
        .putValue(JointPatrolProcess.PATROL_PARTICIPANTS.name(), "三地河湖长")
        .putValue(JointPatrolProcess.FINDINGS.name(), findings));
    ProcessTests.runAsyncJobs(engine);
  }

  /** The open tasks of that element in the work of a milestone. */
  private List<Task> work(ProcessInstance milestone, String element) {
    return engine.getTaskService().createTaskQuery().processInstanceId(workOf(milestone))
        .taskDefinitionKey(element).list();
  }

  /** The id of the work a milestone called, running or ended. */
  private String workOf(ProcessInstance milestone) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .superProcessInstanceId(milestone.getId()).singleResult().getId();
  }

  private Object variable(Task task, String name) {
    return engine.getTaskService().getVariable(task.getId(), name);
  }

  private List<Map<String, Object>> problems(Task task) {
    return parse((String) variable(task, RectificationReportProcess.PROBLEM_LIST.name()));
  }

  private static List<Map<String, Object>> parse(String json) {
    try {
      return new ObjectMapper().readValue(json, new TypeReference<>() {});
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static VariableMap reportWithFile() {
    return Variables.createVariables()
        .putValue(RectificationReportProcess.RECTIFICATION_REPORT.name(), file("整改报告.pdf", "content of 整改报告.pdf"))
        .putValue(RectificationReportProcess.RECTIFICATION_SUMMARY.name(), "三个问题均已整改验收");
  }
}
