package cn.lianbao.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * What users read as the plan's words are the seed's words: the requirement and the expected outcome of
 * the text (正文), the requirement and the schedule of the table (附表), each word for word. Only
 * whitespace is normalised (the seed is a Word document turned into text: its table cells are split
 * over lines and tabs).
 */
class PlanWordingTest {

  private static String text;
  private static String table;
  private static Plan plan;

  @BeforeAll
  static void readSeedAndPlan() throws IOException {
    String seed = new ClassPathResource("plan/seed-2021.txt").getContentAsString(StandardCharsets.UTF_8);
    int tableStart = seed.indexOf(" 附表\n");
    assertThat(tableStart).as("the seed's table begins with its heading 附表").isPositive();
    text = words(seed.substring(0, tableStart));
    table = words(seed.substring(tableStart));
    plan = new PlanFileReader("plans/plan-2021.yml", PlanFileReaderTest.AGENCIES::contains)
        .read(PlanFileReaderTest.plan2021());
  }

  /** The seed without its whitespace. */
  private static String words(String seed) {
    return seed.replaceAll("\\s+", "");
  }

  @Test
  void everyRequirementIsTheWholeRequirementOfTheTextWithItsAgenciesAndTheOutcomeFollowsIt() {
    for (PlanItem item : plan.items()) {
      assertThat(text).as("item " + item.no() + ": 工作要求 and 预期成果 of the 正文, word for word")
          .contains("工作要求：" + words(item.requirement()) + "预期成果：" + words(item.outcome()));
    }
  }

  @Test
  void everyRequirementOfTheTableIsTheTablesWordsAndIsGivenWhereTheyDifferFromTheText() {
    for (PlanItem item : plan.items()) {
      // the text's requirement without its agencies and its full stop, as the table would word it
      String textWords = words(item.requirement()).replaceFirst("（[^（）]*(（[^（）]*）[^（）]*)*）$", "")
          .replaceFirst("。$", "");
      if (item.tableRequirement() == null) {
        assertThat(table).as("item " + item.no() + ": the 附表 words the requirement as the 正文 does")
            .contains(textWords);
      } else {
        assertThat(table).as("item " + item.no() + ": tableRequirement is the 附表's words")
            .contains(words(item.tableRequirement()));
        assertThat(words(item.tableRequirement())).as("item " + item.no() + ": tableRequirement only where it differs")
            .isNotEqualTo(textWords);
      }
    }
    assertThat(plan.items()).filteredOn(item -> item.tableRequirement() != null).extracting(PlanItem::no)
        .as("the seed's 正文 and 附表 word the requirement of items 1, 2 and the two rows of 4 differently")
        .containsExactly("1", "2", "4a", "4b");
  }

  @Test
  void everyScheduleCellIsTheTablesWords() {
    for (PlanItem item : plan.items()) {
      assertThat(item.schedule()).as("item " + item.no() + " has the 附表's schedule").isNotEmpty();
      for (ScheduleCell cell : item.schedule()) {
        assertThat(table).as("item " + item.no() + ", " + cell.quarters()).contains(words(cell.text()));
      }
    }
  }

  @Test
  void theScheduleCellsSitInTheColumnsOfTheTable() {
    assertThat(plan.item("1").orElseThrow().schedule()).extracting(ScheduleCell::quarters)
        .containsExactly("第二季度", "第三、四季度");
    assertThat(plan.item("4a").orElseThrow().schedule()).extracting(ScheduleCell::line)
        .containsExactly("第三季度：完成排摸形成清单");
    assertThat(plan.item("7").orElseThrow().schedule()).extracting(ScheduleCell::quarters)
        .containsExactly("第三季度", "第四季度");
    for (String ongoing : new String[] {"5", "10", "11", "12"}) {
      assertThat(plan.item(ongoing).orElseThrow().schedule()).extracting(ScheduleCell::line)
          .as("item " + ongoing).containsExactly("第一至四季度：持续推进");
    }
  }

  @Test
  void theTwoRowsOfItemFourQuoteTheWholeTextAndSaySo() {
    PlanItem outfalls = plan.item("4a").orElseThrow();
    PlanItem emergency = plan.item("4b").orElseThrow();
    assertThat(outfalls.requirement()).isEqualTo(emergency.requirement())
        .startsWith("共同排摸并形成太浦河沿线排污口清单；建立太浦河区域生态环境应急联动合作机制。");
    assertThat(outfalls.outcome()).isEqualTo(emergency.outcome())
        .isEqualTo("形成排污口清单，并因地制宜形成整治方案；制订应急联动合作行动方案。");
    assertThat(outfalls.readings()).anyMatch(reading -> reading.contains("附表分为两行"));
    assertThat(emergency.readings()).anyMatch(reading -> reading.contains("附表分为两行"));
  }

  @Test
  void whatAReadingQuotesIsTheSeedsWords() {
    Pattern quoted = Pattern.compile("“([^“”]+)”");
    String seed = text + table;
    for (PlanItem item : plan.items()) {
      for (String reading : item.readings()) {
        Matcher quote = quoted.matcher(reading);
        while (quote.find()) {
          assertThat(seed).as("item " + item.no() + " reading: " + reading).contains(words(quote.group(1)));
        }
      }
      for (Milestone milestone : item.milestones()) {
        if (milestone.reading() != null) {
          Matcher quote = quoted.matcher(milestone.reading());
          while (quote.find()) {
            assertThat(seed).as("item " + item.no() + ", " + milestone.id()).contains(words(quote.group(1)));
          }
        }
      }
    }
  }

  @Test
  void wherePatrolsDifferTheReadingSaysTheTablesTwoAreFollowed() {
    PlanItem patrols = plan.item("1").orElseThrow();
    assertThat(patrols.requirement()).contains("共同巡河至少一次");
    assertThat(patrols.tableRequirement()).contains("共同巡河两次");
    assertThat(patrols.readings()).anyMatch(reading -> reading.contains("按附表的两次执行"));
  }

  @Test
  void progressReportsAreMarkedAsThisProjectsReading() {
    assertThat(plan.items().stream().flatMap(item -> item.milestones().stream())
        .filter(milestone -> "progress-report".equals(milestone.work())))
        .isNotEmpty()
        .allSatisfy(milestone -> {
          assertThat(milestone.addedByReading()).isTrue();
          assertThat(milestone.reading()).startsWith("计划未要求季度进展报告");
        });
  }
}
