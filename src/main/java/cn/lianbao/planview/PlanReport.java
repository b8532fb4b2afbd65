package cn.lianbao.planview;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.escalation.Escalation;
import cn.lianbao.plan.Plan;
import cn.lianbao.plan.PlanCatalog;
import cn.lianbao.plan.PlanItem;
import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.plan.Roles;
import cn.lianbao.plan.ScheduleCell;
import cn.lianbao.planview.PlanView.Part;
import cn.lianbao.planview.PlanViewJson.AgencyRecord;
import cn.lianbao.planview.PlanViewJson.Year;
import cn.lianbao.web.DownloadNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The plan view as a workbook (issue 13, the quarterly report): sheet 年度计划进度 in the layout of
 * the plan's table (附表) — the item's columns, its schedule by quarter, then one row per milestone
 * part with its state as at the end of the day — and sheet 各单位考核 with each agency's record.
 * The parts, states and records are those of {@link PlanView} for the same viewer; only the latest
 * 情况说明 of each part's 督办单 is read besides, in one statement for the whole year.
 */
@Component
public class PlanReport {

  /** Sheet 1's headers, in the table's order. */
  public static final List<String> PROGRESS_HEADERS = List.of("序号", "类别", "事项", "工作要求", "牵头单位", "配合单位",
      "第一季度", "第二季度", "第三季度", "第四季度", "节点", "责任单位", "截止日期", "完成情况", "完成日期", "逾期天数",
      "督办级别", "情况说明");
  /** Sheet 2's headers. */
  public static final List<String> RECORD_HEADERS = List.of("单位", "待办", "即将到期", "逾期未完成", "按期完成", "逾期完成",
      "按期完成率", "逾期天数合计", "一级督办", "二级督办");
  public static final String PROGRESS_SHEET = "年度计划进度";
  public static final String RECORD_SHEET = "各单位考核";
  public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  /** The columns of the item, repeated for each of its parts by a vertical merge. */
  private static final int ITEM_COLUMNS = 6;
  private static final int FIRST_QUARTER = 6;
  private static final int FIRST_PART_COLUMN = 10;
  /** Points per line of 10-point text. */
  private static final float LINE_HEIGHT = 13.5f;
  /** The widest a column grows (in characters, a CJK character counting two); wider text wraps. */
  private static final int[] MAX_WIDTH = {6, 14, 24, 40, 20, 24, 20, 20, 20, 20, 28, 16, 11, 11, 11, 9, 9, 40};

  private final PlanView view;
  private final PlanCatalog plans;
  private final AgencyCatalog agencies;
  private final PlanCalendar calendar;
  private final JdbcTemplate jdbc;

  public PlanReport(PlanView view, PlanCatalog plans, AgencyCatalog agencies, PlanCalendar calendar, JdbcTemplate jdbc) {
    this.view = view;
    this.plans = plans;
    this.agencies = agencies;
    this.calendar = calendar;
    this.jdbc = jdbc;
  }

  /** The download's name: "2027年重点跨界水体联保计划进度（截至2027-10-02）.xlsx". */
  public static String fileName(Year year, LocalDate asOf) {
    return year.year() + "年重点跨界水体联保计划进度（截至" + asOf + "）.xlsx";
  }

  /** The Content-Disposition of the download: the Chinese name, and {@code plan-2027-progress-2027-10-02.xlsx} for clients that read only ASCII. */
  public static String attachment(Year year, LocalDate asOf) {
    return DownloadNames.attachmentNamed(fileName(year, asOf), "plan-" + year.year() + "-progress-" + asOf + ".xlsx");
  }

