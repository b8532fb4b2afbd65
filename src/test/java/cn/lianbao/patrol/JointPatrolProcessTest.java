package cn.lianbao.patrol;

import cn.lianbao.plan.PlanMilestoneProcess;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static cn.lianbao.support.ProcessTests.assertDates;
import static cn.lianbao.support.ProcessTests.candidateGroups;
import static cn.lianbao.support.ProcessTests.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.lianbao.patrol.JointPatrolProcess.Elements;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.InvalidInputException;
import cn.lianbao.support.LianbaoTest;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@LianbaoTest
class JointPatrolProcessTest {

  /** Item 1 of the plan: the river-chief offices lead together, the three jurisdictions implement. */
  static final List<String> RESPONSIBLE = List.of("sh-river-chief-office", "js-river-chief-office", "zj-river-chief-office");
  static final List<String> IMPLEMENTING = List.of("qingpu-gov", "suzhou-gov", "jiaxing-gov");
  static final List<String> COOPERATING = List.of("sh-eco-env");

  static final Date DEADLINE = Date.from(Instant.parse("2027-06-30T15:59:59Z"));
  static final Date FOLLOW_UP = Date.from(Instant.parse("2027-06-16T15:59:59Z"));
  static final Date OUTCOME_DEADLINE = Date.from(Instant.parse("2027-12-31T15:59:59Z"));
  static final Date OUTCOME_FOLLOW_UP = Date.from(Instant.parse("2027-12-17T15:59:59Z"));

  static final String TWO_FINDINGS = """
      [{"agency":"qingpu-gov","problem":"元荡岸边堆放生活垃圾"},
       {"agency":"suzhou-gov","problem":" 汾湖入湖口水葫芦聚集 "}]""";

  @Autowired ProcessEngine engine;

  @Test
  void aPatrolWithoutFindingsEndsWhenRecordedAndMeetsTheMilestone() {
    ProcessInstance patrol = start(IMPLEMENTING);

    assertThat(patrol).isWaitingAt(Elements.PLAN_PATROL);
    Task plan = task(patrol);
    assertThat(Set.copyOf(candidateGroups(engine, plan))).as("one joint task of the co-leads")
        .isEqualTo(Set.copyOf(RESPONSIBLE));
    assertDates(plan, DEADLINE, FOLLOW_UP);
    plan(plan);

    List<Task> confirmations = tasks(patrol, Elements.CONFIRM_PARTICIPATION);
    assertThat(confirmations).hasSize(3);
    assertThat(confirmations).allSatisfy(task -> {
      assertThat(candidateGroups(engine, task)).hasSize(1);
      assertDates(task, DEADLINE, FOLLOW_UP);
    });
    assertThat(confirmations.stream().flatMap(task -> candidateGroups(engine, task).stream())
        .collect(Collectors.toSet()))
        .as("one confirmation per implementing agency").isEqualTo(Set.copyOf(IMPLEMENTING));
    for (Task confirmation : confirmations) {
      String agency = candidateGroups(engine, confirmation).iterator().next();
      complete(confirmation, withVariables(
          JointPatrolProcess.AGENCY_PARTICIPANTS.name(), agency + " 河长、联络员",
          JointPatrolProcess.PARTICIPATION_NOTE.name(), "按时参加"));
    }
    assertThat(engine.getRuntimeService().getVariable(patrol.getId(), JointPatrolProcess.AGENCY_PARTICIPANTS.name()))
        .as("each confirmation stays with its own task instance").isNull();
    assertThat(history(patrol, JointPatrolProcess.AGENCY_PARTICIPANTS.name()))
        .extracting(HistoricVariableInstance::getValue).hasSize(3)
        .containsExactlyInAnyOrder("qingpu-gov 河长、联络员", "suzhou-gov 河长、联络员", "jiaxing-gov 河长、联络员");

    assertThat(patrol).isWaitingAt(Elements.RECORD_PATROL);
    Task record = task(patrol);
    assertThat(Set.copyOf(candidateGroups(engine, record))).isEqualTo(Set.copyOf(RESPONSIBLE));
    assertDates(record, DEADLINE, FOLLOW_UP);
    assertThat(choices(patrol)).as("the jurisdictions, then the leads, with their names")
        .extracting(choice -> choice.get("id"))
        .containsExactly("qingpu-gov", "suzhou-gov", "jiaxing-gov",
            "sh-river-chief-office", "js-river-chief-office", "zj-river-chief-office");
    assertThat(choices(patrol)).contains(Map.of("id", "qingpu-gov", "name", "青浦区人民政府"));
    assertThat(variable(patrol, PlanMilestoneProcess.DELIVERED.name())).as("not delivered before the record").isNull();

    Date recordedAt = Date.from(Instant.parse("2027-05-20T08:00:00Z"));
    ClockUtil.setCurrentTime(recordedAt);
    complete(record, recordOf("[]"));

    assertThat(patrol).as("the delivery report waits in its own job").isWaitingAt(Elements.REPORT_DELIVERY);
    execute(job(patrol));
    assertThat(patrol).hasPassed(Elements.RECORD_PATROL, Elements.REPORT_DELIVERY)
        .isEnded().hasPassed(Elements.END_NO_PROBLEMS);
    assertThat(variable(patrol, PlanMilestoneProcess.DELIVERED.name())).isEqualTo(true);
    assertThat(variable(patrol, PlanMilestoneProcess.DELIVERED_AT.name())).isEqualTo(recordedAt);
    assertThat(variable(patrol, PlanMilestoneProcess.DAYS_OVERDUE.name())).isEqualTo(0);
    assertThat(variable(patrol, JointPatrolProcess.PROBLEMS.name())).isEqualTo(List.of());
    assertThat(variable(patrol, JointPatrolProcess.PROBLEMS_FOUND.name())).isEqualTo(false);
  }

