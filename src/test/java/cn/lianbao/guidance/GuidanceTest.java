package cn.lianbao.guidance;

import static cn.lianbao.support.ProcessTests.candidateGroups;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.lianbao.escalation.Escalation;
import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import cn.lianbao.tasklist.TasklistFilters;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The guiding agencies (指导) of an item get a task for each of its milestones when its work opens
 * (issue 12): 指导参会 for item 7's seminar (太湖流域局, 太湖东海局), 指导阅知 for the documents of
 * items 4a and 8 (the Executive Committee among others). Without dates, never escalated, closed by
 * the delivery with the opinions kept. Plan years 2082–2083 (the brief's 2121–2130 lie beyond the engine's date range, 2000–2100).
 */
@LianbaoTest
class GuidanceTest {

  @Autowired ProcessEngine engine;

  @Test
  void theBasinAuthoritiesAreInvitedToItem7sSeminarAndTheirTasksCloseWithTheDeliveryKeepingTheOpinion() {
    int year = 2082;
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 10, 8), 9));
    ProcessInstance seminar = milestone(year, "7", "seminar");

    List<Task> guides = guidanceTasks(seminar);
    assertThat(guides).extracting(Task::getTaskDefinitionKey).containsOnly(Guidance.Elements.GUIDE_MEETING);
    assertThat(guides).flatExtracting(task -> candidateGroups(engine, task))
        .containsExactlyInAnyOrder("taihu-basin", "taihu-eco-supervision");
    assertThat(guides).allSatisfy(task -> {
      assertThat(task.getDueDate()).as("no due date").isNull();
      assertThat(task.getFollowUpDate()).as("no follow-up date").isNull();
      assertThat(task.getName()).startsWith("【7 ").contains("指导参会").contains("探讨会");
    });
    assertThat(driver.openTasks()).as("the lead's work opens alongside")
        .anyMatch(task -> task.getName().contains("召集协商会议"));

    // the basin authority's officer gives an opinion: its own group's task, with the engine's authorizations
    Task basin = guides.stream().filter(task -> candidateGroups(engine, task).contains("taihu-basin")).findFirst()
        .orElseThrow();
    engine.getIdentityService().setAuthentication("taihu-basin-officer", List.of("taihu-basin"));
    try {
      engine.getTaskService().complete(basin.getId(),
          Variables.createVariables().putValue(Guidance.OPINION.name(), "建议邀请损害评估专家参会"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }

    driver.completeDueBy(PlanDriver.endOfDay(year, 12, 31), task -> false);
    assertThat(seminar).isEnded();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(seminar.getId()).count()).isZero();
    List<HistoricTaskInstance> history = engine.getHistoryService().createHistoricTaskInstanceQuery()
        .processInstanceId(seminar.getId()).taskDefinitionKey(Guidance.Elements.GUIDE_MEETING).list();
    assertThat(history).hasSize(2).allSatisfy(task -> assertThat(task.getEndTime()).isNotNull());
    assertThat(seminar).hasPassed(Guidance.Elements.GUIDANCE_CLOSED);
    List<HistoricVariableInstance> opinions = engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceIdIn(seminar.getId()).variableName(Guidance.OPINION.name()).list();
    assertThat(opinions).extracting(HistoricVariableInstance::getValue).contains("建议邀请损害评估专家参会");
  }

  @Test
  void theDocumentsGuidesReadWithoutEverBeingOverdueOrEscalated() {
    int year = 2083;
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 7, 1), 9));
    ProcessInstance table = milestone(year, "8", "section-table");
    ProcessInstance outfalls = milestone(year, "4a", "outfall-list:suzhou-gov");

    List<Task> tableGuides = guidanceTasks(table);
    assertThat(tableGuides).extracting(Task::getTaskDefinitionKey).containsOnly(Guidance.Elements.GUIDE_READ);
    assertThat(tableGuides).flatExtracting(task -> candidateGroups(engine, task))
        .containsExactlyInAnyOrder("taihu-eco-supervision", "taihu-basin", "exec-committee");
    assertThat(tableGuides).allSatisfy(task ->
        assertThat(task.getName()).contains("指导阅知《重要水体联合监测断面信息表》"));
    assertThat(guidanceTasks(outfalls)).flatExtracting(task -> candidateGroups(engine, task))
        .contains("exec-committee", "taihu-basin", "taihu-eco-supervision");
    assertThat(guidanceTasks(outfalls)).filteredOn(task -> candidateGroups(engine, task).contains("exec-committee"))
        .singleElement().satisfies(task -> assertThat(task.getName()).isEqualTo(
            "【4a 排污口清单】执委会 · 指导阅知《太浦河沿线排污口清单》（苏州市）"));

    // nobody works the table: the deadline (end of Q3) passes and the ladder climbs to level 2
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 10, 20), 9));
    driver.fireDueTimers();
    assertThat(engine.getRuntimeService().getVariable(table.getId(), "escalationLevel")).isEqualTo(2);
    assertThat(guidanceTasks(table)).as("still open, never due").hasSize(3)
        .allSatisfy(task -> assertThat(task.getDueDate()).isNull());
    Task explain = engine.getTaskService().createTaskQuery().processInstanceId(table.getId())
        .taskDefinitionKey(Escalation.Elements.EXPLAIN_DELAY).list().get(0);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(table.getId())
        .taskDefinitionKey(Escalation.Elements.EXPLAIN_DELAY).list())
        .flatExtracting(task -> candidateGroups(engine, task))
        .as("the guides are not late").doesNotContain("exec-committee-leaders", "taihu-basin-leaders",
            "taihu-eco-supervision-leaders");
    assertThat(explain).isNotNull();
    assertThat(filter(TasklistFilters.OVERDUE, "exec-committee-officer", "exec-committee"))
        .as("已逾期 of a guide").noneMatch(task -> Guidance.TASKS.contains(task.getTaskDefinitionKey()));
    assertThat(filter(TasklistFilters.DUE_SOON, "exec-committee-officer", "exec-committee"))
        .noneMatch(task -> Guidance.TASKS.contains(task.getTaskDefinitionKey()));
    assertThat(filter(TasklistFilters.GUIDANCE, "exec-committee-officer", "exec-committee"))
        .extracting(Task::getProcessInstanceId).contains(table.getId(), outfalls.getId());
    assertThat(filter(TasklistFilters.MY_AGENCY, "exec-committee-officer", "exec-committee"))
        .as("本单位待办 lists work, not the guides' reading")
        .noneMatch(task -> Guidance.TASKS.contains(task.getTaskDefinitionKey()));

    // the late work is done: delivery closes the guides' tasks
    driver.completeDueBy(PlanDriver.endOfDay(year + 1, 12, 31),
        task -> task.getProcessInstanceId().equals(table.getId()) || task.getProcessInstanceId().equals(outfalls.getId()));
    assertThat(table).isEnded();
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(table.getId())
        .taskDefinitionKey(Guidance.Elements.GUIDE_READ).finished().count()).isEqualTo(3);
  }

  private ProcessInstance milestone(int year, String itemNo, String partId) {
    String key = year + "-" + itemNo + "-" + partId;
    engine.getRuntimeService().startProcessInstanceByKey(PlanMilestoneProcess.KEY, key,
        Map.of("planId", "2021", "year", year, "itemNo", itemNo, "partId", partId));
    cn.lianbao.support.ProcessTests.runAsyncJobs(engine);
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PlanMilestoneProcess.KEY)
        .processInstanceBusinessKey(key).singleResult();
  }

  private List<Task> guidanceTasks(ProcessInstance milestone) {
    return engine.getTaskService().createTaskQuery().processInstanceId(milestone.getId())
        .taskDefinitionKeyIn(Guidance.TASKS.toArray(String[]::new)).list();
  }

  private List<Task> filter(String name, String user, String group) {
    String id = engine.getFilterService().createFilterQuery().filterName(name).singleResult().getId();
    engine.getIdentityService().setAuthentication(user, List.of(group));
    try {
      return engine.getFilterService().list(id);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