  /** The workbook of the year as at the end of {@code asOf}, with what the viewer sees. */
  public byte[] workbook(Year year, LocalDate asOf, Viewer viewer) {
    List<Part> parts = view.parts(year, asOf).stream().filter(part -> viewer.sees(part.concerned)).toList();
    List<AgencyRecord> records = view.agencies(year, asOf, viewer);
    Map<String, String> explanations = latestExplanations(year, asOf);
    Plan plan = plans.find(year.planId()).orElse(null);
    String title = year.year() + "年重点跨界水体联保计划进度（截至" + asOf + "）";
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      Styles styles = new Styles(workbook);
      progressSheet(workbook.createSheet(PROGRESS_SHEET), styles, plan, parts, explanations, title);
      recordSheet(workbook.createSheet(RECORD_SHEET), styles, records, title);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      workbook.write(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void progressSheet(Sheet sheet, Styles styles, Plan plan, List<Part> parts, Map<String, String> explanations,
      String title) {
    Widths widths = new Widths(PROGRESS_HEADERS.size());
    header(sheet, styles, PROGRESS_HEADERS, widths);
    int rowIndex = 1;
    int index = 0;
    List<int[]> groups = new ArrayList<>();
    Map<Integer, Integer> spans = new HashMap<>();
    while (index < parts.size()) {
      // the parts of one item follow each other (plan order)
      Part first = parts.get(index);
      int end = index;
      while (end < parts.size() && sameItem(first, parts.get(end))) {
        end++;
      }
      List<Part> itemParts = parts.subList(index, end);
      PlanItem item = plan == null ? null : plan.item(first.item).orElse(null);
      int top = rowIndex;
      for (Part part : itemParts) {
        Row row = sheet.createRow(rowIndex++);
        for (int column = 0; column < PROGRESS_HEADERS.size(); column++) {
          row.createCell(column).setCellStyle(styles.text);
        }
        partCells(row, styles, part, explanations.get(part.instanceId), widths);
      }
      int bottom = rowIndex - 1;
      Row topRow = sheet.getRow(top);
      text(topRow, 0, first.item, widths, styles.centered);
      text(topRow, 1, item == null ? first.category : item.category(), widths, null);
      text(topRow, 2, item == null ? first.itemTitle : item.title(), widths, null);
      if (item != null) {
        text(topRow, 3, item.tableRequirement() != null ? item.tableRequirement() : item.requirement(), widths, null);
        text(topRow, 4, names(leads(item.roles())), widths, null);
        text(topRow, 5, cooperating(item.roles()), widths, null);
      } else {
        text(topRow, 4, names(first.leads), widths, null);
      }
      for (int column = 0; column < ITEM_COLUMNS; column++) {
        merge(sheet, top, bottom, column, column);
      }
      boolean[] covered = new boolean[4];
      if (item != null) {
        for (ScheduleCell cell : item.schedule()) {
          int span = cell.lastQuarter() - cell.firstQuarter() + 1;
          text(topRow, FIRST_QUARTER + cell.firstQuarter() - 1, cell.text(), widths, null, span);
          spans.put(top * 100 + FIRST_QUARTER + cell.firstQuarter() - 1, span);
          merge(sheet, top, bottom, FIRST_QUARTER + cell.firstQuarter() - 1, FIRST_QUARTER + cell.lastQuarter() - 1);
          for (int quarter = cell.firstQuarter(); quarter <= cell.lastQuarter(); quarter++) {
            covered[quarter - 1] = true;
          }
        }
      }
      for (int quarter = 1; quarter <= 4; quarter++) {
        if (!covered[quarter - 1]) {
          merge(sheet, top, bottom, FIRST_QUARTER + quarter - 1, FIRST_QUARTER + quarter - 1);
        }
      }
      groups.add(new int[] {top, bottom});
      index = end;
    }
    widths.apply(sheet);
    heights(sheet, widths, groups, spans);
    layout(sheet, title, PROGRESS_HEADERS.size());
  }

  /**
   * Row heights that show the wrapped text: each row as high as its part's longest cell, and an
   * item's rows together as high as its longest merged cell (spreadsheets do not grow rows for
   * merged cells themselves).
   */
  private static void heights(Sheet sheet, Widths widths, List<int[]> groups, Map<Integer, Integer> spans) {
    for (int[] group : groups) {
      int top = group[0];
      int bottom = group[1];
      int[] lines = new int[bottom - top + 1];
      int total = 0;
      for (int r = top; r <= bottom; r++) {
        int most = 1;
        for (int column = FIRST_PART_COLUMN; column < PROGRESS_HEADERS.size(); column++) {
          most = Math.max(most, lines(sheet.getRow(r).getCell(column), widths.chars(column)));
        }
        lines[r - top] = most;
        total += most;
      }
      int itemLines = 1;
      for (int column = 0; column < FIRST_PART_COLUMN; column++) {
        int span = spans.getOrDefault(top * 100 + column, 1);
        int chars = 0;
        for (int i = 0; i < span; i++) {
          chars += widths.chars(column + i);
        }
        itemLines = Math.max(itemLines, lines(sheet.getRow(top).getCell(column), chars));
      }
      int missing = itemLines - total;
      for (int r = top; r <= bottom; r++) {
        int extra = missing <= 0 ? 0 : (missing + lines.length - 1) / lines.length;
        sheet.getRow(r).setHeightInPoints(LINE_HEIGHT * (lines[r - top] + extra) + 4);
      }
    }
  }

  /** How many lines the cell's text takes in a column this many characters wide. */
  private static int lines(Cell cell, int chars) {
    if (cell == null || cell.getCellType() != org.apache.poi.ss.usermodel.CellType.STRING) {
      return 1;
    }
    int lines = 0;
    int room = Math.max(1, chars - 1);
    for (String line : cell.getStringCellValue().split("\n")) {
      lines += Math.max(1, (displayWidth(line) + room - 1) / room);
    }
    return lines;
  }

  private void partCells(Row row, Styles styles, Part part, String explanation, Widths widths) {
    int column = FIRST_PART_COLUMN;
    text(row, column++, part.title, widths, null);
    text(row, column++, names(part.responsible.isEmpty() ? List.of(part.agency) : part.responsible), widths, null);
    day(row, column++, part.deadline, styles, widths);
    text(row, column++, stateName(part.state), widths, styles.centered);
    day(row, column++, part.deliveredAt, styles, widths);
    Cell days = row.getCell(column++);
    days.setCellValue(part.daysOverdue);
    days.setCellStyle(styles.number);
    text(row, column++, levelName(part.escalationLevel), widths, styles.centered);
    text(row, column, explanation, widths, null);
  }

  private void recordSheet(Sheet sheet, Styles styles, List<AgencyRecord> records, String title) {
    Widths widths = new Widths(RECORD_HEADERS.size());
    header(sheet, styles, RECORD_HEADERS, widths);
    int rowIndex = 1;
    for (AgencyRecord record : records) {
      Row row = sheet.createRow(rowIndex++);
      Cell name = row.createCell(0);
      name.setCellValue(record.agency().name());
      name.setCellStyle(styles.text);
      widths.fit(0, record.agency().name(), 1);
      int[] counts = {record.openTasks(), record.dueSoon(), record.overdue(), record.deliveredOnTime(),
          record.deliveredLate()};
      for (int i = 0; i < counts.length; i++) {
        Cell cell = row.createCell(1 + i);
        cell.setCellValue(counts[i]);
        cell.setCellStyle(styles.number);
      }
      Cell rate = row.createCell(6);
      rate.setCellStyle(styles.percent);
      if (record.onTimeRate() != null) {
        rate.setCellValue(record.onTimeRate());
      }
      int[] rest = {record.daysOverdueTotal(), record.escalationsLevel1(), record.escalationsLevel2()};
      for (int i = 0; i < rest.length; i++) {
        Cell cell = row.createCell(7 + i);
        cell.setCellValue(rest[i]);
        cell.setCellStyle(styles.number);
      }
    }
    widths.apply(sheet);
    layout(sheet, title, RECORD_HEADERS.size());
  }

  /**
   * The latest 情况说明 of each part's 督办单 given by the end of the day: the {@code delayExplanation}
   * of the level-1 tasks ({@link Escalation.Elements#EXPLAIN_DELAY}, a task per late agency, the
   * variable local to the task's activity instance), by the task's end. One statement for the year.
   */
  Map<String, String> latestExplanations(Year year, LocalDate asOf) {
    Timestamp end = new Timestamp(calendar.endOfDay(asOf).getTime());
    Map<String, String> latest = new HashMap<>();
    jdbc.query("SELECT v.PROC_INST_ID_, v.TEXT_ FROM ACT_HI_VARINST v "
        + "JOIN ACT_HI_PROCINST p ON p.PROC_INST_ID_ = v.PROC_INST_ID_ "
        + "JOIN ACT_HI_TASKINST t ON t.ACT_INST_ID_ = v.ACT_INST_ID_ AND t.PROC_INST_ID_ = v.PROC_INST_ID_ "
        + "WHERE p.PROC_DEF_KEY_ = ? AND p.BUSINESS_KEY_ LIKE ? AND v.NAME_ = ? AND t.TASK_DEF_KEY_ = ? "
        + "AND t.END_TIME_ IS NOT NULL AND t.END_TIME_ <= ? AND v.TEXT_ IS NOT NULL "
        + "ORDER BY t.END_TIME_, t.ID_", row -> {
          String text = row.getString("TEXT_").strip();
          if (!text.isEmpty()) {
            latest.put(row.getString("PROC_INST_ID_"), text);
          }
        }, PlanMilestoneProcess.KEY, year.year() + "-%", Escalation.DELAY_EXPLANATION.name(),
        Escalation.Elements.EXPLAIN_DELAY, end);
    return latest;
  }

  static String stateName(PartState state) {
    return switch (state) {
      case NOT_DUE -> "未到期";
      case DUE_SOON -> "即将到期";
      case DONE_ON_TIME -> "按期完成";
      case DONE_LATE -> "逾期完成";
      case OVERDUE -> "逾期未完成";
    };
  }

  static String levelName(int level) {
    return switch (level) {
      case 0 -> "无";
      case 1 -> "一级督办";
      default -> "二级督办";
    };
  }

  private static boolean sameItem(Part one, Part other) {
    return one.itemIndex == other.itemIndex && one.item.equals(other.item);
  }

  private static List<String> leads(Roles roles) {
    Set<String> leads = new LinkedHashSet<>(roles.lead());
    leads.addAll(roles.coLead());
    leads.addAll(roles.eachLeads());
    return List.copyOf(leads);
  }

  /** 配合单位: the implementing and cooperating agencies, then the guiding ones marked as such. */
  private String cooperating(Roles roles) {
    String cooperating = names(roles.contributors(leads(roles)));
    if (roles.guiding().isEmpty()) {
      return cooperating;
    }
    String guiding = "指导：" + names(roles.guiding());
    return cooperating.isEmpty() ? guiding : cooperating + "；" + guiding;
  }

  private String names(Collection<String> ids) {
    return ids.stream().filter(id -> id != null && !id.isEmpty())
        .map(id -> agencies.find(id).map(Agency::name).orElse(id)).collect(Collectors.joining("、"));
  }

  private void day(Row row, int column, Date instant, Styles styles, Widths widths) {
    Cell cell = row.getCell(column);
    cell.setCellStyle(styles.day);
    if (instant != null) {
      cell.setCellValue(calendar.dayOf(instant));
      widths.fit(column, "2027-09-30", 1);
    }
  }

  private static void text(Row row, int column, String value, Widths widths, CellStyle style) {
    text(row, column, value, widths, style, 1);
  }

  private static void text(Row row, int column, String value, Widths widths, CellStyle style, int span) {
    Cell cell = row.getCell(column) == null ? row.createCell(column) : row.getCell(column);
    if (style != null) {
      cell.setCellStyle(style);
    }
    if (value != null && !value.isEmpty()) {
      cell.setCellValue(value);
      widths.fit(column, value, span);
    }
  }

  private static void merge(Sheet sheet, int top, int bottom, int left, int right) {
    if (bottom > top || right > left) {
      sheet.addMergedRegion(new CellRangeAddress(top, bottom, left, right));
    }
  }

  private static void header(Sheet sheet, Styles styles, List<String> headers, Widths widths) {
    Row row = sheet.createRow(0);
    for (int column = 0; column < headers.size(); column++) {
      Cell cell = row.createCell(column);
      cell.setCellValue(headers.get(column));
      cell.setCellStyle(styles.header);
      widths.header(column, headers.get(column));
    }
    sheet.createFreezePane(0, 1);
  }

  /** A4 landscape, one page wide, the header row on every page, the title and the day in the page header. */
  private static void layout(Sheet sheet, String title, int columns) {
    PrintSetup print = sheet.getPrintSetup();
    print.setPaperSize(PrintSetup.A4_PAPERSIZE);
    print.setLandscape(true);
    sheet.setFitToPage(true);
    print.setFitWidth((short) 1);
    print.setFitHeight((short) 0);
    sheet.setAutobreaks(true);
    sheet.setRepeatingRows(new CellRangeAddress(0, 0, 0, columns - 1));
    sheet.getHeader().setCenter(title);
    sheet.getFooter().setCenter("第 &P 页，共 &N 页");
    sheet.setHorizontallyCenter(true);
  }

  /** Display width of text in character units: CJK and full-width characters count two. */
  static int displayWidth(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      Character.UnicodeScript script = Character.UnicodeScript.of(c);
      boolean wide = script == Character.UnicodeScript.HAN || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF)
          || (c >= 0x2E80 && c <= 0x2FDF);
      width += wide ? 2 : 1;
    }
    return width;
  }

