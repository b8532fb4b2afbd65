package cn.lianbao.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class PlanFileReaderTest {

  static final Set<String> AGENCIES = Set.of("sh-river-chief-office", "js-river-chief-office",
      "zj-river-chief-office", "qingpu-gov", "suzhou-gov", "jiaxing-gov", "sh-eco-env", "js-eco-env", "zj-eco-env",
      "sh-water", "js-water", "zj-water", "taihu-basin", "taihu-eco-supervision", "exec-committee");

  private static Plan read(String text) {
    return new PlanFileReader("plans/test.yml", AGENCIES::contains).read(text);
  }

  static String plan2021() throws IOException {
    return new ClassPathResource("plans/plan-2021.yml").getContentAsString(StandardCharsets.UTF_8);
  }

  @Test
  void thePlanOf2021HoldsEveryRowOfThePlanWithItsRoles() throws IOException {
    Plan plan = read(plan2021());

    assertThat(plan.id()).isEqualTo("2021");
    assertThat(plan.items()).extracting(PlanItem::no)
        .containsExactly("1", "2", "3", "4a", "4b", "5", "6", "7", "8", "9", "10", "11", "12");
    assertThat(plan.dates()).containsEntry("expoOpening", MonthDay.of(11, 5));

    PlanItem first = plan.item("1").orElseThrow();
    assertThat(first.roles().lead()).containsExactly("sh-river-chief-office");
    assertThat(first.roles().coLead()).containsExactly("js-river-chief-office", "zj-river-chief-office");
    assertThat(first.milestones()).extracting(Milestone::id)
        .containsExactly("patrol-1", "patrol-2", "summary-meeting", "rectification-report");
    assertThat(first.milestones().get(0).quarter()).isEqualTo(2);
    // issue 12: the patrols' problems are rectified within the year, before the item's problem list and report
    assertThat(first.milestones().get(0).rectifyBy()).isEqualTo(MonthDay.of(9, 30));
    assertThat(first.milestones().get(1).date()).isEqualTo(MonthDay.of(11, 30));
    assertThat(first.milestones().get(1).rectifyBy()).isEqualTo(MonthDay.of(12, 20));
    assertThat(first.milestones().get(3).work()).isEqualTo("rectification-report");
    assertThat(first.milestones().get(3).quarter()).isEqualTo(4);
    Milestone itemTwoPatrol = plan.item("2").orElseThrow().milestones().stream()
        .filter(milestone -> milestone.id().equals("joint-patrol")).findFirst().orElseThrow();
    assertThat(itemTwoPatrol.date()).isEqualTo(MonthDay.of(11, 30));
    assertThat(itemTwoPatrol.rectifyBy()).isEqualTo(MonthDay.of(12, 20));
    assertThat(first.outcome()).isEqualTo("建立问题清单，及时落实整改，并形成整改报告。");
    assertThat(first.readings()).anyMatch(reading -> reading.contains("两次"));

    PlanItem outfalls = plan.item("4a").orElseThrow();
    assertThat(outfalls.roles().eachLeads()).containsExactly("qingpu-gov", "suzhou-gov", "jiaxing-gov");
    assertThat(outfalls.roles().guiding()).contains("exec-committee", "taihu-basin");
    assertThat(outfalls.parts()).extracting(MilestonePart::id).containsExactly(
        "outfall-list:qingpu-gov", "outfall-list:suzhou-gov", "outfall-list:jiaxing-gov", "outfall-list-joint",
        "remediation-plan:qingpu-gov", "remediation-plan:suzhou-gov", "remediation-plan:jiaxing-gov");
    assertThat(outfalls.part("outfall-list:suzhou-gov").responsibleGroups()).containsExactly("suzhou-gov");

    PlanItem monitoring = plan.item("8").orElseThrow();
    assertThat(monitoring.parts()).singleElement().satisfies(part -> {
      assertThat(part.responsibleGroups()).containsExactly("sh-eco-env", "sh-water");
      assertThat(part.contributorGroups()).containsExactly("js-eco-env", "zj-eco-env", "js-water", "zj-water");
    });

    Milestone campaign = plan.item("11").orElseThrow().milestones().stream()
        .filter(milestone -> milestone.id().equals("campaign")).findFirst().orElseThrow();
    assertThat(campaign.day(2021)).as("in force the day before the Expo opens on 5 November 2021")
        .isEqualTo(LocalDate.of(2021, 11, 4));
    assertThat(campaign.work()).isEqualTo("hyacinth-campaign");

    for (String ongoing : List.of("3", "5", "10", "11", "12")) {
      assertThat(plan.item(ongoing).orElseThrow().milestones()).as("item " + ongoing + " reports every quarter")
          .filteredOn(milestone -> milestone.work().equals("progress-report"))
          .extracting(Milestone::quarter).containsExactly(1, 2, 3, 4);
    }
  }

  @Test
  void anUnknownAgencyIsNamedWithFileLineItemAndField() {
    assertThatThrownBy(() -> read(minimal("lead: [shanghai-gov]", "quarter: 2")))
        .isInstanceOf(PlanFileException.class)
        .hasMessageContaining("plans/test.yml")
        .hasMessageContaining("第 8 行")
        .hasMessageContaining("事项 9")
        .hasMessageContaining("roles.lead")
        .hasMessageContaining("未知单位 'shanghai-gov'");
  }

  @Test
  void anItemWithoutALeadIsRefused() {
    assertThatThrownBy(() -> read(minimal("cooperating: [js-water]", "quarter: 2")))
        .hasMessageContaining("事项 9")
        .hasMessageContaining("字段 roles")
        .hasMessageContaining("没有牵头单位");
  }

  @Test
  void aMilestoneInQuarterFiveIsRefused() {
    assertThatThrownBy(() -> read(minimal("lead: [js-water]", "quarter: 5")))
        .hasMessageContaining("第 13 行")
        .hasMessageContaining("字段 milestones.report.quarter")
        .hasMessageContaining("quarter 只能是 1、2、3 或 4，实际为 5");
  }

  @Test
  void anUnknownRoleIsRefused() {
    assertThatThrownBy(() -> read(minimal("lead: [js-water]\n      supervising: [sh-water]", "quarter: 2")))
        .hasMessageContaining("第 9 行")
        .hasMessageContaining("未知角色 'supervising'");
  }

  @Test
  void anUnknownKindOfWorkAndAMalformedDateAreRefused() {
    assertThatThrownBy(() -> read(minimal("lead: [js-water]", "quarter: 2").replace("progress-report", "site-visit")))
        .hasMessageContaining("未知工作类型 'site-visit'");
    assertThatThrownBy(() -> read(minimal("lead: [js-water]", "date: \"13-45\"")))
        .hasMessageContaining("字段 milestones.report.date")
        .hasMessageContaining("MM-DD");
  }

  @Test
  void brokenYamlNamesItsLine() {
    assertThatThrownBy(() -> read("id: \"x\"\ntitle: t\nitems:\n  - no: [1\n"))
        .isInstanceOf(PlanFileException.class)
        .hasMessageContaining("计划文件 plans/test.yml 第 ")
        .hasMessageContaining("不是有效的 YAML");
  }

  @Test
  void theDayBeforeADateIsCountedInTheYearOfTheDeadline() {
    Plan plan = read(minimal("lead: [js-water]", "before: springDay").replace("items:", """
        dates:
          springDay: {date: "03-01", name: 春季活动}
        items:"""));
    Milestone report = plan.item("9").orElseThrow().milestones().get(0);
    assertThat(report.day(2024)).as("2024 is a leap year").isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(report.day(2023)).isEqualTo(LocalDate.of(2023, 2, 28));
  }

  @Test
  void aDateOfThePlanNamesItsEventAndReadingsWriteItOutFromThere() throws IOException {
    Plan plan = read(plan2021());
    assertThat(plan.dateNames()).containsEntry("expoOpening", "第四届中国国际进口博览会");
    assertThat(campaign(plan).reading()).as("the reading names the event and its day from dates")
        .startsWith("专项整治行动须在第四届中国国际进口博览会（11月5日）开幕前落实到位。");
    assertThat(plan2021().lines().filter(line -> line.contains("reading")))
        .as("no reading spells the Expo's day or edition; they are data in dates")
        .noneMatch(line -> line.contains("11月5日") || line.contains("进博会（"));
  }

  @Test
  void aNextYearsExpoOnAnotherDayLeavesNoReadingOrDeadlineOfTheOldOne() throws IOException {
    String year2022 = plan2021()
        .replace("expoOpening: {date: \"11-05\", name: 第四届中国国际进口博览会}",
            "expoOpening: {date: \"11-10\", name: 第五届中国国际进口博览会}");
    assertThat(year2022).as("the Expo is written once").isNotEqualTo(plan2021());
    Plan plan = read(year2022);
    Milestone campaign = campaign(plan);
    assertThat(campaign.day(2022)).isEqualTo(LocalDate.of(2022, 11, 9));
    assertThat(campaign.reading()).contains("第五届中国国际进口博览会（11月10日）开幕前");
    List<String> readings = new java.util.ArrayList<>();
    for (PlanItem item : plan.items()) {
      readings.addAll(item.readings());
      item.milestones().stream().map(Milestone::reading).filter(java.util.Objects::nonNull).forEach(readings::add);
    }
    assertThat(readings).noneMatch(reading -> reading.contains("11月5日") || reading.contains("第四届"));
  }

  @Test
  void aReadingReferringToAnUnknownDateAndADateWithoutItsEventAreRefused() {
    assertThatThrownBy(() -> read(minimal("lead: [js-water]", "quarter: 2\n        reading: 须在{expoOpening}前完成。")))
        .isInstanceOf(PlanFileException.class)
        .hasMessageContaining("字段 milestones.report.reading")
        .hasMessageContaining("计划中没有日期 'expoOpening'");
    assertThatThrownBy(() -> read(minimal("lead: [js-water]", "quarter: 2").replace("items:", """
        dates:
          springDay: "03-01"
        items:""")))
        .isInstanceOf(PlanFileException.class)
        .hasMessageContaining("dates.springDay");
    assertThatThrownBy(() -> read(minimal("lead: [js-water]", "quarter: 2").replace("items:", """
        dates:
          springDay: {date: "03-01"}
        items:""")))
        .isInstanceOf(PlanFileException.class)
        .hasMessageContaining("dates.springDay")
        .hasMessageContaining("名称");
  }

  @Test
  void anItemsReadingsDoNotStateTheDeadlineOfOneOfItsMilestones() throws IOException {
    Plan plan = read(plan2021());
    PlanItem patrols = plan.item("1").orElseThrow();
    assertThat(patrols.readings()).as("patrol-1 is due 6-30: the year-end reading belongs to the later milestones")
        .noneMatch(reading -> reading.contains("12月31日"));
    assertThat(patrols.milestones().get(1).reading()).contains("12月31日");
    for (PlanItem item : plan.items()) {
      assertThat(item.readings()).as("item " + item.no() + ": a deadline is a milestone's reading")
          .noneMatch(reading -> reading.contains("截止") || reading.contains("前完成"));
    }
  }

  private static Milestone campaign(Plan plan) {
    return plan.item("11").orElseThrow().milestones().stream()
        .filter(milestone -> milestone.id().equals("campaign")).findFirst().orElseThrow();
  }

  private static String eachLeadsWithMerge(String merge) {
    return """
        id: "test"
        title: 测试计划
        items:
          - no: "4a"
            category: 测试
            title: 测试事项
            shortTitle: 测试
            requirement: 要求
            outcome: 成果
            roles:
              eachLeads: [qingpu-gov, suzhou-gov, jiaxing-gov]
            milestones:
              - id: list
                work: outcome-document
                document: 清单
                title: 形成清单
                date: "09-15"
              - id: list-joint
                work: outcome-document
                document: 汇总清单
                title: 汇总清单
                %s
        """.formatted(merge);
  }

  @Test
  void aMergeIsDueItsDaysAfterTheParts() {
    Milestone merge = read(eachLeadsWithMerge("""
        merges: list
                by: suzhou-gov
                daysAfterParts: 15""")).item("4a").orElseThrow().milestones().get(1);

    assertThat(merge.isMerge()).isTrue();
    assertThat(merge.mergedBy()).isEqualTo("suzhou-gov");
    assertThat(merge.day(2021)).as("fifteen days after 15 September").isEqualTo(LocalDate.of(2021, 9, 30));
  }

  @Test
  void aMergeNamesOneOfTheAgenciesThatEachLeadAndHasNoDateOfItsOwn() {
    assertThatThrownBy(() -> read(eachLeadsWithMerge("""
        merges: list
                by: sh-water
                daysAfterParts: 15""")))
        .isInstanceOf(PlanFileException.class).hasMessageContaining("milestones.list-joint.by");
    assertThatThrownBy(() -> read(eachLeadsWithMerge("""
        merges: list
                by: suzhou-gov
                daysAfterParts: 15
                quarter: 3""")))
        .isInstanceOf(PlanFileException.class).hasMessageContaining("不要再写 quarter、date 或 before");
    assertThatThrownBy(() -> read(eachLeadsWithMerge("""
        merges: nothing
                by: suzhou-gov
                daysAfterParts: 15""")))
        .isInstanceOf(PlanFileException.class).hasMessageContaining("milestones.list-joint.merges");
  }

  @Test
  void aMilestoneAddedByAReadingSaysWhy() {
    assertThatThrownBy(() -> read(minimal("lead: [sh-water]", "quarter: 2\n        addedByReading: true")))
        .isInstanceOf(PlanFileException.class).hasMessageContaining("milestones.report.reading");
    assertThatThrownBy(() -> read(minimal("lead: [sh-water]", "quarter: 2\n        rectifyBy: \"09-30\"")))
        .isInstanceOf(PlanFileException.class).hasMessageContaining("只有 joint-patrol");
  }

  @Test
  void aScheduleIsCellsKeyedByTheirQuartersInOrderWithoutOverlap() {
    PlanItem item = read(minimal("lead: [sh-water]", "quarter: 2").replace("shortTitle: 测试", """
        shortTitle: 测试
            schedule:
              "2": 第一格
              "3-4": 第二格""")).item("9").orElseThrow();
    assertThat(item.schedule()).containsExactly(new ScheduleCell(2, 2, "第一格"), new ScheduleCell(3, 4, "第二格"));
    assertThat(item.schedule()).extracting(ScheduleCell::quarters).containsExactly("第二季度", "第三、四季度");
    assertThat(item.tableRequirement()).isNull();

    for (String[] wrong : new String[][] {{"\"5\": 格", "schedule.5"}, {"\"Q2\": 格", "schedule.Q2"},
        {"\"4-3\": 格", "季度顺序颠倒"}, {"\"1-2\": 格\n\"2\": 格", "重叠"},
        {"\"3\": 格\n\"1\": 格", "按季度顺序"}, {"\"3\": \"\"", "该格为空"}}) {
      assertThatThrownBy(() -> read(minimal("lead: [sh-water]", "quarter: 2").replace("shortTitle: 测试",
          "shortTitle: 测试\n    schedule:\n      " + wrong[0].replace("\n", "\n      "))))
          .as(wrong[0]).isInstanceOf(PlanFileException.class)
          .hasMessageContaining("事项 9").hasMessageContaining("字段 schedule").hasMessageContaining(wrong[1]);
    }
  }

  private static String minimal(String roles, String when) {
    return """
        id: "test"
        title: 测试计划
        items:
          - no: "9"
            category: 测试
            title: 测试事项
            roles:
              %s
            milestones:
              - id: report
                work: progress-report
                title: 报送进展
                %s
            shortTitle: 测试
            requirement: 要求
            outcome: 成果
        """.formatted(roles, when);
  }
}
