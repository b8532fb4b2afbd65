package cn.lianbao.enforcement;

import cn.lianbao.plan.PlanMilestoneProcess;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static cn.lianbao.support.ProcessTests.assertDates;
import static cn.lianbao.support.ProcessTests.candidateGroups;
import static cn.lianbao.support.ProcessTests.delivered;
import static cn.lianbao.support.ProcessTests.file;
import static cn.lianbao.support.ProcessTests.historic;
import static cn.lianbao.support.ProcessTests.tasksByGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.lianbao.enforcement.JointEnforcementPatrolProcess.Elements;
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

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Item 7's joint enforcement patrol (联合执法巡查), at least one by 2021-09-30. */
@LianbaoTest
class JointEnforcementPatrolProcessTest {

  static final List<String> LEAD = List.of("sh-eco-env");
  static final List<String> IMPLEMENTING = List.of("js-eco-env", "zj-eco-env");
  static final Date DEADLINE = Date.from(Instant.parse("2021-09-30T15:59:59Z"));
  static final Date FOLLOW_UP = Date.from(Instant.parse("2021-09-16T15:59:59Z"));
  static final Date OUTCOME_DEADLINE = Date.from(Instant.parse("2021-12-31T15:59:59Z"));
  static final Date OUTCOME_FOLLOW_UP = Date.from(Instant.parse("2021-12-17T15:59:59Z"));
  /** 2021-10-02 in Shanghai: two days after the deadline. */
  static final Date RECORDED_LATE = Date.from(Instant.parse("2021-10-02T02:00:00Z"));

  @Autowired ProcessEngine engine;

  @Test
  void theLeadPlansEachAgencyConfirmsItsOfficersAndTheRecordMeetsTheMilestone() {
    ProcessInstance patrol = start(LEAD, IMPLEMENTING);

    assertThat(patrol).isWaitingAt(Elements.PLAN_ENFORCEMENT);
    Task plan = task(patrol);
    assertThat(plan.getName()).contains("制定执法巡查计划");
    assertThat(candidateGroups(engine, plan)).containsExactly("sh-eco-env");
    assertDates(plan, DEADLINE, FOLLOW_UP);
    complete(plan, planVariables());

    assertThat(patrol).isWaitingAt(Elements.CONFIRM_ENFORCEMENT_TEAM);
    Map<String, Task> teams = tasksByGroup(engine, patrol, Elements.CONFIRM_ENFORCEMENT_TEAM);
    assertThat(teams).containsOnlyKeys(IMPLEMENTING);
    teams.values().forEach(task -> {
      assertThat(task.getName()).contains("确认执法人员");
      assertDates(task, DEADLINE, FOLLOW_UP);
    });
    complete(teams.get("zj-eco-env"), withVariables(
        JointEnforcementPatrolProcess.TEAM_OFFICERS.name(), "钱塘（执法证 33001）\n嘉禾（执法证 33002）"));
    assertThat(patrol).isWaitingAt(Elements.CONFIRM_ENFORCEMENT_TEAM);
    complete(teams.get("js-eco-env"), withVariables(
        JointEnforcementPatrolProcess.TEAM_OFFICERS.name(), "吴江（执法证 32001）",
        JointEnforcementPatrolProcess.TEAM_NOTE.name(), "携带无人机一台"));

    assertThat(patrol).isWaitingAt(Elements.RECORD_ENFORCEMENT);
    assertThat(delivered(engine, patrol)).as("not met before the record").isNull();
    assertThat(engine.getRuntimeService().getVariable(patrol.getId(), JointEnforcementPatrolProcess.TEAM_OFFICERS.name()))
        .as("an agency's team stays in its own task instance").isNull();
    List<Map<String, Object>> confirmed = JointEnforcementPatrolProcess.TEAMS.find(
        engine.getRuntimeService().getVariables(patrol.getId())).orElseThrow();
    assertThat(confirmed).extracting(team -> team.get(AgencyAnswers.AGENCY_GROUP)).containsExactly("zj-eco-env", "js-eco-env");
    assertThat(confirmed).extracting(team -> team.get(AgencyAnswers.AGENCY_NAME)).containsExactly("浙江省生态环境厅", "江苏省生态环境厅");
    assertThat(confirmed).extracting(team -> team.get(JointEnforcementPatrolProcess.TEAM_OFFICERS.name()))
        .containsExactly("钱塘（执法证 33001）\n嘉禾（执法证 33002）", "吴江（执法证 32001）");
    assertThat(confirmed).extracting(team -> team.get(JointEnforcementPatrolProcess.TEAM_NOTE.name()))
        .containsExactly(null, "携带无人机一台");

    Task record = task(patrol);
    assertThat(record.getName()).contains("记录执法巡查情况");
    assertThat(candidateGroups(engine, record)).containsExactly("sh-eco-env");
    assertDates(record, DEADLINE, FOLLOW_UP);
    ClockUtil.setCurrentTime(RECORDED_LATE);
    VariableMap variables = recordVariables();
    variables.put(JointEnforcementPatrolProcess.RECORD.name(), file("巡查记录.pdf", "%PDF-1.4 record"));
    complete(record, variables);

    assertThat(patrol).as("the delivery report waits in its own job").isWaitingAt(Elements.REPORT_DELIVERY);
    execute(job(patrol));
    assertThat(patrol).hasPassedInOrder(Elements.RECORD_ENFORCEMENT, Elements.REPORT_DELIVERY, Elements.END).isEnded();
    assertThat(delivered(engine, patrol)).isTrue();
    assertThat(historic(engine, patrol, PlanMilestoneProcess.DELIVERED_AT.name())).isEqualTo(RECORDED_LATE);
    assertThat(historic(engine, patrol, PlanMilestoneProcess.DAYS_OVERDUE.name())).isEqualTo(2);
    assertThat(historic(engine, patrol, JointEnforcementPatrolProcess.CASES_OPENED.name())).isEqualTo(2);
  }