  @Test
  void twoFindingsAreRectifiedByTheirAgenciesAndVerifiedWhichEndsThePatrol() {
    ProcessInstance patrol = start(IMPLEMENTING);
    plan(task(patrol));
    tasks(patrol, Elements.CONFIRM_PARTICIPATION).forEach(task ->
        complete(task, withVariables(JointPatrolProcess.AGENCY_PARTICIPANTS.name(), "河长")));

    complete(task(patrol), recordOf(TWO_FINDINGS));

    assertThat(patrol).as("the delivery report waits in its own job").isWaitingAt(Elements.REPORT_DELIVERY);
    execute(job(patrol));
    assertThat(patrol).hasPassed(Elements.REPORT_DELIVERY);
    assertThat(variable(patrol, PlanMilestoneProcess.DELIVERED.name())).as("met when recorded").isEqualTo(true);
    assertThat(variable(patrol, JointPatrolProcess.PROBLEMS.name())).isEqualTo(List.of(
        Map.of("no", 1, "agency", "qingpu-gov", "agencyName", "青浦区人民政府", "problem", "元荡岸边堆放生活垃圾"),
        Map.of("no", 2, "agency", "suzhou-gov", "agencyName", "苏州市人民政府", "problem", "汾湖入湖口水葫芦聚集")));

    List<Task> rectifications = tasks(patrol, Elements.RECTIFY_PROBLEM);
    assertThat(rectifications).hasSize(2);
    Task qingpu = taskOf(rectifications, "qingpu-gov");
    Task suzhou = taskOf(rectifications, "suzhou-gov");
    for (Task task : rectifications) {
      assertThat(candidateGroups(engine, task)).hasSize(1);
      assertThat(task.getName()).endsWith("整改巡河发现的问题");
      assertDates(task, OUTCOME_DEADLINE, OUTCOME_FOLLOW_UP);
    }
    assertThat(qingpu.getDescription()).contains("问题1：元荡岸边堆放生活垃圾");
    assertThat(suzhou.getDescription()).contains("问题2：汾湖入湖口水葫芦聚集");
    assertThat(engine.getTaskService().getVariable(suzhou.getId(), JointPatrolProcess.PROBLEM_TEXT.name()))
        .isEqualTo("汾湖入湖口水葫芦聚集");

    assertThatThrownBy(() -> engine.getTaskService().complete(qingpu.getId()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(JointPatrolProcess.RECTIFICATION_MEASURES.name())
        .hasMessageContaining("必填");
    complete(qingpu, withVariables(JointPatrolProcess.RECTIFICATION_MEASURES.name(), "已清运部分垃圾"));
    complete(suzhou, withVariables(
        JointPatrolProcess.RECTIFICATION_MEASURES.name(), "打捞水葫芦 20 吨，设置拦截带",
        JointPatrolProcess.RECTIFICATION_EVIDENCE.name(), file("打捞照片.jpg", "content of 打捞照片.jpg", null)));

    List<Task> verifications = tasks(patrol, Elements.VERIFY_RECTIFICATION);
    assertThat(verifications).hasSize(2).allSatisfy(task -> {
      assertThat(Set.copyOf(candidateGroups(engine, task))).isEqualTo(Set.copyOf(RESPONSIBLE));
      assertDates(task, OUTCOME_DEADLINE, OUTCOME_FOLLOW_UP);
    });
    Task verifyQingpu = verificationOf(verifications, "元荡岸边堆放生活垃圾");
    Task verifySuzhou = verificationOf(verifications, "汾湖入湖口水葫芦聚集");
    assertThat(engine.getTaskService().getVariable(verifySuzhou.getId(), JointPatrolProcess.PROBLEM_AGENCY_NAME.name()))
        .isEqualTo("苏州市人民政府");
    assertThatThrownBy(() -> engine.getTaskService().complete(verifyQingpu.getId(),
            Variables.putValue(JointPatrolProcess.VERIFICATION_COMMENT.name(), "未选择结论")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(JointPatrolProcess.ACCEPTED.name());

    complete(verifyQingpu, withVariables(
        JointPatrolProcess.ACCEPTED.name(), false,
        JointPatrolProcess.VERIFICATION_COMMENT.name(), "垃圾未清运完毕"));
    complete(verifySuzhou, withVariables(
        JointPatrolProcess.ACCEPTED.name(), true,
        JointPatrolProcess.VERIFICATION_COMMENT.name(), "整改到位"));

    Task again = task(patrol);
    assertThat(again.getTaskDefinitionKey()).isEqualTo(Elements.RECTIFY_PROBLEM);
    assertThat(candidateGroups(engine, again)).containsExactly("qingpu-gov");
    assertDates(again, OUTCOME_DEADLINE, OUTCOME_FOLLOW_UP);
    assertThat(engine.getTaskService().getVariables(again.getId())).as("the problem's own earlier round")
        .containsEntry(JointPatrolProcess.VERIFICATION_COMMENT.name(), "垃圾未清运完毕")
        .containsEntry(JointPatrolProcess.RECTIFICATION_MEASURES.name(), "已清运部分垃圾")
        .containsEntry(JointPatrolProcess.ACCEPTED.name(), false);
    complete(again, withVariables(JointPatrolProcess.RECTIFICATION_MEASURES.name(), "垃圾全部清运，设置警示牌"));
    Task verifyAgain = task(patrol);
    assertThat(verifyAgain.getTaskDefinitionKey()).isEqualTo(Elements.VERIFY_RECTIFICATION);
    complete(verifyAgain, withVariables(
        JointPatrolProcess.ACCEPTED.name(), true,
        JointPatrolProcess.VERIFICATION_COMMENT.name(), "整改到位"));

    assertThat(patrol).isEnded().hasPassed(Elements.END_RECTIFIED).hasNotPassed(Elements.END_NO_PROBLEMS);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(patrol.getId())
        .taskDefinitionKey(Elements.RECTIFY_PROBLEM).count()).isEqualTo(3);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(patrol.getId())
        .taskDefinitionKey(Elements.VERIFY_RECTIFICATION).count()).isEqualTo(3);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(patrol.getId())
        .activityId(Elements.PROBLEM_CLOSED).count()).isEqualTo(2);
    assertThat(history(patrol, JointPatrolProcess.PROBLEM_NO.name())).as("each problem keeps its number")
        .extracting(HistoricVariableInstance::getValue).containsExactlyInAnyOrder(1, 2);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(patrol.getId())
        .taskDefinitionKey("userTask_writeRectificationReport").count())
        .as("the report is the item's own milestone (rectification-report), not a step of the patrol").isZero();
  }

