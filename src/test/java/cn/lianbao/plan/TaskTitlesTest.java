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
