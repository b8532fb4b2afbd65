package cn.lianbao.plan;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.hyacinth.EventCampaignProcess;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

/**
 * The started plan year against the seed's obligations, one row each (test resource
 * {@code plan/obligations-2021.psv}, written from the seed, not from the plan file): every row has a
 * milestone (or a step of one) with the seed's agencies and deadline, a date the seed does not give is
 * marked as a reading, and no milestone is there that neither a row nor a marked reading explains.
 * The year is a leap year, so that no date holds only because February has 28 days.
 */
@LianbaoTest
class PlanObligationsTest {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final int YEAR = 2072;

  @Autowired ProcessEngine engine;
  @Autowired PlanCatalog plans;

  /** One obligation of the seed. */
  record Row(String id, String item, String words, String responsible, String takesPart, String guiding,
      String deadline, String step) {

    boolean eachLeads() {
      return responsible.startsWith("each:");
    }

    List<String> responsibleAgencies() {
      return list(eachLeads() ? responsible.substring("each:".length()) : responsible);
    }

    static List<String> list(String agencies) {
      return agencies.equals("-") ? List.of() : Arrays.asList(agencies.split(","));
    }
  }

  /** A milestone part of the started year, as the engine holds it. */
  record Opened(String businessKey, PlanItem item, Milestone milestone, String partId, Map<String, Object> variables) {

    LocalDate deadline() {
      return ((Date) variables.get(WorkVariables.DEADLINE.name())).toInstant().atZone(CHINA).toLocalDate();
    }

    Set<String> groups(String name) {
      @SuppressWarnings("unchecked")
      Collection<String> groups = (Collection<String>) variables.get(name);
      return groups == null ? Set.of() : new HashSet<>(groups);
    }

    Set<String> takingPart() {
      Set<String> all = new HashSet<>(groups(WorkVariables.CONTRIBUTOR_GROUPS.name()));
      all.addAll(groups(WorkVariables.IMPLEMENTING_GROUPS.name()));
      all.addAll(groups(WorkVariables.COOPERATING_GROUPS.name()));
      return all;
    }
  }

