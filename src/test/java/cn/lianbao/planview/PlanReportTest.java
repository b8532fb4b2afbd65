package cn.lianbao.planview;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.escalation.Escalation;
import cn.lianbao.plan.Milestone;
import cn.lianbao.plan.Plan;
import cn.lianbao.plan.PlanCatalog;
import cn.lianbao.plan.PlanItem;
import cn.lianbao.plan.ScheduleCell;
import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import cn.lianbao.support.ProcessTests;
import cn.lianbao.support.StatementCounter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The quarterly report ({@code GET /api/plans/{year}/report.xlsx}, issue 13) of a year driven with
 * the engine clock (2049), read back with POI: the plan table's columns, the schedule's merged
 * quarters, one row per milestone part in plan order with its state, dates, days overdue, level
 * and the latest 情况说明 of its 督办单; each agency's record; the page setup; what an agency's user
 * gets; the refusals; and statements that do not grow with the milestones (against 2077).
 */
@LianbaoTest
class PlanReportTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String EXPLAINED_5 = "汛期人员抽调，季度报告延后，承诺四月二十日前报送。";
  static final String EXPLAINED_2 = "苏州市各跨界水体牵头部门尚待市政府常务会议确定。";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired PlanCatalog plans;
  @Autowired AgencyCatalog agencies;
  @Autowired JdbcTemplate jdbc;

  /**
   * Year 2049: item 3's Q1 report (上海市生态环境局) is delivered five days late without an
   * explanation; item 5's Q1 report (苏州市人民政府, level 1 at most) stays open, its 督办单 answered
   * on 3 April; Suzhou's part of item 2's Q2 milestone stays open, its 督办单 answered on 20 June,
   * and reaches level 2; everything else due by 20 July is delivered on time.
   */
  @Test
  void theWorkbookIsThePlanTableWithEachPartsStateAndEachAgencysRecord() throws IOException {
    int year = 2049;
    String late = year + "-3-progress-q1";
    String open = year + "-5-progress-q1";
    String escalated = year + "-2-lead-departments:suzhou-gov";
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 1, 4), 9));
    driver.start("2021");
    driver.workUntil(PlanDriver.at(LocalDate.of(year, 4, 3), 10), keyIn(driver, late, open, escalated));
    explain(driver, open, EXPLAINED_5, year + "-04-20");
    driver.workUntil(PlanDriver.at(LocalDate.of(year, 4, 5), 9), keyIn(driver, late, open, escalated));
    driver.deliver(late);
    driver.workUntil(PlanDriver.at(LocalDate.of(year, 6, 20), 10), keyIn(driver, open, escalated));
    explain(driver, escalated, EXPLAINED_2, year + "-06-25");
    driver.workUntil(PlanDriver.at(LocalDate.of(year, 7, 20), 9), keyIn(driver, open, escalated));

    Plan plan = plans.get("2021");
    HttpResponse<byte[]> answer = download("supervisor", "/api/plans/" + year + "/report.xlsx");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(fileName(answer)).isEqualTo("2049年重点跨界水体联保计划进度（截至2049-07-20）.xlsx");
    assertThat(answer.headers().firstValue("Content-Disposition").orElse(""))
        .as("an ASCII name for clients that read only filename").contains("filename=\"plan-2049-progress-2049-07-20.xlsx\"");

    try (XSSFWorkbook workbook = read(answer.body())) {
      assertThat(workbook.getNumberOfSheets()).isEqualTo(2);
      Sheet progress = workbook.getSheetAt(0);
      assertThat(progress.getSheetName()).isEqualTo("年度计划进度");
      assertThat(texts(progress.getRow(0))).containsExactly("序号", "类别", "事项", "工作要求", "牵头单位", "配合单位",
          "第一季度", "第二季度", "第三季度", "第四季度", "节点", "责任单位", "截止日期", "完成情况", "完成日期", "逾期天数",
          "督办级别", "情况说明");
      assertPageSetup(progress);

      // one row per part, as /progress has them, in the plan's order
      JsonNode parts = json(Http.as(port, "supervisor").get("/api/plans/" + year + "/progress"));
      List<String> items = itemColumn(progress);
      assertThat(items).hasSize(parts.size());
      List<String> order = plan.items().stream().map(PlanItem::no).toList();
      for (int i = 0; i < parts.size(); i++) {
        assertThat(items.get(i)).as("item of row " + (i + 1)).isEqualTo(parts.get(i).path("item").asText());
        assertThat(text(progress.getRow(i + 1), 10)).as("节点 of row " + (i + 1)).isEqualTo(parts.get(i).path("title").asText());
        if (i > 0) {
          assertThat(order.indexOf(items.get(i))).as("plan order at row " + (i + 1))
              .isGreaterThanOrEqualTo(order.indexOf(items.get(i - 1)));
        }
      }
      assertThat(new LinkedHashSet<>(items)).as("every item of the plan").containsAll(order);

      // the item's columns once per item, its schedule in the quarters' columns
      PlanItem item2 = plan.item("2").orElseThrow();
      int top2 = items.indexOf("2") + 1;
      int bottom2 = items.lastIndexOf("2") + 1;
      Row first2 = progress.getRow(top2);
      assertThat(text(first2, 1)).isEqualTo(item2.category());
      assertThat(text(first2, 2)).isEqualTo(item2.title());
      assertThat(text(first2, 4)).as("分别牵头").isEqualTo(names("qingpu-gov", "suzhou-gov", "jiaxing-gov"));
      ScheduleCell q2 = cell(item2, 2, 2);
      ScheduleCell q34 = cell(item2, 3, 4);
      assertThat(text(first2, 7)).isEqualTo(q2.text());
      assertThat(text(first2, 8)).as("第三、四季度 is one cell").isEqualTo(q34.text());
      assertThat(progress.getMergedRegions()).as("Q3–Q4 merged across the item's rows")
          .contains(new CellRangeAddress(top2, bottom2, 8, 9));
      assertThat(progress.getMergedRegions()).as("序号 merged down the item's rows")
          .contains(new CellRangeAddress(top2, bottom2, 0, 0));
      float item2Height = 0;
      for (int r = top2; r <= bottom2; r++) {
        item2Height += progress.getRow(r).getHeightInPoints();
      }
      assertThat(item2Height).as("the item's rows are high enough for its requirement, wrapped")
          .isGreaterThan(13.5f * (text(first2, 3).length() * 2 / (progress.getColumnWidth(3) / 256f)));
      int top3 = items.indexOf("3") + 1;
      assertThat(text(progress.getRow(top3), 6)).isEqualTo(cell(plan.item("3").orElseThrow(), 1, 4).text());
      assertThat(progress.getMergedRegions()).as("1-4 across all four quarters")
          .contains(new CellRangeAddress(top3, items.lastIndexOf("3") + 1, 6, 9));

      Row lateRow = partRow(progress, items, "3", title("3", "progress-q1"), "sh-eco-env");
      assertThat(text(lateRow, 13)).isEqualTo("逾期完成");
      assertThat(day(lateRow, 12)).isEqualTo(LocalDate.of(year, 3, 31));
      assertThat(day(lateRow, 14)).isEqualTo(LocalDate.of(year, 4, 5));
      assertThat(number(lateRow, 15)).isEqualTo(5);
      assertThat(text(lateRow, 16)).isEqualTo("一级督办");
      assertThat(text(lateRow, 17)).as("its 督办单 was never answered").isEmpty();

      Row openRow = partRow(progress, items, "5", title("5", "progress-q1"), "suzhou-gov");
      assertThat(text(openRow, 13)).isEqualTo("逾期未完成");
      assertThat(day(openRow, 14)).isNull();
      assertThat(number(openRow, 15)).as("31 March to 20 July").isEqualTo(111);
      assertThat(text(openRow, 16)).as("a progress report stops at the leaders").isEqualTo("一级督办");
      assertThat(text(openRow, 17)).isEqualTo(EXPLAINED_5);

      Row escalatedRow = partRow(progress, items, "2", title("2", "lead-departments"), "suzhou-gov");
      assertThat(text(escalatedRow, 13)).isEqualTo("逾期未完成");
      assertThat(day(escalatedRow, 12)).isEqualTo(LocalDate.of(year, 6, 15));
      assertThat(number(escalatedRow, 15)).isEqualTo(35);
      assertThat(text(escalatedRow, 16)).isEqualTo("二级督办");
      assertThat(text(escalatedRow, 17)).isEqualTo(EXPLAINED_2);
      Row qingpuRow = partRow(progress, items, "2", title("2", "lead-departments"), "qingpu-gov");
      assertThat(text(qingpuRow, 13)).isEqualTo("按期完成");
      assertThat(text(qingpuRow, 16)).isEqualTo("无");
      assertThat(text(qingpuRow, 17)).isEmpty();

      Row onTime = partRow(progress, items, "10", title("10", "progress-q1"), "taihu-basin");
      assertThat(text(onTime, 13)).isEqualTo("按期完成");
      assertThat(number(onTime, 15)).isZero();
      assertThat(text(onTime, 16)).isEqualTo("无");
      for (String agency : List.of("qingpu-gov", "suzhou-gov", "jiaxing-gov")) {
        Row outfall = partRow(progress, items, "4a", title("4a", "outfall-list"), agency);
        assertThat(text(outfall, 13)).isEqualTo("未到期");
        assertThat(day(outfall, 12)).isEqualTo(LocalDate.of(year, 9, 15));
      }

      Sheet records = workbook.getSheetAt(1);
      assertThat(records.getSheetName()).isEqualTo("各单位考核");
      assertThat(texts(records.getRow(0))).containsExactly("单位", "待办", "即将到期", "逾期未完成", "按期完成", "逾期完成",
          "按期完成率", "逾期天数合计", "一级督办", "二级督办");
      assertPageSetup(records);
      assertThat(records.getLastRowNum()).as("a row per agency").isEqualTo(agencies.all().size());
      Row shEco = recordRow(records, "sh-eco-env");
      assertThat(number(shEco, 5)).as("逾期完成").isEqualTo(1);
      assertThat(number(shEco, 3)).as("逾期未完成").isZero();
      assertThat(number(shEco, 4)).as("按期完成: item 3, second quarter").isEqualTo(1);
      assertThat(shEco.getCell(6).getNumericCellValue()).isEqualTo(0.5);
      assertThat(shEco.getCell(6).getCellStyle().getDataFormatString()).contains("%");
      assertThat(number(shEco, 7)).isEqualTo(5);
      assertThat(number(shEco, 8)).isEqualTo(1);
      assertThat(number(shEco, 9)).isZero();
      Row suzhou = recordRow(records, "suzhou-gov");
      assertThat(number(suzhou, 3)).isEqualTo(2);
      assertThat(number(suzhou, 7)).isEqualTo(111 + 35);
      assertThat(number(suzhou, 8)).isEqualTo(2);
      assertThat(number(suzhou, 9)).isEqualTo(1);
      assertThat(number(suzhou, 1)).as("its report, at least").isPositive();
      assertThat(recordRow(records, "zj-eco-env").getCell(6).getCellType()).as("it leads nothing: no rate")
          .isEqualTo(CellType.BLANK);
    }

    // as at the end of 2 April: item 5's 督办单 not yet answered
    try (XSSFWorkbook april2 = read(ok(download("supervisor", "/api/plans/" + year + "/report.xlsx?asOf=" + year + "-04-02")))) {
      Sheet progress = april2.getSheetAt(0);
      List<String> items = itemColumn(progress);
      Row openRow = partRow(progress, items, "5", title("5", "progress-q1"), "suzhou-gov");
      assertThat(text(openRow, 13)).isEqualTo("逾期未完成");
      assertThat(number(openRow, 15)).isEqualTo(2);
      assertThat(text(openRow, 17)).as("answered on 3 April").isEmpty();
      Row lateRow = partRow(progress, items, "3", title("3", "progress-q1"), "sh-eco-env");
      assertThat(text(lateRow, 13)).isEqualTo("逾期未完成");
      assertThat(day(lateRow, 14)).isNull();
    }

    // an agency's users: the items in which their agency has a role, and their own record only
    Set<String> qingpuItems = new LinkedHashSet<>();
    plan.items().stream().filter(item -> item.roles().all().contains("qingpu-gov")).forEach(item -> qingpuItems.add(item.no()));
    HttpResponse<byte[]> narrow = download("qingpu-gov-officer", "/api/plans/" + year + "/report.xlsx");
    try (XSSFWorkbook workbook = read(ok(narrow))) {
      List<String> items = itemColumn(workbook.getSheetAt(0));
      assertThat(new LinkedHashSet<>(items)).containsExactlyInAnyOrderElementsOf(qingpuItems);
      assertThat(text(partRow(workbook.getSheetAt(0), items, "4a", title("4a", "outfall-list"), "suzhou-gov"), 13))
          .as("every part of an item it has a role in").isEqualTo("未到期");
      Sheet records = workbook.getSheetAt(1);
      assertThat(records.getLastRowNum()).isEqualTo(1);
      assertThat(text(records.getRow(1), 0)).isEqualTo(names("qingpu-gov"));
    }

    // refusals that need a started year
    assertRefused(download("supervisor", "/api/plans/" + year + "/report.xlsx?asOf=" + year + "-07-21"), 400, "asOf");

    // statements: a year of two campaigns (2077) against the whole plan (2049)
    PlanViewFixtures.twoCampaignYear(engine, jdbc, 2077, "planreport-test");
    try (XSSFWorkbook small = read(ok(download("supervisor", "/api/plans/2077/report.xlsx")))) {
      assertThat(small.getSheetAt(0).getLastRowNum()).as("two campaign rows").isEqualTo(2);
    }
    int fewer = statements("/api/plans/2077/report.xlsx");
    int many = statements("/api/plans/" + year + "/report.xlsx?asOf=" + year + "-07-20");
    System.out.println("PlanReportTest: SQL statements of report.xlsx: " + fewer + " for 2 milestones, " + many
        + " for a plan year");
    assertThat(many).isEqualTo(fewer).isLessThanOrEqualTo(16);
  }

  @Test
  void refusalsAreChineseJson() {
    assertRefused(download(null, "/api/plans/2049/report.xlsx"), 401, "未登录");
    String nobody = PlanViewFixtures.userOfNoAgency(engine, "planreport-nobody");
    assertRefused(download(nobody, "/api/plans/2049/report.xlsx"), 403, "不属于任何单位");
    assertRefused(download("admin", "/api/plans/1999/report.xlsx"), 404, "1999 年的年度计划尚未启动");
    assertRefused(download("admin", "/api/plans/2049/report.xlsx?asOf=2049-13-01"), 400, "asOf");
    assertRefused(download("admin", "/api/plans/2049/report.xlsx?asOf=yesterday"), 400, "asOf");
  }

  private void assertPageSetup(Sheet sheet) {
    PaneInformation pane = sheet.getPaneInformation();
    assertThat(pane).as(sheet.getSheetName() + " frozen").isNotNull();
    assertThat(pane.isFreezePane()).isTrue();
    assertThat(pane.getHorizontalSplitPosition()).as("the first row frozen").isEqualTo((short) 1);
    assertThat(pane.getVerticalSplitPosition()).isZero();
    PrintSetup print = sheet.getPrintSetup();
    assertThat(print.getPaperSize()).isEqualTo(PrintSetup.A4_PAPERSIZE);
    assertThat(print.getLandscape()).isTrue();
    assertThat(sheet.getFitToPage()).isTrue();
    assertThat(print.getFitWidth()).isEqualTo((short) 1);
    assertThat(print.getFitHeight()).as("as many pages down as needed").isZero();
    Row header = sheet.getRow(0);
    for (Cell cell : header) {
      // a CJK character is about two characters wide: each header fits its column
      assertThat(sheet.getColumnWidth(cell.getColumnIndex())).as(cell.getStringCellValue())
          .isGreaterThanOrEqualTo(cell.getStringCellValue().length() * 2 * 256);
    }
  }

  /** The item of each body row: 序号 is written once per item and merged down its rows. */
  private static List<String> itemColumn(Sheet sheet) {
    List<String> items = new ArrayList<>();
    String current = null;
    for (int i = 1; i <= sheet.getLastRowNum(); i++) {
      String no = text(sheet.getRow(i), 0);
      if (!no.isEmpty()) {
        current = no;
      }
      items.add(current);
    }
    return items;
  }

  private Row partRow(Sheet sheet, List<String> items, String item, String milestone, String agency) {
    String name = names(agency);
    for (int i = 0; i < items.size(); i++) {
      Row row = sheet.getRow(i + 1);
      if (item.equals(items.get(i)) && text(row, 10).equals(milestone) && text(row, 11).contains(name)) {
        return row;
      }
    }
    throw new AssertionError("no row " + item + " " + milestone + " " + agency);
  }

  private Row recordRow(Sheet sheet, String agency) {
    for (int i = 1; i <= sheet.getLastRowNum(); i++) {
      if (text(sheet.getRow(i), 0).equals(names(agency))) {
        return sheet.getRow(i);
      }
    }
    throw new AssertionError("no record of " + agency);
  }

  private String title(String item, String milestone) {
    return plans.get("2021").item(item).orElseThrow().milestones().stream().filter(one -> one.id().equals(milestone))
        .map(Milestone::title).findFirst().orElseThrow();
  }

  private String names(String... ids) {
    return String.join("、", java.util.Arrays.stream(ids).map(id -> agencies.find(id).orElseThrow().name()).toList());
  }

  private static ScheduleCell cell(PlanItem item, int first, int last) {
    return item.schedule().stream().filter(cell -> cell.firstQuarter() == first && cell.lastQuarter() == last)
        .findFirst().orElseThrow();
  }

  private static List<String> texts(Row row) {
    List<String> texts = new ArrayList<>();
    row.forEach(cell -> texts.add(cell.getStringCellValue()));
    return texts;
  }

  private static String text(Row row, int column) {
    Cell cell = row.getCell(column);
    return cell == null || cell.getCellType() == CellType.BLANK ? "" : cell.getStringCellValue();
  }

  private static int number(Row row, int column) {
    return (int) row.getCell(column).getNumericCellValue();
  }

  private static LocalDate day(Row row, int column) {
    Cell cell = row.getCell(column);
    return cell == null || cell.getCellType() == CellType.BLANK ? null : cell.getLocalDateTimeCellValue().toLocalDate();
  }

  private int statements(String path) {
    ok(download("supervisor", path)); // warm
    StatementCounter.start();
    HttpResponse<byte[]> answer = download("supervisor", path);
    int count = StatementCounter.stop();
    assertThat(answer.statusCode()).isEqualTo(200);
    return count;
  }

  private static Predicate<Task> keyIn(PlanDriver driver, String... keys) {
    Set<String> held = Set.of(keys);
    return task -> held.contains(driver.businessKey(task));
  }

  /** The late agency's leaders answer the part's 督办单. */
  private void explain(PlanDriver driver, String key, String explanation, String committedDay) {
    Task form = driver.openTasks().stream().filter(task -> driver.businessKey(task).equals(key))
        .filter(task -> task.getTaskDefinitionKey().equals(Escalation.Elements.EXPLAIN_DELAY))
        .findFirst().orElseThrow(() -> new AssertionError("no 督办单 for " + key));
    engine.getTaskService().complete(form.getId(), Variables.createVariables()
        .putValue(Escalation.DELAY_EXPLANATION.name(), explanation)
        .putValue(Escalation.COMMITTED_DAY.name(), committedDay));
    ProcessTests.runAsyncJobs(engine);
  }

  /** GET as a user with the demo password (anonymous when null), the body as bytes, any type accepted. */
  private HttpResponse<byte[]> download(String user, String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
        .header("Accept", "*/*");
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + LianbaoTest.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] ok(HttpResponse<byte[]> answer) {
    assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    return answer.body();
  }

  private static XSSFWorkbook read(byte[] bytes) throws IOException {
    return new XSSFWorkbook(new ByteArrayInputStream(bytes));
  }

  /** The name of {@code filename*=UTF-8''…} (RFC 6266). */
  private static String fileName(HttpResponse<byte[]> answer) {
    String header = answer.headers().firstValue("Content-Disposition").orElse("");
    assertThat(header).startsWith("attachment");
    Matcher name = Pattern.compile("filename\\*=UTF-8''([^;\\s]+)", Pattern.CASE_INSENSITIVE).matcher(header);
    assertThat(name.find()).as(header).isTrue();
    return URLDecoder.decode(name.group(1), StandardCharsets.UTF_8);
  }

  private static JsonNode json(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertRefused(HttpResponse<byte[]> answer, int status, String... words) {
    String body = new String(answer.body(), StandardCharsets.UTF_8);
    assertThat(answer.statusCode()).as(body).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    try {
      assertThat(JSON.readTree(body).path("message").asText()).contains(words).containsPattern("\\p{IsHan}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
