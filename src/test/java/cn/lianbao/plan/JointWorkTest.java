package cn.lianbao.plan;

import cn.lianbao.guidance.Guidance;

import static cn.lianbao.support.ProcessTests.candidateGroups;
import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Joint work where each city leads its own part (items 2 and 4a, issue 12 "Joint work done by one
 * agency"): the parts are merged into the one list the plan asks for ("共同排摸并形成太浦河沿线排污口清单",
 * "确定每个重点跨界水体的牵头部门"), by Suzhou for 4a as the 正文 names it; the merged list still meets the
 * seed's quarter; and the other cities take part in each city's meeting and patrol.
 */
@LianbaoTest
class JointWorkTest {

  /** The seed's quarter of the milestones whose parts are merged (plan-2021.md, items 2 and 4a). */
  static final Map<String, Integer> SEED_QUARTER = Map.of("4a", 3, "2", 2);

  @Autowired ProcessEngine engine;
  @Autowired PlanCatalog plans;
  @Autowired PlanCalendar calendar;

  MilestoneOpener opener() {
    return new MilestoneOpener(plans, calendar, new MilestoneState(calendar));
  }

  @Test
  void suzhouMergesTheOutfallListsOnTheLastDayOfTheQuarterAndTheCitiesDeliverTheirsAFortnightEarlier() {
    int year = 2111;
    PlanItem item = plans.get("2021").item("4a").orElseThrow();
    MilestonePart merge = item.part("outfall-list-joint");
    assertThat(merge.responsibleGroups()).containsExactly("suzhou-gov");
    assertThat(merge.contributorGroups()).as("the other cities review the merged list")
        .containsExactlyInAnyOrder("qingpu-gov", "jiaxing-gov");
    assertThat(merge.milestone().title()).contains("共同排摸").contains("形成太浦河沿线排污口清单");
    assertThat(opener().deadline(merge.milestone(), year)).isEqualTo(calendar.endOfDay(LocalDate.of(year, 9, 30)));
    for (String city : List.of("qingpu-gov", "suzhou-gov", "jiaxing-gov")) {
      MilestonePart part = item.part("outfall-list:" + city);
      assertThat(opener().deadline(part.milestone(), year)).isEqualTo(calendar.endOfDay(LocalDate.of(year, 9, 15)));
    }
    assertThat(item.parts()).extracting(MilestonePart::id).doesNotHaveDuplicates()
        .containsOnlyOnce("outfall-list-joint");

    MilestonePart leadDepartments = plans.get("2021").item("2").orElseThrow().part("lead-departments-joint");
    assertThat(leadDepartments.responsibleGroups()).containsExactly("qingpu-gov");
    assertThat(opener().deadline(leadDepartments.milestone(), year))
        .isEqualTo(calendar.endOfDay(LocalDate.of(year, 6, 30)));
  }

  @Test
  void everyChosenDateLiesOnOrBeforeTheMilestoneItFeedsAndTheMergeMeetsTheSeedsQuarter() {
    int year = 2112;
    Plan plan = plans.get("2021");
    int merges = 0;
    for (PlanItem item : plan.items()) {
      for (Milestone milestone : item.milestones()) {
        if (!milestone.isMerge()) {
          continue;
        }
        merges++;
        Milestone parts = item.milestones().stream().filter(m -> m.id().equals(milestone.merges())).findFirst()
            .orElseThrow();
        Date merged = opener().deadline(milestone, year);
        assertThat(opener().deadline(parts, year)).as(item.no() + " " + parts.id() + " feeds " + milestone.id())
            .isBefore(merged);
        assertThat(merged).as(item.no() + " " + milestone.id() + " meets the seed's quarter")
            .isBeforeOrEqualTo(calendar.quarterEnd(year, SEED_QUARTER.get(item.no())));
      }
    }
    assertThat(merges).isEqualTo(SEED_QUARTER.size());
  }

  @Test
  void theOtherCitiesTakePartInEachCitysMeetingAndPatrolAndTheMergeDraftShowsThePartsDeliveredSoFar() {
    int year = 2099; // the brief's 2111–2120 lie past the last year a plan may run (2100)
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 1, 4), 9));
    ProcessInstance plan = driver.start("2021");
    assertThat(plan).isNotNull();

    Task mergeDraft = task(driver, year + "-4a-outfall-list-joint");
    assertThat(candidateGroups(engine, mergeDraft)).containsExactly("suzhou-gov");
    assertThat(mergeDraft.getName()).contains("苏州市").contains("太浦河沿线排污口清单（汇总）");
    assertThat(mergeDraft.getDueDate()).isEqualTo(calendar.endOfDay(LocalDate.of(year, 9, 30)));
    assertThat(driver.formFields(mergeDraft)).as("shown by the form's script, never submitted")
        .extracting(field -> field.name()).doesNotContain("partDocuments");
    assertThat(engine.getTaskService().getVariable(mergeDraft.getId(), "partDocuments").toString())
        .contains("青浦区：尚未定稿报送", "苏州市：尚未定稿报送", "嘉兴市：尚未定稿报送");

    // Qingpu signs off its own outfall list: Suzhou's merge draft shows it, the others not yet
    String qingpuOutfalls = year + "-4a-outfall-list:qingpu-gov";
    driver.complete(task(driver, qingpuOutfalls));
    driver.complete(task(driver, qingpuOutfalls));
    assertThat(driver.openTasks()).noneMatch(task -> driver.businessKey(task).equals(qingpuOutfalls));
    assertThat(engine.getTaskService().getVariable(mergeDraft.getId(), "partDocuments").toString())
        .contains("青浦区：已定稿《太浦河沿线排污口清单》", "苏州市：尚未定稿报送", "嘉兴市：尚未定稿报送");

    // Qingpu convenes its consultation meeting: Suzhou and Jiaxing confirm attendance and give their views
    driver.complete(task(driver, year + "-2-consultation:qingpu-gov"));
    assertThat(tasks(driver, year + "-2-consultation:qingpu-gov")).flatExtracting(task -> candidateGroups(engine, task))
        .containsExactlyInAnyOrder("suzhou-gov", "jiaxing-gov");

    // Jiaxing plans its patrol: Qingpu and Suzhou confirm their participants
    driver.complete(task(driver, year + "-2-joint-patrol:jiaxing-gov"));
    assertThat(tasks(driver, year + "-2-joint-patrol:jiaxing-gov")).flatExtracting(task -> candidateGroups(engine, task))
        .containsExactlyInAnyOrder("qingpu-gov", "suzhou-gov");
  }

  /** The open tasks of the part's work (not the guiding agencies' tasks to read it). */
  private List<Task> tasks(PlanDriver driver, String businessKey) {
    return driver.openTasks().stream().filter(task -> driver.businessKey(task).equals(businessKey))
        .filter(task -> !Guidance.TASKS.contains(task.getTaskDefinitionKey())).toList();
  }

  private Task task(PlanDriver driver, String businessKey) {
    List<Task> found = tasks(driver, businessKey);
    assertThat(found).as(businessKey).hasSize(1);
    return found.get(0);
  }
}
