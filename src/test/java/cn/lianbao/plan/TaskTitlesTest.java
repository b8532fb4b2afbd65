package cn.lianbao.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a task's name adds to tell it from the other open tasks of its item, and texts free of the plan year. */
class TaskTitlesTest {

  private static Plan plan2021() throws IOException {
    return new PlanFileReader("plans/plan-2021.yml", PlanFileReaderTest.AGENCIES::contains)
        .read(PlanFileReaderTest.plan2021());
  }

  private static Milestone milestone(Plan plan, String itemNo, String id) {
    return plan.item(itemNo).orElseThrow().milestones().stream()
        .filter(milestone -> milestone.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void theTwoPatrolsOfItemOneSayWhichPatrolTheyAre() throws IOException {
    Plan plan = plan2021();
    assertThat(TaskTitles.which(milestone(plan, "1", "patrol-1"))).isEqualTo("（第一次）");
    assertThat(TaskTitles.which(milestone(plan, "1", "patrol-2"))).isEqualTo("（第二次）");
  }

  @Test
  void aMeetingTaskNamesItsMeeting() throws IOException {
    Plan plan = plan2021();
    assertThat(TaskTitles.which(milestone(plan, "1", "summary-meeting"))).isEqualTo("（年度总结会议）");
    assertThat(TaskTitles.which(milestone(plan, "7", "seminar"))).isEqualTo("（生态环境损害赔偿取证和损害评估探讨会）");
    assertThat(TaskTitles.which(milestone(plan, "2", "consultation"))).isEqualTo("（联合河（湖）长协商会议）");
  }

  @Test
  void noTwoMilestonesOfAnItemOfOneKindOfWorkShareTheirTaskNames() throws IOException {
    for (PlanItem item : plan2021().items()) {
      List<String> seen = new ArrayList<>();
      for (Milestone milestone : item.milestones()) {
        String name = milestone.work() + TaskTitles.which(milestone);
        assertThat(seen).as("item " + item.no() + ", milestone " + milestone.id()).doesNotContain(name);
        seen.add(name);
      }
    }
  }

  @Test
  void aTaskQuotesTheRequirementOfTheTextAndWhereItDiffersOfTheTable() throws IOException {
    Plan plan = plan2021();
    assertThat(TaskTitles.requirement(plan.item("1").orElseThrow())).isEqualTo(
        "正文：轮值牵头部门组织“一河三湖”联合河（湖）长共同巡河至少一次。（上海市、江苏省、浙江省河长制办公室牵头，"
            + "青浦区、苏州市、嘉兴市人民政府具体实施） 附表：轮值牵头部门组织“一河三湖”联合河（湖）长共同巡河两次");
    assertThat(TaskTitles.requirement(plan.item("6").orElseThrow())).isEqualTo(
        "正文：实施太浦河闸泵精细调度和水质预警联动。（太湖流域管理局牵头并具体实施，江苏省、浙江省、上海市水利厅（局）配合）");
  }

  @Test
  void aTaskQuotesTheScheduleCellByCell() throws IOException {
    Plan plan = plan2021();
    assertThat(TaskTitles.schedule(plan.item("1").orElseThrow())).isEqualTo("第二季度：完成第一次共同巡河；"
        + "第三、四季度：完成第二次共同巡河，召开年度总结会议（如有重大需解决问题同步召开协调会议）；建立问题清单，及时落实整改，并形成整改报告");
    assertThat(TaskTitles.schedule(plan.item("3").orElseThrow()))
        .isEqualTo("第一至四季度：与示范区饮用水水源保护法规调研协调推进");
    assertThat(TaskTitles.schedule(plan.item("7").orElseThrow()))
        .isEqualTo("第三季度：完成至少一次联合执法巡查；第四季度：召开生态环境损害赔偿取证和损害评估探讨会");
  }

  @Test
  void theCampaignsTasksNameTheEventOfTheirYearFromThePlanFile() throws IOException {
    Plan plan = plan2021();
    assertThat(TaskTitles.eventBefore(plan, milestone(plan, "11", "campaign"), 2022))
        .contains("第四届中国国际进口博览会（2022年11月5日）");
    assertThat(TaskTitles.eventBefore(plan, milestone(plan, "1", "patrol-1"), 2022)).isEmpty();
  }

  @Test
  void theCampaignsProcessAndFormsNameNoEditionAndNoDay() throws IOException {
    for (Path file : List.of(Path.of("processes/hyacinth-campaign.bpmn"), Path.of("forms/hyacinth-campaign-confirm.html"),
        Path.of("forms/hyacinth-campaign-carry-out.html"), Path.of("forms/hyacinth-campaign-survey.html"),
        Path.of("forms/hyacinth-campaign-action-plan.html"))) {
      assertThat(file).exists();
      String text = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(text).as(file + " is the same every year").doesNotContain("第四届").doesNotContain("进博会")
          .doesNotContain("11月5日");
    }
  }
}