  @Test
  void aMalformedFindingsListIsRefusedAndTheRecordStaysOpen() {
    ProcessInstance patrol = start(List.of());
    plan(task(patrol));
    assertThat(patrol).as("no implementing agency: nothing to confirm").isWaitingAt(Elements.RECORD_PATROL);
    Task record = task(patrol);
    assertThat(choices(patrol)).extracting(choice -> choice.get("id")).containsExactlyElementsOf(RESPONSIBLE);

    assertRefused(record, "不是 JSON", "JSON");
    assertRefused(record, "{\"agency\":\"sh-river-chief-office\",\"problem\":\"x\"}", "问题列表");
    assertRefused(record, "[\"垃圾\"]", "第 1 条");
    assertRefused(record, "[{\"agency\":\"taihu-basin\",\"problem\":\"岸线破损\"}]", "taihu-basin", "不是本事项的单位");
    assertRefused(record, "[{\"agency\":\"\",\"problem\":\"岸线破损\"}]", "未选择责任单位");
    assertRefused(record, "[{\"agency\":\"sh-river-chief-office\",\"problem\":\"  \"}]", "问题描述", "必填");
    assertRefused(record, "[{\"agency\":\"sh-river-chief-office\",\"problem\":\"" + "水".repeat(501) + "\"}]",
        "不能超过 500 字");
    assertRefused(record, "[{\"agency\":\"sh-river-chief-office\",\"problem\":\"岸线破损\"},"
        + "{\"agency\":\"nobody\",\"problem\":\"\"}]", "第 2 条", "nobody", "问题描述");
    String tooMany = "[" + String.join(",", Collections.nCopies(9,
        "{\"agency\":\"sh-river-chief-office\",\"problem\":\"" + "水".repeat(450) + "\"}")) + "]";
    // over its column's 4,000 characters: refused where the variable is written (VariableLimits), naming it
    assertThatThrownBy(() -> engine.getTaskService().complete(record.getId(), recordOf(tooMany)))
        .isInstanceOfSatisfying(InvalidInputException.class, refused -> {
          assertThat(refused.field()).isEqualTo(JointPatrolProcess.FINDINGS.name());
          assertThat(refused.getMessage()).contains("findings").contains("不能超过 4000 字");
        });
    VariableMap withoutFindings = recordOf("[]");
    withoutFindings.remove(JointPatrolProcess.FINDINGS.name());
    assertThatThrownBy(() -> engine.getTaskService().complete(record.getId(), withoutFindings))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("字段 findings（发现的问题）为必填项");

    assertThat(patrol).isWaitingAt(Elements.RECORD_PATROL);
    assertThat(engine.getRuntimeService().getVariable(patrol.getId(), JointPatrolProcess.FINDINGS.name())).isNull();
    assertThat(engine.getRuntimeService().getVariable(patrol.getId(), JointPatrolProcess.PROBLEMS.name())).isNull();
    assertThat(variable(patrol, PlanMilestoneProcess.DELIVERED.name())).as("a refused record meets nothing").isNull();

    // a problem may also go to a cooperating agency of the item
    complete(record, recordOf("[{\"agency\":\"sh-eco-env\",\"problem\":\"" + "水".repeat(500) + "\"}]"));
    assertThat(patrol).as("the delivery report waits in its own job").isWaitingAt(Elements.REPORT_DELIVERY);
    execute(job(patrol));
    assertThat(variable(patrol, PlanMilestoneProcess.DELIVERED.name())).isEqualTo(true);
    Task rectification = task(patrol);
    assertThat(rectification.getTaskDefinitionKey()).isEqualTo(Elements.RECTIFY_PROBLEM);
    assertThat(candidateGroups(engine, rectification)).containsExactly("sh-eco-env");
  }