  static List<Row> rows() throws IOException {
    String text = new ClassPathResource("plan/obligations-2021.psv").getContentAsString(StandardCharsets.UTF_8);
    List<Row> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.strip().split("\\|", -1);
      assertThat(cells).as(line).hasSize(8);
      rows.add(new Row(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7]));
    }
    return rows;
  }

  @Test
  void theTableHoldsTheSeedsThirtyTwoObligations() throws IOException {
    assertThat(rows()).extracting(Row::id).doesNotHaveDuplicates().hasSize(32);
  }

  @Test
  void everyObligationOfTheSeedIsAMilestoneOrAStepWithTheSeedsAgenciesAndDeadline() throws IOException {
    PlanDriver driver = new PlanDriver(engine, YEAR);
    driver.clockAt(PlanDriver.at(LocalDate.of(YEAR, 1, 4), 9));
    driver.start("2021");
    Plan plan = plans.get("2021");
    List<Opened> opened = opened(plan);
    Map<String, List<Opened>> byRow = new LinkedHashMap<>();
    Set<String> explained = new HashSet<>();
    List<Row> events = new ArrayList<>();
    SoftAssertions softly = new SoftAssertions();

    for (Row row : rows()) {
      if (row.step().equals("event")) {
        events.add(row);
        continue;
      }
      List<Opened> matching = opened.stream()
          .filter(part -> part.item().no().equals(row.item()))
          .filter(part -> row.step().equals("task") ? part.milestone().work().equals("hyacinth-campaign")
              : part.milestone().title().contains(row.words()))
          .toList();
      byRow.put(row.id(), matching);
      if (matching.isEmpty()) {
        softly.fail("row %s (item %s, \"%s\"): no milestone of the started year", row.id(), row.item(), row.words());
        continue;
      }
      matching.forEach(part -> explained.add(part.businessKey()));
      checkAgencies(softly, row, matching);
    }
    for (Row row : rows()) {
      List<Opened> matching = byRow.getOrDefault(row.id(), List.of());
      if (!matching.isEmpty()) {
        checkDeadline(softly, driver, plan, row, matching, byRow);
      }
    }
    for (Opened part : opened) {
      if (!explained.contains(part.businessKey())) {
        softly.assertThat(part.milestone().addedByReading())
            .as("%s is asked for by no row of the seed, so it is marked as added by a reading", part.businessKey())
            .isTrue();
        softly.assertThat(part.milestone().reading()).as("%s says why it was added", part.businessKey()).isNotBlank();
      }
    }
    for (Row event : events) {
      checkEvent(softly, driver, event);
    }
    softly.assertAll();
  }

  /**
   * An obligation tied to events the seed does not date (示范区重大活动保障): a supervisor starts it for a
   * named event of the started year, and it becomes a milestone of the item due the day before.
   */
  private void checkEvent(SoftAssertions softly, PlanDriver driver, Row row) {
    String what = "row " + row.id() + " \"" + row.words() + "\"";
    LocalDate eventDay = LocalDate.of(YEAR, 9, 20);
    String definition = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(EventCampaignProcess.KEY).latestVersion().singleResult().getId();
    engine.getIdentityService().setAuthentication("supervisor", List.of("supervisors"));
    ProcessInstance started;
    try {
      started = engine.getFormService().submitStartForm(definition, Map.of(
          EventCampaignProcess.YEAR.name(), YEAR,
          EventCampaignProcess.EVENT_NAME.name(), "示范区水乡客厅开放活动",
          EventCampaignProcess.EVENT_DATE.name(), eventDay.toString()));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    cn.lianbao.support.ProcessTests.runAsyncJobs(engine);
    List<ProcessInstance> milestones = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(PlanMilestoneProcess.KEY).processInstanceBusinessKey(started.getBusinessKey()).list();
    softly.assertThat(milestones).as(what + ": a milestone for the event").hasSize(1);
    for (ProcessInstance milestone : milestones) {
      Map<String, Object> variables = engine.getRuntimeService().getVariables(milestone.getId());
      Opened part = new Opened(milestone.getBusinessKey(), null, null, null, variables);
      softly.assertThat(variables.get(WorkVariables.ITEM_NO.name())).as(what + ": of item " + row.item())
          .isEqualTo(row.item());
      softly.assertThat((String) variables.get(WorkVariables.MILESTONE_TITLE.name())).as(what)
          .contains(row.words()).contains("示范区水乡客厅开放活动");
      softly.assertThat(part.groups(WorkVariables.RESPONSIBLE_GROUPS.name())).as(what + ": responsible")
          .containsExactlyInAnyOrderElementsOf(row.responsibleAgencies());
      softly.assertThat(part.takingPart()).as(what + ": taking part").containsAll(Row.list(row.takesPart()));
      softly.assertThat(part.deadline()).as(what + ": in force the day before the event").isEqualTo(eventDay.minusDays(1));
    }
  }

  private void checkAgencies(SoftAssertions softly, Row row, List<Opened> matching) {
    String what = "row " + row.id() + " \"" + row.words() + "\"";
    if (row.eachLeads()) {
      List<Opened> own = matching.stream().filter(part -> !part.milestone().isMerge()).toList();
      softly.assertThat(own).as(what + ": a part for each agency that leads its own")
          .flatExtracting(part -> new ArrayList<>(part.groups(WorkVariables.RESPONSIBLE_GROUPS.name())))
          .containsExactlyInAnyOrderElementsOf(row.responsibleAgencies());
      if (row.takesPart().equals("others")) {
        for (Opened part : own) {
          Set<String> others = new HashSet<>(row.responsibleAgencies());
          others.removeAll(part.groups(WorkVariables.RESPONSIBLE_GROUPS.name()));
          softly.assertThat(part.takingPart()).as(what + ": the other cities take part in " + part.businessKey())
              .containsAll(others);
        }
      }
      if (row.step().equals("merge")) {
        List<Opened> merges = matching.stream().filter(part -> part.milestone().isMerge()).toList();
        softly.assertThat(merges).as(what + ": the parts are merged into one").hasSize(1);
        merges.forEach(merge -> softly.assertThat(merge.groups(WorkVariables.RESPONSIBLE_GROUPS.name()))
            .as(what + ": merged by one of the agencies that each lead").hasSize(1)
            .isSubsetOf(row.responsibleAgencies()));
      }
    } else {
      for (Opened part : matching) {
        softly.assertThat(part.groups(WorkVariables.RESPONSIBLE_GROUPS.name()))
            .as(what + ": responsible for " + part.businessKey())
            .containsExactlyInAnyOrderElementsOf(row.responsibleAgencies());
        softly.assertThat(part.takingPart()).as(what + ": taking part in " + part.businessKey())
            .containsAll(Row.list(row.takesPart()));
      }
    }
    for (Opened part : matching) {
      softly.assertThat(part.groups(WorkVariables.GUIDING_GROUPS.name()))
          .as(what + ": guiding " + part.businessKey()).containsAll(Row.list(row.guiding()));
    }
  }

  private void checkDeadline(SoftAssertions softly, PlanDriver driver, Plan plan, Row row, List<Opened> matching,
      Map<String, List<Opened>> byRow) {
    String what = "row " + row.id() + " \"" + row.words() + "\"";
    String deadline = row.deadline();
    if (deadline.matches("Q[1-4](-Q[1-4])?")) {
      int first = deadline.charAt(1) - '0';
      int last = deadline.length() > 2 ? deadline.charAt(4) - '0' : first;
      LocalDate from = LocalDate.of(YEAR, 3 * first - 2, 1);
      LocalDate quarterEnd = LocalDate.of(YEAR, 3 * last, 1).withDayOfMonth(LocalDate.of(YEAR, 3 * last, 1).lengthOfMonth());
      for (Opened part : matching) {
        softly.assertThat(part.deadline()).as(what + ": " + part.businessKey() + " due in " + deadline)
            .isBetween(from, quarterEnd);
        if (first != last || !part.deadline().equals(quarterEnd)) {
          softly.assertThat(part.milestone().reading())
              .as(what + ": " + part.businessKey() + " is due on a day the seed's " + deadline + " does not name,"
                  + " so a reading says why").isNotBlank();
        }
      }
    } else if (deadline.equals("none")) {
      for (Opened part : matching) {
        softly.assertThat(part.deadline().getYear()).as(what + ": " + part.businessKey() + " due in the year")
            .isEqualTo(YEAR);
        softly.assertThat(part.milestone().reading())
            .as(what + ": the seed gives no date, so " + part.businessKey() + "'s date is a reading").isNotBlank();
      }
    } else if (deadline.matches("before:\\d\\d-\\d\\d")) {
      LocalDate day = MonthDay.parse("--" + deadline.substring("before:".length())).atYear(YEAR).minusDays(1);
      for (Opened part : matching) {
        softly.assertThat(part.deadline()).as(what + ": " + part.businessKey() + " in force the day before")
            .isEqualTo(day);
      }
    } else if (deadline.startsWith("with:")) {
      List<Opened> with = byRow.getOrDefault(deadline.substring("with:".length()), List.of());
      softly.assertThat(matching).as(what + ": held with row " + deadline.substring(5)).isEqualTo(with);
      if (row.step().equals("coordinationMeeting")) {
        matching.forEach(part -> softly.assertThat(part.milestone().coordinationMeeting())
            .as(what + ": " + part.businessKey() + " records the coordination meeting").isTrue());
      }
    } else if (deadline.startsWith("before:")) {
      List<Opened> later = byRow.getOrDefault(deadline.substring("before:".length()), List.of());
      softly.assertThat(later).as(what + ": the row it comes before").hasSize(1);
      if (later.size() == 1 && row.step().equals("task")) {
        Task step = stepTask(driver, later.get(0), row.words());
        softly.assertThat(step).as(what + ": a task of " + later.get(0).businessKey() + " named for it").isNotNull();
        if (step != null) {
          LocalDate due = step.getDueDate().toInstant().atZone(CHINA).toLocalDate();
          softly.assertThat(due).as(what + ": " + step.getName() + " due before " + later.get(0).deadline())
              .isBefore(later.get(0).deadline());
          softly.assertThat(later.get(0).milestone().reading())
              .as(what + ": the seed gives the step no date, so its date is a reading").isNotBlank();
        }
      }
    } else {
      softly.fail("row %s: unknown deadline %s", row.id(), deadline);
    }
    if (row.step().equals("merge")) {
      List<Opened> merges = matching.stream().filter(part -> part.milestone().isMerge()).toList();
      for (Opened merge : merges) {
        for (Opened part : matching) {
          if (!part.milestone().isMerge()) {
            softly.assertThat(part.deadline()).as(what + ": " + part.businessKey() + " before the merge it feeds")
                .isBefore(merge.deadline());
          }
        }
      }
    }
  }

  /**
   * The open task of a milestone's work whose name holds the step's words, reached by completing the
   * work's earlier tasks as its officers would.
   */
  private Task stepTask(PlanDriver driver, Opened milestone, String words) {
    for (int done = 0; done < 10; done++) {
      List<Task> open = engine.getTaskService().createTaskQuery()
          .processInstanceBusinessKey(milestone.businessKey()).orderByTaskCreateTime().asc().list();
      for (Task task : open) {
        if (task.getName().contains(words)) {
          return task;
        }
      }
      if (open.isEmpty()) {
        return null;
      }
      driver.complete(open.get(0));
    }
    return null;
  }

  private List<Opened> opened(Plan plan) {
    List<Opened> opened = new ArrayList<>();
    for (ProcessInstance instance : engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(PlanMilestoneProcess.KEY).processInstanceBusinessKeyLike(YEAR + "-%").list()) {
      Map<String, Object> variables = engine.getRuntimeService().getVariables(instance.getId());
      String itemNo = (String) variables.get(WorkVariables.ITEM_NO.name());
      String partId = (String) variables.get(WorkVariables.PART_ID.name());
      PlanItem item = plan.item(itemNo).orElseThrow();
      opened.add(new Opened(instance.getBusinessKey(), item, item.part(partId).milestone(), partId, variables));
    }
    assertThat(opened).as("the year's milestones").isNotEmpty();
    return opened;
  }
}