  /** Column widths fitted to the widest line of each column, within its maximum. */
  private static final class Widths {
    private final int[] widths;

    Widths(int columns) {
      widths = new int[columns];
    }

    void header(int column, String text) {
      widths[column] = Math.max(widths[column], displayWidth(text));
    }

    void fit(int column, String text, int span) {
      int widest = 0;
      for (String line : text.split("\n")) {
        widest = Math.max(widest, displayWidth(line));
      }
      widths[column] = Math.max(widths[column], Math.min(max(column), (widest + span - 1) / span));
    }

    private int max(int column) {
      return column < MAX_WIDTH.length && widths.length == MAX_WIDTH.length ? MAX_WIDTH[column] : 30;
    }

    /** The column's width in characters, as set. */
    int chars(int column) {
      return Math.min(255, widths[column] + 2);
    }

    void apply(Sheet sheet) {
      for (int column = 0; column < widths.length; column++) {
        sheet.setColumnWidth(column, chars(column) * 256);
      }
    }
  }

  private static final class Styles {
    final CellStyle header;
    final CellStyle text;
    final CellStyle centered;
    final CellStyle number;
    final CellStyle day;
    final CellStyle percent;

    Styles(Workbook workbook) {
      Font font = workbook.createFont();
      font.setFontName("宋体");
      font.setFontHeightInPoints((short) 10);
      Font bold = workbook.createFont();
      bold.setFontName("宋体");
      bold.setFontHeightInPoints((short) 10);
      bold.setBold(true);
      header = bordered(workbook, bold);
      header.setAlignment(HorizontalAlignment.CENTER);
      header.setVerticalAlignment(VerticalAlignment.CENTER);
      header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      text = bordered(workbook, font);
      centered = bordered(workbook, font);
      centered.setAlignment(HorizontalAlignment.CENTER);
      number = bordered(workbook, font);
      number.setAlignment(HorizontalAlignment.RIGHT);
      number.setDataFormat(workbook.createDataFormat().getFormat("0"));
      day = bordered(workbook, font);
      day.setAlignment(HorizontalAlignment.CENTER);
      day.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
      percent = bordered(workbook, font);
      percent.setAlignment(HorizontalAlignment.RIGHT);
      percent.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
    }

    private static CellStyle bordered(Workbook workbook, Font font) {
      CellStyle style = workbook.createCellStyle();
      style.setFont(font);
      style.setWrapText(true);
      style.setVerticalAlignment(VerticalAlignment.TOP);
      style.setBorderTop(BorderStyle.THIN);
      style.setBorderBottom(BorderStyle.THIN);
      style.setBorderLeft(BorderStyle.THIN);
      style.setBorderRight(BorderStyle.THIN);
      return style;
    }
  }
}