  @Test
  void thePlanAndTheConfirmationRefuseMissingOrMalformedFields() {
    ProcessInstance patrol = start(List.of("jiaxing-gov"));
    Task plan = task(patrol);

    assertThatThrownBy(() -> engine.getTaskService().complete(plan.getId(), Variables.createVariables()
            .putValue(JointPatrolProcess.PLANNED_DAY.name(), "2027/05/20")
            .putValue(JointPatrolProcess.PLANNED_PARTICIPANTS.name(), "三地河湖长")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("plannedPatrolDay")
        .hasMessageContaining("yyyy-MM-dd")
        .hasMessageContaining("plannedWaterBody")
        .hasMessageContaining("必填");
    assertThat(patrol).isWaitingAt(Elements.PLAN_PATROL);
    assertThat(engine.getRuntimeService().getVariable(patrol.getId(), JointPatrolProcess.PLANNED_DAY.name())).isNull();

    plan(plan);
    Task confirmation = task(patrol);
    assertThat(candidateGroups(engine, confirmation)).containsExactly("jiaxing-gov");
    assertThatThrownBy(() -> engine.getTaskService().complete(confirmation.getId(),
            Variables.putValue(JointPatrolProcess.PARTICIPATION_NOTE.name(), "另行告知")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("agencyParticipants")
        .hasMessageContaining("本单位参加人员");
    assertThat(patrol).isWaitingAt(Elements.CONFIRM_PARTICIPATION);
  }

  // ---------------------------------------------------------------------------------------------

  private ProcessInstance start(List<String> implementing) {
    VariableMap variables = Variables.createVariables()
        .putValue(WorkVariables.PLAN_ID.name(), "2021")
        .putValue(WorkVariables.YEAR.name(), 2027)
        .putValue(WorkVariables.ITEM_NO.name(), "1")
        .putValue(WorkVariables.PART_ID.name(), "1-q2")
        .putValue(WorkVariables.MILESTONE_TITLE.name(), "完成第一次共同巡河")
        .putValue(WorkVariables.DOCUMENT_TITLE.name(), null)
        .putValue(WorkVariables.DEADLINE.name(), DEADLINE)
        .putValue(WorkVariables.FOLLOW_UP.name(), FOLLOW_UP)
        .putValue(WorkVariables.OUTCOME_DEADLINE.name(), OUTCOME_DEADLINE)
        .putValue(WorkVariables.OUTCOME_FOLLOW_UP.name(), OUTCOME_FOLLOW_UP)
        .putValue(WorkVariables.RESPONSIBLE_GROUPS.name(), RESPONSIBLE)
        .putValue(WorkVariables.IMPLEMENTING_GROUPS.name(), implementing)
        .putValue(WorkVariables.COOPERATING_GROUPS.name(), COOPERATING)
        .putValue(WorkVariables.CONTRIBUTOR_GROUPS.name(), implementing)
        .putValue(WorkVariables.ITEM_GROUPS.name(), RESPONSIBLE);
    return engine.getRuntimeService().startProcessInstanceByKey(JointPatrolProcess.KEY,
        "test-" + UUID.randomUUID(), variables);
  }

  private void plan(Task plan) {
    complete(plan, withVariables(
        JointPatrolProcess.PLANNED_DAY.name(), "2027-05-20",
        JointPatrolProcess.PLANNED_WATER_BODY.name(), "元荡、汾湖",
        JointPatrolProcess.PLANNED_PARTICIPANTS.name(), "三地河湖长及河长办"));
  }

  private static VariableMap recordOf(String findings) {
    return Variables.createVariables()
        .putValue(JointPatrolProcess.PATROL_DAY.name(), "2027-05-20")
        .putValue(JointPatrolProcess.PATROL_WATER_BODY.name(), "元荡、汾湖")
        .putValue(JointPatrolProcess.PATROL_PARTICIPANTS.name(), "青浦：区河长；吴江：区河长；嘉善：县河长")
        .putValue(JointPatrolProcess.FINDINGS.name(), findings)
        .putValue(JointPatrolProcess.PATROL_PHOTO.name(), file("巡河照片.jpg", "content of 巡河照片.jpg", null));
  }

  private void assertRefused(Task record, String findings, String... messageParts) {
    assertThatThrownBy(() -> engine.getTaskService().complete(record.getId(), recordOf(findings)))
        .isInstanceOfSatisfying(InvalidInputException.class, refused -> {
          assertThat(refused.field()).isEqualTo(JointPatrolProcess.FINDINGS.name());
          assertThat(refused.getMessage()).contains("字段 findings（发现的问题）").contains(messageParts);
        });
  }

  private List<Task> tasks(ProcessInstance patrol, String taskKey) {
    return engine.getTaskService().createTaskQuery().processInstanceId(patrol.getId())
        .taskDefinitionKey(taskKey).list();
  }

  private Task taskOf(List<Task> tasks, String group) {
    return tasks.stream().filter(task -> candidateGroups(engine, task).contains(group)).findFirst().orElseThrow();
  }

  private Task verificationOf(List<Task> tasks, String problem) {
    return tasks.stream().filter(task -> task.getDescription().contains(problem)).findFirst().orElseThrow();
  }

  private List<HistoricVariableInstance> history(ProcessInstance patrol, String name) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(patrol.getId()).variableName(name).list();
  }

  /** The process-level value of a variable, running or ended. */
  private Object variable(ProcessInstance patrol, String name) {
    return history(patrol, name).stream()
        .filter(variable -> patrol.getId().equals(variable.getActivityInstanceId()))
        .findFirst().map(HistoricVariableInstance::getValue).orElse(null);
  }

  private List<Map<String, String>> choices(ProcessInstance patrol) {
    try {
      return new ObjectMapper().readValue((String) variable(patrol, JointPatrolProcess.AGENCY_CHOICES.name()),
          new TypeReference<>() {});
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
