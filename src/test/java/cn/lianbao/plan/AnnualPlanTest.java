package cn.lianbao.plan;

import org.camunda.bpm.engine.variable.Variables;
import cn.lianbao.support.ProcessTests;
import org.camunda.bpm.engine.runtime.Job;
import static cn.lianbao.support.ProcessTests.assertDates;
import static cn.lianbao.support.ProcessTests.candidateGroups;
import static cn.lianbao.support.ProcessTests.historic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.process.InvalidInputException;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.type.ValueType;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The 2021 plan run as a whole year, in seconds: the engine clock moves from deadline to deadline
 * and every agency does its work in its own tasks. Each test takes a year of its own (a year has
 * one plan).
 */
@LianbaoTest
class AnnualPlanTest {

  @Autowired ProcessEngine engine;
  @Autowired PlanCatalog plans;
  @Autowired PlanCalendar calendar;

  @Test
  void aYearWorkedInTimeMeetsEveryMilestoneDeliversEveryOutcomeAndEndsThePlan() {
    int year = 2031;
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 1, 4), 9));
    ProcessInstance plan = driver.start("2021");
    Plan plan2021 = plans.get("2021");

    assertThat(plan).isWaitingAt(AnnualPlanProcess.Elements.RUN_ITEM);
    assertThat(milestones(year)).as("every milestone part is open from the start")
        .hasSize(plan2021.parts().size());
    assertThat(driver.openTasks()).as("work for every part is open in Tasklist from the start")
        .extracting(task -> task.getName()).allMatch(name -> name.startsWith("【"));
    assertThat(driver.openTasks()).as("a task says what and where, and quotes the plan")
        .filteredOn(task -> task.getName().equals("【4a 排污口清单】苏州市 · 起草成果文件《太浦河沿线排污口清单》"))
        .singleElement().satisfies(task -> {
          assertThat(candidateGroups(engine, task)).containsExactly("suzhou-gov");
          assertThat(task.getDescription()).contains("【节点】完成太浦河沿线排污口排摸，形成排污口清单（截止 2031年9月15日）")
              .contains("【工作要求】正文：共同排摸并形成太浦河沿线排污口清单；建立太浦河区域生态环境应急联动合作机制。（苏州市人民政府牵头，")
              .contains("指导） 附表：共同排摸并形成太浦河沿线排污口清单\n")
              .contains("\n【进度安排】第三季度：完成排摸形成清单\n")
              .contains("【说明】正文第（四）项的工作要求和预期成果为一段").contains("正文为苏州市牵头");
          Date partsDue = calendar.endOfDay(LocalDate.of(year, 9, 15));
          assertDates(task, partsDue, calendar.followUp(partsDue));
        });
    assertThat(driver.openTasks()).extracting(task -> task.getName())
        .as("a joint task names its agencies in the agency file's order")
        .contains("【1 一河三湖联合巡河】上海河长办、江苏河长办、浙江河长办 · 确定巡河安排（第一次）",
            "【1 一河三湖联合巡河】上海河长办、江苏河长办、浙江河长办 · 确定巡河安排（第二次）",
            "【1 一河三湖联合巡河】上海河长办、江苏河长办、浙江河长办 · 召集协商会议（年度总结会议）",
            "【7 联合执法】上海生态环境局 · 召集协商会议（生态环境损害赔偿取证和损害评估探讨会）");
    assertThat(driver.openTasks()).extracting(task -> task.getName())
        .as("no two open tasks share a name").doesNotHaveDuplicates();
    assertThat(driver.openTasks()).as("a milestone's reading shows with its own tasks only")
        .filteredOn(task -> task.getName().startsWith("【1 一河三湖联合巡河】"))
        .allSatisfy(task -> {
          if (task.getName().contains("（第一次）")) {
            assertThat(task.getDescription()).as("patrol-1 is due 6-30").doesNotContain("12月31日");
          } else if (task.getName().contains("（第二次）")) {
            assertThat(task.getDescription()).as("patrol-2 is due 11-30 (issue 12)").contains("按11月30日截止");
          } else {
            assertThat(task.getDescription()).contains("按12月31日截止");
          }
        });
    assertThat(driver.openTasks()).as("the campaign's tasks name the event of the plan file, in the year run")
        .filteredOn(task -> task.getName().startsWith("【11 水葫芦防控】"))
        .filteredOn(task -> task.getDescription().contains("联合调研检查，编制专项整治行动方案"))
        .isNotEmpty()
        .allSatisfy(task -> assertThat(task.getDescription())
            .contains("【保障活动】第四届中国国际进口博览会（" + year + "年11月5日）")
            .contains("专项整治行动须在第四届中国国际进口博览会（11月5日）开幕前落实到位。"));

    driver.workUntil(PlanDriver.at(LocalDate.of(year + 1, 1, 2), 9), task -> false);

    assertThat(plan).isEnded();
    assertThat(driver.tasksWithoutDates()).as("tasks without a due or follow-up date").isEmpty();
    List<HistoricProcessInstance> parts = milestones(year);
    assertThat(parts).hasSize(plan2021.parts().size());
    for (HistoricProcessInstance part : parts) {
      assertThat(historic(engine, part.getId(), "delivered")).as(part.getBusinessKey() + " delivered").isEqualTo(true);
      assertThat(historic(engine, part.getId(), "overdue")).as(part.getBusinessKey() + " overdue").isEqualTo(false);
      assertThat(historic(engine, part.getId(), "daysOverdue")).as(part.getBusinessKey()).isEqualTo(0);
    }
    List<HistoricProcessInstance> documents = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("outcome-document").processInstanceBusinessKeyLike(year + "-%").list();
    assertThat(documents).hasSize((int) plan2021.parts().stream()
        .filter(part -> part.milestone().work().equals("outcome-document")).count());
    for (HistoricProcessInstance document : documents) {
      assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
          .processInstanceId(document.getId()).list())
          .as(document.getBusinessKey() + " keeps its documents")
          .anyMatch(variable -> variable.getTypedValue().getType() == ValueType.FILE);
    }
  }

  @Test
  void everyItemsTasksGoToTheAgenciesItsRolesName() {
    int year = 2032;
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 1, 4), 9));
    driver.start("2021");
    driver.workUntil(PlanDriver.at(LocalDate.of(year + 1, 1, 2), 9), task -> false);

    for (PlanItem item : plans.get("2021").items()) {
      Set<String> working = new HashSet<>();
      for (Map.Entry<String, List<String>> task : driver.groupsByTask().entrySet()) {
        String businessKey = task.getKey().split(" ")[1];
        if (!businessKey.startsWith(year + "-" + item.no() + "-")) {
          continue;
        }
        MilestonePart part = item.part(businessKey.substring((year + "-" + item.no() + "-").length()));
        List<String> groups = task.getValue();
        assertThat(groups).as(task.getKey()).isNotEmpty();
        if (groups.size() > 1 || part.responsibleGroups().containsAll(groups)) {
          assertThat(groups).as(task.getKey() + ": the responsible agencies' joint task")
              .containsExactlyInAnyOrderElementsOf(part.responsibleGroups());
        } else {
          assertThat(part.contributorGroups()).as(task.getKey() + ": an implementing or cooperating agency's own task")
              .contains(groups.get(0));
        }
        working.addAll(groups);
      }
      List<String> expected = new ArrayList<>(item.roles().all());
      expected.removeAll(item.roles().guiding());
      assertThat(working).as("item " + item.no() + ": every agency with work gets tasks, guiding ones none")
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void whenSuzhouMissesTheThirdQuarterOutfallDeadlineOnlyItsPartIsOverdueAndItsWorkStaysOpen() {
    int year = 2033;
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 1, 4), 9));
    driver.start("2021");
    String suzhouOutfalls = year + "-4a-outfall-list:suzhou-gov";

    driver.workUntil(PlanDriver.at(LocalDate.of(year, 10, 8), 9),
        task -> driver.businessKey(task).equals(suzhouOutfalls));

    List<String> overdue = milestones(year).stream()
        .filter(part -> Boolean.TRUE.equals(historic(engine, part.getId(), "overdue")))
        .map(HistoricProcessInstance::getBusinessKey).toList();
    assertThat(overdue).containsExactly(suzhouOutfalls);
    assertThat(driver.openTasks()).filteredOn(task -> driver.businessKey(task).equals(suzhouOutfalls))
        .as("Suzhou's outfall work stays open").isNotEmpty()
        .allMatch(task -> task.getName().contains("苏州市"));
    assertThat(historic(engine, milestone(year, "4a-outfall-list:qingpu-gov").getId(), "delivered")).isEqualTo(true);
    assertThat(historic(engine, milestone(year, "4a-outfall-list:jiaxing-gov").getId(), "overdue")).isEqualTo(false);

    driver.workUntil(PlanDriver.at(LocalDate.of(year + 1, 1, 2), 9), task -> false);
    HistoricProcessInstance late = milestone(year, "4a-outfall-list:suzhou-gov");
    assertThat(historic(engine, late.getId(), "delivered")).isEqualTo(true);
    assertThat(historic(engine, late.getId(), "overdue")).as("the lateness stays on record").isEqualTo(true);
    assertThat((Integer) historic(engine, late.getId(), "daysOverdue")).isGreaterThan(0);
  }

  @Test
  void aPlanStartedMidYearHasItsPassedMilestonesOverdueFromTheStartAndTheirWorkOpen() {
    int year = 2034;
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 8, 15), 9));
    driver.start("2021");
    driver.fireDueTimers();

    Date endOfJune = calendar.quarterEnd(year, 2);
    List<String> passed = plans.get("2021").parts().stream()
        .filter(part -> new MilestoneOpener(plans, calendar, new MilestoneState(calendar)).deadline(part.milestone(), year).compareTo(endOfJune) <= 0)
        .map(part -> year + "-" + part.item().no() + "-" + part.id()).toList();
    List<String> overdue = milestones(year).stream()
        .filter(part -> Boolean.TRUE.equals(historic(engine, part.getId(), "overdue")))
        .map(HistoricProcessInstance::getBusinessKey).toList();
    assertThat(passed).isNotEmpty();
    assertThat(overdue).containsExactlyInAnyOrderElementsOf(passed);
    assertThat(driver.openTasks()).extracting(driver::businessKey).containsAll(passed);
  }

  @Test
  void aYearHasOnePlanASecondStartIsRefusedAndAWrongYearOrPlanNamesTheField() {
    int year = 2035;
    PlanDriver driver = new PlanDriver(engine, year);
    driver.start("2021");

    assertThatThrownBy(() -> driver.start("2021"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("2035 年的年度计划已经启动");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(AnnualPlanProcess.KEY).processInstanceBusinessKey("2035").count()).isOne();

    assertThatThrownBy(() -> new PlanDriver(engine, 1999).start("2021"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("字段 year");
    // 2100's Q4 escalations would fall due in 2101, past the dates the engine stores
    assertThatThrownBy(() -> new PlanDriver(engine, 2100).start("2021"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("字段 year").hasMessageContaining("2099");
    assertThatThrownBy(() -> new PlanDriver(engine, 2036).start("2099"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("字段 planId")
        .hasMessageContaining("2021");
  }

  @Test
  void aYearWhosePlanAnAdministratorDeletedCanBeStartedAgainEvenIfTheDeletionSkippedTheListeners() {
    int year = 2038;
    PlanDriver driver = new PlanDriver(engine, year);
    String first = driver.start("2021").getId();
    engine.getRuntimeService().deleteProcessInstance(first, "计划有误，重新启动", true);

    String second = driver.start("2021").getId();

    assertThat(second).isNotEqualTo(first);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(AnnualPlanProcess.KEY).processInstanceBusinessKey(String.valueOf(year)).count()).isOne();
    assertThatThrownBy(() -> driver.start("2021"))
        .as("the new plan holds the year again")
        .isInstanceOf(InvalidInputException.class).hasMessageContaining(year + " 年的年度计划已经启动");
  }

  @Test
  void startingAYearAnswersAtOnceAndEachItemAndMilestoneOpensInItsOwnJob() {
    int year = 2039;
    new PlanDriver(engine, year).clockAt(PlanDriver.at(LocalDate.of(year, 1, 5), 9));
    engine.getRuntimeService().startProcessInstanceByKey(AnnualPlanProcess.KEY, String.valueOf(year),
        Variables.createVariables().putValue(AnnualPlanProcess.PLAN_ID.name(), "2021")
            .putValue(AnnualPlanProcess.YEAR.name(), year));

    int items = plans.get("2021").items().size();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PlanItemProcess.KEY)
        .processInstanceBusinessKeyLike(year + "-%").count()).as("no item opened inside the start").isZero();
    List<Job> itemJobs = engine.getManagementService().createJobQuery().messages()
        .processDefinitionKey(AnnualPlanProcess.KEY).list();
    assertThat(itemJobs).as("one job per item").hasSize(items);

    engine.getManagementService().executeJob(itemJobs.get(0).getId());
    ProcessInstance item = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(PlanItemProcess.KEY).processInstanceBusinessKeyLike(year + "-%").singleResult();
    long parts = engine.getManagementService().createJobQuery().messages().processInstanceId(item.getId()).count();
    assertThat(parts).as("its milestones wait in jobs of their own").isPositive();
    assertThat(milestones(year)).isEmpty();

    ProcessTests.runAsyncJobs(engine);
    assertThat(milestones(year)).hasSize(plans.get("2021").parts().size());
  }

  @Test
  void twoStartsOfTheSameYearAtOnceMakeOnePlan() throws Exception {
    int year = 2037;
    CyclicBarrier together = new CyclicBarrier(2);
    Callable<String> start = () -> {
      together.await(10, TimeUnit.SECONDS);
      try {
        new PlanDriver(engine, year).start("2021");
        return "started";
      } catch (InvalidInputException e) {
        return "refused: " + e.getMessage();
      }
    };
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Future<String> first = two.submit(start);
      Future<String> second = two.submit(start);
      List<String> outcomes = List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));
      assertThat(outcomes).filteredOn(outcome -> outcome.equals("started")).hasSize(1);
      assertThat(outcomes).filteredOn(outcome -> outcome.startsWith("refused")).singleElement()
          .asString().contains(year + " 年的年度计划已经启动");
    } finally {
      two.shutdownNow();
    }
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(AnnualPlanProcess.KEY).processInstanceBusinessKey(String.valueOf(year)).count()).isOne();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(PlanItemProcess.KEY).processInstanceBusinessKeyLike(year + "-%").count())
        .isEqualTo(plans.get("2021").items().size());
  }

  private List<HistoricProcessInstance> milestones(int year) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(PlanMilestoneProcess.KEY).processInstanceBusinessKeyLike(year + "-%").list();
  }

  private HistoricProcessInstance milestone(int year, String itemAndPart) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(PlanMilestoneProcess.KEY).processInstanceBusinessKey(year + "-" + itemAndPart)
        .singleResult();
  }
}