  @Test
  void withoutImplementingAgenciesThePlanLeadsStraightToTheRecord() {
    ProcessInstance patrol = start(LEAD, List.of());
    complete(task(patrol), planVariables());

    assertThat(patrol).isWaitingAt(Elements.RECORD_ENFORCEMENT);
    assertThat(patrol).hasNotPassed(Elements.CONFIRM_ENFORCEMENT_TEAM);
    assertThat(engine.getRuntimeService().getVariable(patrol.getId(), JointEnforcementPatrolProcess.TEAMS.name())).isNull();
    Task record = task(patrol);
    assertThat(candidateGroups(engine, record)).containsExactly("sh-eco-env");
    assertDates(record, DEADLINE, FOLLOW_UP);
    assertThat(delivered(engine, patrol)).isNull();

    VariableMap noCases = recordVariables();
    noCases.put(JointEnforcementPatrolProcess.CASES_OPENED.name(), 0);
    complete(record, noCases);
    assertThat(patrol).as("the delivery report waits in its own job").isWaitingAt(Elements.REPORT_DELIVERY);
    execute(job(patrol));
    assertThat(patrol).hasPassed(Elements.REPORT_DELIVERY).isEnded();
    assertThat(delivered(engine, patrol)).isTrue();
  }

  @Test
  void aRecordWithoutFindingsIsRefusedNamingTheFieldAndTheTaskStaysOpen() {
    ProcessInstance patrol = start(LEAD, List.of());
    complete(task(patrol), planVariables());
    Task record = task(patrol);

    VariableMap withoutFindings = recordVariables();
    withoutFindings.put(JointEnforcementPatrolProcess.FINDINGS.name(), "  ");
    assertThatThrownBy(() -> engine.getTaskService().complete(record.getId(), withoutFindings))
        .isInstanceOfSatisfying(InvalidInputException.class,
            refusal -> assertThat(refusal.field()).isEqualTo(JointEnforcementPatrolProcess.FINDINGS.name()))
        .hasMessageContaining("patrolFindings")
        .hasMessageContaining("必填");

    VariableMap withoutCount = recordVariables();
    withoutCount.remove(JointEnforcementPatrolProcess.CASES_OPENED.name());
    assertThatThrownBy(() -> engine.getTaskService().complete(record.getId(), withoutCount))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("casesOpened")
        .hasMessageContaining("立案数");

    assertThat(patrol).isWaitingAt(Elements.RECORD_ENFORCEMENT);
    assertThat(task(patrol).getId()).isEqualTo(record.getId());
    assertThat(engine.getRuntimeService().getVariable(patrol.getId(), JointEnforcementPatrolProcess.ROUTE.name()))
        .as("nothing of the refused submit is kept").isNull();
    assertThat(delivered(engine, patrol)).isNull();
  }

