package cn.lianbao.plan;

import static cn.lianbao.support.ProcessTests.historic;
import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.patrol.JointPatrolProcess;
import cn.lianbao.rectification.RectificationReportProcess;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A year as it goes when things go wrong: it starts late, on 29 February of a leap year; both joint
 * patrols of item 1 find problems that their agencies must rectify; and for each kind of work one
 * agency holds its work 25 days past the deadline. Only those are late, each by the calendar days from
 * its deadline to its delivery; each climbs the ladder as far as its milestone allows (the
 * supervisors only where it may reach them); 督办单 go to the late agency's leaders; the problems are
 * rectified and listed.
 */
@LianbaoTest
class PlanYearWithTroubleTest {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final int YEAR = 2076;
  private static final int DAYS_LATE = 25;

  /** One late part per kind of work (the part ids of the plan file). */
  private static final Map<String, String> LATE_BY_WORK = Map.of(
      "joint-patrol", "2-joint-patrol:jiaxing-gov",
      "consultation-meeting", "7-seminar",
      "joint-enforcement-patrol", "7-enforcement-patrol",
      "hyacinth-campaign", "11-campaign",
      "outcome-document", "6-dispatch-report",
      "progress-report", "5-progress-q2",
      "rectification-report", "1-rectification-report");

  @Autowired ProcessEngine engine;
  @Autowired PlanCatalog plans;

