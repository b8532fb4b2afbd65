package cn.lianbao.planview;

import cn.lianbao.guidance.Guidance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.plan.MilestonePart;
import cn.lianbao.plan.Plan;
import cn.lianbao.plan.PlanCatalog;
import cn.lianbao.plan.PlanItem;
import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import cn.lianbao.support.StatementCounter;
import cn.lianbao.support.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The plan view's REST contract ({@code /api/plans/**}, issue 13) for years driven with the engine
 * clock: states as at the end of a day, escalation levels, each agency's part of item 4a, each
 * agency's record, who sees what, the refusals, and the number of SQL statements per request.
 */
@LianbaoTest
class PlanViewTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired PlanCatalog plans;
  @Autowired JdbcTemplate jdbc;

  /**
   * Year 2046: item 3's Q1 report (sh-eco-env) is delivered five days late; item 5's Q1 report
   * (suzhou-gov; a progress report stops at level 1) and Suzhou's part of item 2's Q2 milestone
   * (reaches level 2) stay open; every other milestone due by 20 July is delivered on time.
   */
  @Test
  void aDrivenYearShowsEachPartsStateAtTheEndOfTheDay() {
    int year = 2046;
    String late = year + "-3-progress-q1";
    String open = year + "-5-progress-q1";
    String escalated = year + "-2-lead-departments:suzhou-gov";
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 1, 4), 9));
    driver.start("2021");
    driver.workUntil(PlanDriver.at(LocalDate.of(year, 4, 5), 9), keyIn(driver, late, open, escalated));
    driver.deliver(late);
    driver.workUntil(PlanDriver.at(LocalDate.of(year, 7, 20), 9), keyIn(driver, open, escalated));

    Http supervisor = Http.as(port, "supervisor");
    JsonNode rows = ok(supervisor.get("/api/plans/" + year + "/progress"));

    Plan plan = plans.get("2021");
    assertThat(rows.size()).as("every part of the plan file is a row").isGreaterThanOrEqualTo(plan.parts().size());
    List<String> itemOrder = plan.items().stream().map(PlanItem::no).toList();
    List<JsonNode> list = StreamSupport.stream(rows.spliterator(), false).toList();
    for (MilestonePart part : plan.parts()) {
      assertThat(list).as("row of " + part.item().no() + " " + part.id())
          .anyMatch(row -> row.path("item").asText().equals(part.item().no())
              && row.path("milestone").asText().equals(part.milestone().id())
              && (part.ownAgency() == null || row.path("agency").path("id").asText().equals(part.ownAgency())));
    }
    for (int i = 1; i < list.size(); i++) {
      JsonNode before = list.get(i - 1);
      JsonNode row = list.get(i);
      int itemBefore = itemOrder.indexOf(before.path("item").asText());
      int item = itemOrder.indexOf(row.path("item").asText());
      assertThat(item).as("plan order at row " + i).isGreaterThanOrEqualTo(itemBefore);
      if (item == itemBefore) {
        assertThat(row.path("quarter").asInt()).as("quarter order at row " + i)
            .isGreaterThanOrEqualTo(before.path("quarter").asInt());
        if (row.path("quarter").asInt() == before.path("quarter").asInt()) {
          assertThat(row.path("agency").path("id").asText()).as("agency order at row " + i)
              .isGreaterThanOrEqualTo(before.path("agency").path("id").asText());
        }
      }
    }

    JsonNode lateRow = row(rows, "3", "progress-q1", null);
    assertThat(lateRow.path("state").asText()).isEqualTo("DONE_LATE");
    assertThat(lateRow.path("daysOverdue").asInt()).isEqualTo(5);
    assertThat(lateRow.path("deliveredAt").asText()).startsWith(year + "-04-05T09:").endsWith("+08:00");
    assertThat(lateRow.path("deadline").asText()).isEqualTo(year + "-03-31T23:59:59+08:00");
    assertThat(lateRow.path("quarter").asInt()).isEqualTo(1);
    assertThat(lateRow.path("escalationLevel").asInt()).isEqualTo(1);
    assertThat(lateRow.path("finalDeadline").isNull()).isTrue();
    assertThat(lateRow.path("agency").path("id").asText()).isEqualTo("sh-eco-env");
    assertThat(lateRow.path("agency").path("name").asText()).isNotBlank().isNotEqualTo("sh-eco-env");
    assertThat(lateRow.path("itemTitle").asText()).isEqualTo(plan.item("3").orElseThrow().title());
    assertThat(lateRow.path("category").asText()).isEqualTo(plan.item("3").orElseThrow().category());
    assertThat(lateRow.path("processInstanceId").asText()).as("also when finished").isEqualTo(
        engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(PlanMilestoneProcess.KEY)
            .processInstanceBusinessKey(late).singleResult().getId());

    JsonNode openRow = row(rows, "5", "progress-q1", null);
    assertThat(openRow.path("state").asText()).isEqualTo("OVERDUE");
    assertThat(openRow.path("daysOverdue").asInt()).as("31 March to 20 July").isEqualTo(111);
    assertThat(openRow.path("escalationLevel").asInt()).as("a progress report stops at the leaders").isEqualTo(1);
    assertThat(openRow.path("deliveredAt").isNull()).isTrue();
    assertThat(openRow.path("agency").path("id").asText()).isEqualTo("suzhou-gov");

    JsonNode escalatedRow = row(rows, "2", "lead-departments", "suzhou-gov");
    assertThat(escalatedRow.path("state").asText()).isEqualTo("OVERDUE");
    assertThat(escalatedRow.path("daysOverdue").asInt()).as("15 June (each city's part, before the merge) to 20 July").isEqualTo(35);
    assertThat(escalatedRow.path("escalationLevel").asInt()).isEqualTo(2);
    assertThat(escalatedRow.path("quarter").asInt()).isEqualTo(2);
    assertThat(row(rows, "2", "lead-departments", "qingpu-gov").path("state").asText()).isEqualTo("DONE_ON_TIME");

    JsonNode onTime = row(rows, "10", "progress-q1", null);
    assertThat(onTime.path("state").asText()).isEqualTo("DONE_ON_TIME");
    assertThat(onTime.path("daysOverdue").asInt()).isZero();
    assertThat(onTime.path("escalationLevel").asInt()).isZero();
    assertThat(onTime.path("agency").path("id").asText()).as("the first lead").isEqualTo("taihu-basin");
    assertThat(ids(onTime.path("leadAgencies"))).containsExactly("taihu-basin", "taihu-eco-supervision", "exec-committee");

    List<JsonNode> outfalls = list.stream().filter(row -> row.path("item").asText().equals("4a")
        && row.path("milestone").asText().equals("outfall-list")).toList();
    assertThat(outfalls).extracting(row -> row.path("agency").path("id").asText())
        .as("each agency's own part, by agency id").containsExactly("jiaxing-gov", "qingpu-gov", "suzhou-gov");
    assertThat(outfalls).allSatisfy(row -> {
      assertThat(row.path("state").asText()).isEqualTo("NOT_DUE");
      assertThat(row.path("quarter").asInt()).isEqualTo(3);
      assertThat(row.path("deadline").asText()).isEqualTo(year + "-09-15T23:59:59+08:00");
      assertThat(ids(row.path("leadAgencies"))).containsExactly("qingpu-gov", "suzhou-gov", "jiaxing-gov");
    });

    // the same year as at the end of earlier days
    JsonNode march10 = ok(supervisor.get("/api/plans/" + year + "/progress?asOf=" + year + "-03-10"));
    assertThat(row(march10, "3", "progress-q1", null).path("state").asText()).isEqualTo("NOT_DUE");
    JsonNode march20 = ok(supervisor.get("/api/plans/" + year + "/progress?asOf=" + year + "-03-20"));
    assertThat(row(march20, "3", "progress-q1", null).path("state").asText()).as("within the 14 follow-up days")
        .isEqualTo("DUE_SOON");
    JsonNode march31 = ok(supervisor.get("/api/plans/" + year + "/progress?asOf=" + year + "-03-31"));
    assertThat(row(march31, "3", "progress-q1", null).path("state").asText()).isEqualTo("DUE_SOON");
    assertThat(row(march31, "10", "progress-q1", null).path("state").asText()).isEqualTo("DONE_ON_TIME");
    JsonNode april3 = ok(supervisor.get("/api/plans/" + year + "/progress?asOf=" + year + "-04-03"));
    for (String item : List.of("3", "5")) {
      JsonNode row = row(april3, item, "progress-q1", null);
      assertThat(row.path("state").asText()).isEqualTo("OVERDUE");
      assertThat(row.path("daysOverdue").asInt()).isEqualTo(3);
      assertThat(row.path("escalationLevel").asInt()).isEqualTo(1);
      assertThat(row.path("deliveredAt").isNull()).isTrue();
    }
    JsonNode april20 = ok(supervisor.get("/api/plans/" + year + "/progress?asOf=" + year + "-04-20"));
    assertThat(row(april20, "3", "progress-q1", null).path("state").asText()).isEqualTo("DONE_LATE");
    assertThat(row(april20, "2", "lead-departments", "suzhou-gov").path("state").asText()).isEqualTo("NOT_DUE");
    JsonNode june25 = ok(supervisor.get("/api/plans/" + year + "/progress?asOf=" + year + "-06-25"));
    assertThat(row(june25, "2", "lead-departments", "suzhou-gov").path("escalationLevel").asInt()).isEqualTo(1);
    assertThat(row(june25, "2", "lead-departments", "suzhou-gov").path("daysOverdue").asInt()).isEqualTo(10);
    JsonNode july17 = ok(supervisor.get("/api/plans/" + year + "/progress?asOf=" + year + "-07-17"));
    assertThat(row(july17, "2", "lead-departments", "suzhou-gov").path("escalationLevel").asInt())
        .as("level 2 fifteen days after the deadline").isEqualTo(2);

    // each agency's record
    JsonNode records = ok(supervisor.get("/api/plans/" + year + "/agencies"));
    JsonNode shEco = record(records, "sh-eco-env");
    assertThat(shEco.path("deliveredLate").asInt()).isEqualTo(1);
    assertThat(shEco.path("overdue").asInt()).isZero();
    assertThat(shEco.path("daysOverdueTotal").asInt()).isEqualTo(5);
    assertThat(shEco.path("escalationsLevel1").asInt()).isEqualTo(1);
    assertThat(shEco.path("escalationsLevel2").asInt()).isZero();
    assertThat(shEco.path("deliveredOnTime").asInt()).as("item 3, second quarter").isEqualTo(1);
    assertThat(shEco.path("onTimeRate").asDouble()).isEqualTo(0.5);
    JsonNode suzhou = record(records, "suzhou-gov");
    assertThat(suzhou.path("overdue").asInt()).isEqualTo(2);
    assertThat(suzhou.path("daysOverdueTotal").asInt()).isEqualTo(111 + 35);
    assertThat(suzhou.path("escalationsLevel1").asInt()).isEqualTo(2);
    assertThat(suzhou.path("escalationsLevel2").asInt()).isEqualTo(1);
    assertThat(suzhou.path("openTasks").asInt()).as("its report, at least").isPositive();
    long guidedWork = engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike(year + "-%")
        .taskCandidateGroupIn(List.of("taihu-eco-supervision", "taihu-eco-supervision-leaders")).list().stream()
        .filter(task -> !Guidance.TASKS.contains(task.getTaskDefinitionKey())).count();
    assertThat(record(records, "taihu-eco-supervision").path("openTasks").asLong())
        .as("a guiding agency's tasks to read (指导阅知) are not open work").isEqualTo(guidedWork);
    JsonNode taihu = record(records, "taihu-basin");
    assertThat(taihu.path("deliveredOnTime").asInt()).as("items 10 and 11, first and second quarter").isEqualTo(4);
    assertThat(taihu.path("onTimeRate").asDouble()).isEqualTo(1.0);
    assertThat(taihu.path("deliveredLate").asInt()).isZero();
    assertThat(record(records, "zj-eco-env").path("onTimeRate").isNull()).as("it leads nothing").isTrue();
    assertThat(record(ok(supervisor.get("/api/plans/" + year + "/agencies?asOf=" + year + "-04-03")), "sh-eco-env")
        .path("overdue").asInt()).isEqualTo(1);

    // an agency's users: the items in which their agency has a role, and their own record
    Set<String> qingpuItems = new LinkedHashSet<>();
    plan.items().stream().filter(item -> item.roles().all().contains("qingpu-gov")).forEach(item -> qingpuItems.add(item.no()));
    for (String user : List.of("qingpu-gov-officer", "qingpu-gov-leader")) {
      JsonNode narrow = ok(Http.as(port, user).get("/api/plans/" + year + "/progress"));
      assertThat(narrow.size()).isLessThan(rows.size());
      Set<String> items = new LinkedHashSet<>();
      narrow.forEach(row -> items.add(row.path("item").asText()));
      assertThat(items).as(user).containsExactlyInAnyOrderElementsOf(qingpuItems);
      assertThat(row(narrow, "4a", "outfall-list", "suzhou-gov").path("state").asText())
          .as("every part of an item it has a role in").isEqualTo("NOT_DUE");
      JsonNode own = ok(Http.as(port, user).get("/api/plans/" + year + "/agencies"));
      assertThat(own.size()).isEqualTo(1);
      assertThat(own.get(0).path("agency").path("id").asText()).isEqualTo("qingpu-gov");
    }

    // the Cockpit plugin's way: the webapps' session, no password
    WebappSession session = WebappSession.login(port, "supervisor");
    HttpResponse<String> bySession = session.get("/api/plans/" + year + "/progress");
    assertThat(bySession.statusCode()).isEqualTo(200);
    assertThat(read(bySession.body()).size()).isEqualTo(rows.size());
    JsonNode years = ok(session.get("/api/plans"));
    assertThat(years.path("plans")).anyMatch(one -> one.path("id").asText().equals("2021")
        && one.path("file").asText().equals("plan-2021.yml") && one.path("title").asText().equals(plan.title()));
    assertThat(years.path("years")).anyMatch(one -> one.path("year").asInt() == year
        && one.path("planId").asText().equals("2021") && !one.path("processInstanceId").asText().isEmpty()
        && one.path("startedAt").asText().equals(year + "-01-04T09:00:00+08:00"));
    assertThat(WebappSession.login(port, "qingpu-gov-officer").get("/api/plans/" + year + "/agencies").body())
        .contains("qingpu-gov").doesNotContain("suzhou-gov");

    // refusals
    HttpResponse<String> future = supervisor.get("/api/plans/" + year + "/progress?asOf=" + year + "-07-21");
    assertRefused(future, 400, "asOf");
    assertRefused(supervisor.get("/api/plans/" + year + "/agencies?asOf=" + year + "-07-21"), 400, "asOf");
  }

  @Test
  void refusalsAreChineseJsonWithoutAPasswordDialog() {
    HttpResponse<String> anonymous = Http.anonymous(port).get("/api/plans/2046/progress");
    assertRefused(anonymous, 401, "未登录");
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertRefused(Http.anonymous(port).get("/api/plans"), 401, "未登录");

    String nobody = PlanViewFixtures.userOfNoAgency(engine, "planview-nobody");
    assertRefused(Http.as(port, nobody).get("/api/plans"), 403, "不属于任何单位");
    assertRefused(Http.as(port, nobody).get("/api/plans/2046/progress"), 403, "不属于任何单位");

    Http admin = Http.as(port, "admin");
    assertRefused(admin.get("/api/plans/1999/progress"), 404, "1999 年的年度计划尚未启动");
    assertRefused(admin.get("/api/plans/1999/agencies"), 404, "尚未启动");
    assertRefused(admin.get("/api/plans/2046/progress?asOf=2046-13-01"), 400, "asOf");
    assertRefused(admin.get("/api/plans/2046/progress?asOf=yesterday"), 400, "asOf");
    assertRefused(admin.get("/api/plans/2046/agencies?asOf=20460301"), 400, "asOf");
    assertThat(WebappSession.login(port, "supervisor").post("/api/plans", "{}").statusCode())
        .as("the session only reads").isIn(401, 403, 405);
  }

  /**
   * The statements per request do not grow with the milestones: a full year of the plan (2048)
   * against a year of two event campaigns only (2047).
   */
  @Test
  void theStatementsPerRequestDoNotGrowWithTheMilestones() {
    PlanViewFixtures.twoCampaignYear(engine, jdbc, 2047, "planview-test");
    PlanDriver full = new PlanDriver(engine, 2048);
    full.clockAt(PlanDriver.at(LocalDate.of(2048, 1, 4), 9));
    full.start("2021");

    Http supervisor = Http.as(port, "supervisor");
    JsonNode small = ok(supervisor.get("/api/plans/2047/progress"));
    assertThat(small.size()).isEqualTo(2);
    assertThat(small).allSatisfy(row -> {
      assertThat(row.path("item").asText()).isEqualTo("11");
      assertThat(row.path("agency").path("id").asText()).as("from the instance's responsible groups")
          .isEqualTo("jiaxing-gov");
      assertThat(row.path("itemTitle").asText()).isEqualTo(plans.get("2021").item("11").orElseThrow().title());
      assertThat(row.path("state").asText()).as("as of 4 January 2048").isEqualTo("OVERDUE");
    });
    assertThat(small).extracting(row -> row.path("milestone").asText()).containsExactly("campaign-a", "campaign-b");
    assertThat(ok(supervisor.get("/api/plans/2048/progress")).size()).isGreaterThanOrEqualTo(57);

    for (String what : List.of("progress", "agencies")) {
      int fewer = statements(supervisor, "/api/plans/2047/" + what);
      int many = statements(supervisor, "/api/plans/2048/" + what);
      System.out.println("PlanViewTest: SQL statements of /" + what + ": " + fewer + " for 2 milestones, " + many
          + " for a plan year");
      assertThat(many).as("/" + what).isEqualTo(fewer).isLessThanOrEqualTo(12);
    }
  }

  private static int statements(Http caller, String path) {
    ok(caller.get(path)); // warm
    StatementCounter.start();
    HttpResponse<String> answer = caller.get(path);
    int count = StatementCounter.stop();
    assertThat(answer.statusCode()).isEqualTo(200);
    return count;
  }

  private static Predicate<Task> keyIn(PlanDriver driver, String... keys) {
    Set<String> held = Set.of(keys);
    return task -> held.contains(driver.businessKey(task));
  }

  private static JsonNode row(JsonNode rows, String item, String milestone, String agency) {
    for (JsonNode row : rows) {
      if (row.path("item").asText().equals(item) && row.path("milestone").asText().equals(milestone)
          && (agency == null || row.path("agency").path("id").asText().equals(agency))) {
        return row;
      }
    }
    throw new AssertionError("no row " + item + " " + milestone + " " + agency);
  }

  private static JsonNode record(JsonNode records, String agency) {
    for (JsonNode record : records) {
      if (record.path("agency").path("id").asText().equals(agency)) {
        return record;
      }
    }
    throw new AssertionError("no record of " + agency);
  }

  private static List<String> ids(JsonNode agencies) {
    List<String> ids = new ArrayList<>();
    agencies.forEach(agency -> ids.add(agency.path("id").asText()));
    return ids;
  }

  private static JsonNode ok(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    return read(answer.body());
  }

  private static void assertRefused(HttpResponse<String> answer, int status, String... words) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    JsonNode body = read(answer.body());
    assertThat(body.path("message").asText()).contains(words).containsPattern("\\p{IsHan}");
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