  @Test
  void aNegativeOrNonIntegerCaseCountIsRefused() {
    ProcessInstance patrol = start(LEAD, List.of());
    complete(task(patrol), planVariables());
    Task record = task(patrol);

    VariableMap negative = recordVariables();
    negative.put(JointEnforcementPatrolProcess.CASES_OPENED.name(), -1);
    assertThatThrownBy(() -> engine.getTaskService().complete(record.getId(), negative))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("casesOpened")
        .hasMessageContaining("不能小于 0");

    VariableMap text = recordVariables();
    text.put(JointEnforcementPatrolProcess.CASES_OPENED.name(), "两起");
    assertThatThrownBy(() -> engine.getTaskService().complete(record.getId(), text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("casesOpened")
        .hasMessageContaining("整数");
    assertThat(patrol).isWaitingAt(Elements.RECORD_ENFORCEMENT);
  }

  @Test
  void anAgencyWithoutOfficersIsRefusedEvenAfterAnotherAgencyConfirmed() {
    ProcessInstance patrol = start(LEAD, IMPLEMENTING);
    complete(task(patrol), planVariables());
    Map<String, Task> teams = tasksByGroup(engine, patrol, Elements.CONFIRM_ENFORCEMENT_TEAM);
    complete(teams.get("js-eco-env"), withVariables(JointEnforcementPatrolProcess.TEAM_OFFICERS.name(), "吴江（执法证 32001）"));

    assertThatThrownBy(() -> engine.getTaskService().complete(teams.get("zj-eco-env").getId(),
            Variables.putValue(JointEnforcementPatrolProcess.TEAM_NOTE.name(), "人员待定")))
        .isInstanceOfSatisfying(InvalidInputException.class,
            refusal -> assertThat(refusal.field()).isEqualTo(JointEnforcementPatrolProcess.TEAM_OFFICERS.name()))
        .hasMessageContaining("teamOfficers")
        .hasMessageContaining("执法人员");

    assertThat(tasksByGroup(engine, patrol, Elements.CONFIRM_ENFORCEMENT_TEAM)).containsOnlyKeys("zj-eco-env");
    assertThat(JointEnforcementPatrolProcess.TEAMS.find(engine.getRuntimeService().getVariables(patrol.getId()))
        .orElseThrow()).hasSize(1);
  }

  @Test
  void aPlanWithoutADayIsRefusedNamingTheField() {
    ProcessInstance patrol = start(LEAD, IMPLEMENTING);
    Task plan = task(patrol);
    VariableMap withoutDay = planVariables();
    withoutDay.remove(JointEnforcementPatrolProcess.PATROL_DAY.name());

    assertThatThrownBy(() -> engine.getTaskService().complete(plan.getId(), withoutDay))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("patrolDay")
        .hasMessageContaining("巡查日期");
    assertThat(patrol).isWaitingAt(Elements.PLAN_ENFORCEMENT);
  }

  private ProcessInstance start(List<String> responsible, List<String> implementing) {
    VariableMap variables = Variables.createVariables();
    WorkVariables.PLAN_ID.putIn(variables, "2021");
    WorkVariables.YEAR.putIn(variables, 2021);
    WorkVariables.ITEM_NO.putIn(variables, "7");
    WorkVariables.PART_ID.putIn(variables, "enforcement-patrol");
    WorkVariables.MILESTONE_TITLE.putIn(variables, "完成至少一次联合执法巡查");
    WorkVariables.DOCUMENT_TITLE.putIn(variables, null);
    WorkVariables.DEADLINE.putIn(variables, DEADLINE);
    WorkVariables.FOLLOW_UP.putIn(variables, FOLLOW_UP);
    WorkVariables.OUTCOME_DEADLINE.putIn(variables, OUTCOME_DEADLINE);
    WorkVariables.OUTCOME_FOLLOW_UP.putIn(variables, OUTCOME_FOLLOW_UP);
    WorkVariables.RESPONSIBLE_GROUPS.putIn(variables, responsible);
    WorkVariables.IMPLEMENTING_GROUPS.putIn(variables, implementing);
    WorkVariables.COOPERATING_GROUPS.putIn(variables, List.of());
    WorkVariables.CONTRIBUTOR_GROUPS.putIn(variables, implementing);
    WorkVariables.ITEM_GROUPS.putIn(variables, Stream.of(responsible, implementing, List.of("taihu-basin", "taihu-eco-supervision"))
        .flatMap(List::stream).toList());
    return engine.getRuntimeService().startProcessInstanceByKey(JointEnforcementPatrolProcess.KEY,
        "test-" + UUID.randomUUID(), variables);
  }

  private static VariableMap planVariables() {
    return Variables.createVariables()
        .putValue(JointEnforcementPatrolProcess.PATROL_DAY.name(), "2021-09-15")
        .putValue(JointEnforcementPatrolProcess.PATROL_AREA.name(), "太浦河沿线，自汾湖至金泽水源地")
        .putValue(JointEnforcementPatrolProcess.FOCUS.name(), "沿河排污口、涉水企业");
  }

  private static VariableMap recordVariables() {
    return Variables.createVariables()
        .putValue(JointEnforcementPatrolProcess.HELD_ON.name(), "2021-09-15")
        .putValue(JointEnforcementPatrolProcess.ROUTE.name(), "汾湖—太浦河—金泽")
        .putValue(JointEnforcementPatrolProcess.PARTICIPANTS_SHANGHAI.name(), "上海市生态环境局 3 人")
        .putValue(JointEnforcementPatrolProcess.PARTICIPANTS_JIANGSU.name(), "江苏省生态环境厅 2 人")
        .putValue(JointEnforcementPatrolProcess.PARTICIPANTS_ZHEJIANG.name(), "浙江省生态环境厅 2 人")
        .putValue(JointEnforcementPatrolProcess.FINDINGS.name(), "检查企业 6 家，发现 2 家超标排放")
        .putValue(JointEnforcementPatrolProcess.CASES_OPENED.name(), 2);
  }
}