  @Test
  void onlyTheLateAreLateTheyClimbTheLadderAndTheProblemsAreRectified() {
    PlanDriver driver = new PlanDriver(engine, YEAR);
    driver.clockAt(PlanDriver.at(LocalDate.of(YEAR, 2, 29), 9));
    Set<String> late = LATE_BY_WORK.values().stream().map(part -> YEAR + "-" + part).collect(Collectors.toSet());
    driver.withValue("findings", (task, today) -> switch (driver.businessKey(task)) {
          case "2076-1-patrol-1" -> "[{\"agency\":\"qingpu-gov\",\"problem\":\"淀山湖湖岸堆放建筑垃圾\"}]";
          case "2076-1-patrol-2" -> "[{\"agency\":\"jiaxing-gov\",\"problem\":\"太浦河嘉善段岸边漂浮物未清理\"}]";
          default -> "[]";
        })
        .withValue("committedDay", today -> today.plusDays(1).toString())
        .withValue("finalDay", today -> today.plusDays(1).toString());
    driver.start("2021");

    Map<String, Date> deadlines = new HashMap<>();
    for (ProcessInstance milestone : engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(PlanMilestoneProcess.KEY).processInstanceBusinessKeyLike(YEAR + "-%").list()) {
      deadlines.put(milestone.getBusinessKey(),
          (Date) engine.getRuntimeService().getVariable(milestone.getId(), WorkVariables.DEADLINE.name()));
    }
    assertThat(deadlines.keySet()).as("the late parts are milestones of the year").containsAll(late);
    Predicate<Task> heldBack = task -> {
      String key = driver.businessKey(task);
      return late.contains(key) && ClockUtil.getCurrentTime().before(
          Date.from(deadlines.get(key).toInstant().plus(DAYS_LATE, ChronoUnit.DAYS)));
    };

    LocalDate week = LocalDate.of(YEAR, 3, 7);
    while (week.isBefore(LocalDate.of(YEAR + 1, 2, 15))) {
      driver.workUntil(PlanDriver.at(week, 9), heldBack);
      week = week.plusWeeks(1);
    }
    driver.workUntil(PlanDriver.at(LocalDate.of(YEAR + 1, 2, 20), 9), task -> false);

    List<HistoricProcessInstance> milestones = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(PlanMilestoneProcess.KEY).processInstanceBusinessKeyLike(YEAR + "-%").list();
    assertThat(milestones).as("every milestone of the year").hasSize(deadlines.size())
        .allSatisfy(milestone -> assertThat(milestone.getEndTime()).as(milestone.getBusinessKey() + " ended").isNotNull());
    SoftAssertions softly = new SoftAssertions();
    for (HistoricProcessInstance milestone : milestones) {
      String key = milestone.getBusinessKey();
      boolean isLate = late.contains(key);
      softly.assertThat(historic(engine, milestone.getId(), "delivered")).as(key + " delivered").isEqualTo(true);
      softly.assertThat(historic(engine, milestone.getId(), "overdue")).as(key + " overdue").isEqualTo(isLate);
      List<HistoricTaskInstance> explainDelay = tasks(milestone, "userTask_explainDelay");
      List<HistoricTaskInstance> supervise = tasks(milestone, "userTask_superviseCase");
      if (!isLate) {
        softly.assertThat(historic(engine, milestone.getId(), "daysOverdue")).as(key + " days overdue").isEqualTo(0);
        softly.assertThat(explainDelay).as(key + ": no 督办单 for work on time").isEmpty();
        softly.assertThat(supervise).as(key + ": no case for the supervisors").isEmpty();
        continue;
      }
      LocalDate deadline = deadlines.get(key).toInstant().atZone(CHINA).toLocalDate();
      LocalDate delivered = ((Date) historic(engine, milestone.getId(), "deliveredAt")).toInstant().atZone(CHINA)
          .toLocalDate();
      softly.assertThat(delivered).as(key + " delivered after it was held back").isAfterOrEqualTo(deadline.plusDays(DAYS_LATE));
      softly.assertThat(historic(engine, milestone.getId(), "daysOverdue")).as(key + ": calendar days from deadline to delivery")
          .isEqualTo((int) ChronoUnit.DAYS.between(deadline, delivered));
      int maxLevel = key.contains("progress-") ? 1 : 2;
      softly.assertThat(historic(engine, milestone.getId(), "escalationLevel")).as(key + " escalation level reached")
          .isEqualTo(maxLevel);
      String itemNo = key.split("-")[1];
      List<String> leadersOfTheItem = plans.get("2021").item(itemNo).orElseThrow().roles().all().stream()
          .map(agency -> agency + "-leaders").toList();
      softly.assertThat(explainDelay).as(key + ": a 督办单 for the late agency's leaders").isNotEmpty();
      for (HistoricTaskInstance task : explainDelay) {
        softly.assertThat(candidateGroups(task)).as(key + " 督办单 " + task.getId() + " goes to the leaders of one agency")
            .singleElement().satisfies(group -> assertThat(leadersOfTheItem).contains(group));
      }
      if (maxLevel == 2) {
        softly.assertThat(supervise).as(key + ": the supervisors get the case at level 2").isNotEmpty();
        supervise.forEach(task -> softly.assertThat(candidateGroups(task)).as(key + " case").contains("supervisors"));
      } else {
        softly.assertThat(supervise).as(key + ": a progress report never reaches the supervisors").isEmpty();
      }
    }

    for (String patrol : List.of(YEAR + "-1-patrol-1", YEAR + "-1-patrol-2")) {
      HistoricProcessInstance work = engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processDefinitionKey(JointPatrolProcess.KEY).processInstanceBusinessKey(patrol).singleResult();
      softly.assertThat(historic(engine, work.getId(), JointPatrolProcess.PROBLEMS_FOUND.name()))
          .as(patrol + " found a problem").isEqualTo(true);
      List<HistoricTaskInstance> rectified = engine.getHistoryService().createHistoricTaskInstanceQuery()
          .processInstanceId(work.getId()).taskDefinitionKey("userTask_rectifyProblem").finished().list();
      softly.assertThat(rectified).as(patrol + ": its problem rectified").hasSize(1);
      rectified.forEach(task -> softly.assertThat(candidateGroups(task)).as(patrol + " rectified by")
          .containsExactly(patrol.endsWith("1") ? "qingpu-gov" : "jiaxing-gov"));
    }
    HistoricProcessInstance report = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(RectificationReportProcess.KEY).processInstanceBusinessKey(YEAR + "-1-rectification-report")
        .singleResult();
    String problemList = (String) historic(engine, report.getId(), RectificationReportProcess.PROBLEM_LIST.name());
    softly.assertThat(problemList).as("the year's problem list holds both patrols' problems")
        .contains("淀山湖湖岸堆放建筑垃圾", "太浦河嘉善段岸边漂浮物未清理");
    softly.assertThat(historic(engine, report.getId(), RectificationReportProcess.OPEN_PROBLEMS.name()))
        .as("every problem rectified when the report was written").isEqualTo(0);
    softly.assertAll();
  }

  private List<HistoricTaskInstance> tasks(HistoricProcessInstance milestone, String element) {
    return engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(milestone.getId())
        .taskDefinitionKey(element).list();
  }

  private List<String> candidateGroups(HistoricTaskInstance task) {
    return engine.getHistoryService().createHistoricIdentityLinkLogQuery().taskId(task.getId()).type("candidate")
        .operationType("add").list().stream().map(HistoricIdentityLinkLog::getGroupId)
        .filter(group -> group != null).distinct().toList();
  }
}
