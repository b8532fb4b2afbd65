package cn.lianbao.plan;

import java.time.DateTimeException;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a plan file and checks it completely before anything uses it: every agency known, every
 * item with someone who leads it, every milestone in a quarter from 1 to 4 or on a valid date, every
 * role and kind of work known. A fault stops with a {@link PlanFileException} that names the file,
 * the line, the item and the field.
 */
public final class PlanFileReader {

  /** The kinds of work: each is the key of a process in processes/. */
  public static final Set<String> WORK_KINDS = Set.of("joint-patrol", "consultation-meeting",
      "joint-enforcement-patrol", "hyacinth-campaign", "outcome-document", "progress-report",
      "rectification-report");

  /**
   * Quarterly progress reports are this project's reading, not an obligation of the plan: unless the
   * plan file says otherwise, they open when their quarter begins and escalate only to the agency's
   * leaders (level 1), never to the supervisors.
   */
  static final String PROGRESS_REPORT = "progress-report";
  static final String OPENS_AT_QUARTER_START = "quarter-start";
  static final String OPENS_WITH_THE_YEAR = "year-start";

  private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd");
  /** The key of a schedule cell: its quarter "2" or its quarters "3-4". */
  private static final Pattern SCHEDULE_KEY = Pattern.compile("([1-4])(?:-([1-4]))?");
  /** A date of the plan referenced from a reading: {@code {expoOpening}}. */
  private static final Pattern DATE_REFERENCE = Pattern.compile("\\{([A-Za-z0-9_-]+)}");

  private final String file;
  private final Predicate<String> knownAgency;
  /** The plan's dates as readings name them, "第四届中国国际进口博览会（11月5日）", by key. */
  private Map<String, String> dateTexts = Map.of();

  public PlanFileReader(String file, Predicate<String> knownAgency) {
    this.file = file;
    this.knownAgency = knownAgency;
  }

  public Plan read(String text) {
    Node root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new java.io.StringReader(text));
    } catch (MarkedYAMLException e) {
      throw new PlanFileException("计划文件 " + file + " 第 " + (e.getProblemMark().getLine() + 1)
          + " 行：不是有效的 YAML（" + e.getProblem() + "）");
    }
    if (!(root instanceof MappingNode top)) {
      throw fault(root, null, null, "文件内容应为含 id、title、items 字段的映射");
    }
    Map<String, Node> fields = fields(top, null, Set.of("id", "title", "source", "dates", "items"));
    String id = text(fields, top, null, "id", true);
    String title = text(fields, top, null, "title", true);
    String source = text(fields, top, null, "source", false);
    Map<String, MonthDay> dates = new LinkedHashMap<>();
    Map<String, String> dateNames = new LinkedHashMap<>();
    if (fields.containsKey("dates")) {
      MappingNode dateNodes = mapping(fields.get("dates"), null, "dates");
      for (NodeTuple tuple : dateNodes.getValue()) {
        String name = scalar(tuple.getKeyNode(), null, "dates");
        MappingNode dateNode = mapping(tuple.getValueNode(), null, "dates." + name);
        Map<String, Node> dateFields = fields(dateNode, null, Set.of("date", "name"));
        if (!dateFields.containsKey("date") || !dateFields.containsKey("name")) {
          throw fault(dateNode, null, "dates." + name, "计划中的日期须写明日期（MM-DD）和名称（name）");
        }
        dates.put(name, monthDay(dateFields.get("date"), null, "dates." + name + ".date"));
        String what = scalar(dateFields.get("name"), null, "dates." + name + ".name").strip();
        if (what.isEmpty()) {
          throw fault(dateFields.get("name"), null, "dates." + name + ".name", "name 为空");
        }
        dateNames.put(name, what);
      }
    }
    this.dateTexts = new LinkedHashMap<>();
    dates.forEach((name, day) -> dateTexts.put(name,
        dateNames.get(name) + "（" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日）"));
    SequenceNode itemNodes = sequence(required(fields, top, null, "items"), null, "items");
    List<PlanItem> items = new ArrayList<>();
    Set<String> numbers = new HashSet<>();
    for (Node itemNode : itemNodes.getValue()) {
      PlanItem item = item(itemNode, dates);
      if (!numbers.add(item.no())) {
        throw fault(itemNode, item.no(), "no", "事项 " + item.no() + " 重复出现");
      }
      items.add(item);
    }
    if (items.isEmpty()) {
      throw fault(itemNodes, null, "items", "计划中没有任何事项");
    }
    return new Plan(id, title, source, Map.copyOf(dates), Map.copyOf(dateNames), List.copyOf(items));
  }

  private PlanItem item(Node node, Map<String, MonthDay> dates) {
    MappingNode map = mapping(node, null, "items");
    Map<String, Node> fields = fields(map, null, Set.of("no", "category", "title", "shortTitle", "requirement",
        "tableRequirement", "schedule", "outcome", "roles", "readings", "milestones"));
    String no = text(fields, map, null, "no", true);
    Roles roles = roles(required(fields, map, no, "roles"), no);
    List<String> readings = new ArrayList<>();
    if (fields.containsKey("readings")) {
      for (Node reading : sequence(fields.get("readings"), no, "readings").getValue()) {
        readings.add(withDates(reading, scalar(reading, no, "readings"), no, "readings"));
      }
    }
    SequenceNode milestoneNodes = sequence(required(fields, map, no, "milestones"), no, "milestones");
    List<Milestone> milestones = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Node milestoneNode : milestoneNodes.getValue()) {
      Milestone milestone = milestone(milestoneNode, no, dates, milestones, roles);
      if (!ids.add(milestone.id())) {
        throw fault(milestoneNode, no, "milestones.id", "节点 " + milestone.id() + " 重复出现");
      }
      milestones.add(milestone);
    }
    if (milestones.isEmpty()) {
      throw fault(milestoneNodes, no, "milestones", "该事项没有节点");
    }
    return new PlanItem(no, text(fields, map, no, "category", true), text(fields, map, no, "title", true),
        text(fields, map, no, "shortTitle", true), text(fields, map, no, "requirement", true),
        schedule(fields.get("schedule"), no), text(fields, map, no, "outcome", true), roles,
        List.copyOf(readings), List.copyOf(milestones), text(fields, map, no, "tableRequirement", false));
  }

  /**
   * The schedule's cells, keyed by the quarter ("2") or the quarters ("3-4") of the table's columns
   * each spans: in quarter order, none overlapping another.
   */
  private List<ScheduleCell> schedule(Node node, String no) {
    if (node == null) {
      return List.of();
    }
    MappingNode map = mapping(node, no, "schedule");
    List<ScheduleCell> cells = new ArrayList<>();
    for (NodeTuple tuple : map.getValue()) {
      String key = scalar(tuple.getKeyNode(), no, "schedule");
      Matcher quarters = SCHEDULE_KEY.matcher(key);
      if (!quarters.matches()) {
        throw fault(tuple.getKeyNode(), no, "schedule." + key,
            "进度表格子的键应为季度（\"2\"）或季度范围（\"3-4\"），实际为 '" + key + "'");
      }
      int first = Integer.parseInt(quarters.group(1));
      int last = quarters.group(2) == null ? first : Integer.parseInt(quarters.group(2));
      if (first > last) {
        throw fault(tuple.getKeyNode(), no, "schedule." + key, "'" + key + "' 的季度顺序颠倒");
      }
      if (!cells.isEmpty() && cells.get(cells.size() - 1).lastQuarter() >= first) {
        throw fault(tuple.getKeyNode(), no, "schedule." + key,
            "该格与格 " + key(cells.get(cells.size() - 1)) + " 重叠或排在其前；请按季度顺序列出各格");
      }
      String text = scalar(tuple.getValueNode(), no, "schedule." + key).strip();
      if (text.isEmpty()) {
        throw fault(tuple.getValueNode(), no, "schedule." + key, "该格为空（空格请直接省略）");
      }
      cells.add(new ScheduleCell(first, last, text));
    }
    if (cells.isEmpty()) {
      throw fault(node, no, "schedule", "进度表没有任何格");
    }
    return List.copyOf(cells);
  }

  private static String key(ScheduleCell cell) {
    return cell.firstQuarter() == cell.lastQuarter() ? String.valueOf(cell.firstQuarter())
        : cell.firstQuarter() + "-" + cell.lastQuarter();
  }

  private Roles roles(Node node, String no) {
    MappingNode map = mapping(node, no, "roles");
    Map<String, List<String>> byRole = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      String role = scalar(tuple.getKeyNode(), no, "roles");
      if (!Roles.NAMES.contains(role)) {
        throw fault(tuple.getKeyNode(), no, "roles." + role,
            "未知角色 '" + role + "'（可用：" + String.join("、", Roles.NAMES) + "）");
      }
      List<String> agencies = new ArrayList<>();
      for (Node agency : sequence(tuple.getValueNode(), no, "roles." + role).getValue()) {
        String id = scalar(agency, no, "roles." + role);
        if (!knownAgency.test(id)) {
          throw fault(agency, no, "roles." + role, "未知单位 '" + id + "'（见 lianbao/agencies.yml）");
        }
        agencies.add(id);
      }
      byRole.put(role, List.copyOf(agencies));
    }
    Roles roles = new Roles(byRole.getOrDefault("lead", List.of()), byRole.getOrDefault("eachLeads", List.of()),
        byRole.getOrDefault("coLead", List.of()), byRole.getOrDefault("implementing", List.of()),
        byRole.getOrDefault("cooperating", List.of()), byRole.getOrDefault("guiding", List.of()));
    if (roles.lead().isEmpty() && roles.eachLeads().isEmpty() && roles.coLead().isEmpty()) {
      throw fault(node, no, "roles", "该事项没有牵头单位（lead、eachLeads 或 coLead）");
    }
    if (!roles.eachLeads().isEmpty() && !roles.jointResponsible().isEmpty()) {
      throw fault(node, no, "roles", "eachLeads 不能与 lead 或 coLead 同时使用");
    }
    return roles;
  }

  private Milestone milestone(Node node, String no, Map<String, MonthDay> dates, List<Milestone> earlier,
      Roles roles) {
    MappingNode map = mapping(node, no, "milestones");
    Map<String, Node> fields = fields(map, no,
        Set.of("id", "title", "work", "quarter", "date", "before", "document", "reading", "maxEscalationLevel",
            "opens", "addedByReading", "rectifyBy", "coordinationMeeting", "merges", "by", "daysAfterParts"));
    String id = text(fields, map, no, "id", true);
    String work = text(fields, map, no, "work", true);
    if (!WORK_KINDS.contains(work)) {
      throw fault(fields.get("work"), no, "milestones." + id + ".work",
          "未知工作类型 '" + work + "'（可用：" + String.join("、", WORK_KINDS.stream().sorted().toList()) + "）");
    }
    String merges = text(fields, map, no, "merges", false);
    int given = (fields.containsKey("quarter") ? 1 : 0) + (fields.containsKey("date") ? 1 : 0)
        + (fields.containsKey("before") ? 1 : 0) + (merges != null ? 1 : 0);
    if (merges != null && given != 1) {
      throw fault(map, no, "milestones." + id, "汇总各单位材料的节点在其后 daysAfterParts 天到期："
          + "不要再写 quarter、date 或 before");
    }
    if (given != 1) {
      throw fault(map, no, "milestones." + id, "quarter、date（MM-DD）、before（计划中的日期）三者须且只能写一个");
    }
    Integer quarter = null;
    MonthDay date = null;
    int daysBefore = 0;
    if (fields.containsKey("quarter")) {
      String value = scalar(fields.get("quarter"), no, "milestones." + id + ".quarter");
      try {
        quarter = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        quarter = -1;
      }
      if (quarter < 1 || quarter > 4) {
        throw fault(fields.get("quarter"), no, "milestones." + id + ".quarter",
            "quarter 只能是 1、2、3 或 4，实际为 " + value);
      }
    } else if (fields.containsKey("date")) {
      date = monthDay(fields.get("date"), no, "milestones." + id + ".date");
    } else if (merges == null) {
      String name = scalar(fields.get("before"), no, "milestones." + id + ".before");
      MonthDay day = dates.get(name);
      if (day == null) {
        throw fault(fields.get("before"), no, "milestones." + id + ".before",
            "计划中没有日期 '" + name + "'（已有：" + String.join("、", dates.keySet()) + "）");
      }
      date = day;
      daysBefore = 1;
    }
    String mergedBy = text(fields, map, no, "by", false);
    int daysAfterParts = 0;
    if (merges != null) {
      String field = "milestones." + id + ".merges";
      Milestone parts = earlier.stream().filter(m -> m.id().equals(merges)).findFirst().orElseThrow(() ->
          fault(fields.get("merges"), no, field, "该事项中没有可供汇总的前序节点 '" + merges + "'"));
      if (roles.eachLeads().isEmpty()) {
        throw fault(fields.get("merges"), no, field, "只有各单位分别牵头（eachLeads）的事项才有需要汇总的材料");
      }
      if (parts.date() == null || parts.isMerge()) {
        throw fault(fields.get("merges"), no, field, "被汇总的节点 '" + merges + "' 须以日期（MM-DD）确定期限");
      }
      if (mergedBy == null || !roles.eachLeads().contains(mergedBy)) {
        throw fault(map, no, "milestones." + id + ".by", "by 须写明负责汇总的单位，可选："
            + String.join("、", roles.eachLeads()));
      }
      String days = text(fields, map, no, "daysAfterParts", true);
      try {
        daysAfterParts = Integer.parseInt(days);
      } catch (NumberFormatException e) {
        daysAfterParts = -1;
      }
      if (daysAfterParts < 1 || daysAfterParts > 90) {
        throw fault(fields.get("daysAfterParts"), no, "milestones." + id + ".daysAfterParts",
            "daysAfterParts 须为 1 到 90 之间的整数天数，实际为 " + days);
      }
      date = parts.date();
      daysBefore = -daysAfterParts;
    } else if (mergedBy != null || fields.containsKey("daysAfterParts")) {
      throw fault(map, no, "milestones." + id, "by 和 daysAfterParts 只用于汇总各单位材料的节点");
    }
    MonthDay rectifyBy = null;
    if (fields.containsKey("rectifyBy")) {
      if (!"joint-patrol".equals(work)) {
        throw fault(fields.get("rectifyBy"), no, "milestones." + id + ".rectifyBy", "只有 joint-patrol（联合巡河）才有需要整改的问题");
      }
      rectifyBy = monthDay(fields.get("rectifyBy"), no, "milestones." + id + ".rectifyBy");
    }
    boolean coordinationMeeting = flag(fields, no, id, "coordinationMeeting");
    if (coordinationMeeting && !"consultation-meeting".equals(work)) {
      throw fault(fields.get("coordinationMeeting"), no, "milestones." + id + ".coordinationMeeting",
          "只有 consultation-meeting（联席会议）才能召开协调会");
    }
    boolean addedByReading = flag(fields, no, id, "addedByReading");
    String document = text(fields, map, no, "document", false);
    if ("outcome-document".equals(work) && document == null) {
      throw fault(map, no, "milestones." + id + ".document", "outcome-document 节点须写明其文件（document）");
    }
    boolean progressReport = PROGRESS_REPORT.equals(work);
    int maxLevel = progressReport ? 1 : 2;
    if (fields.containsKey("maxEscalationLevel")) {
      String value = scalar(fields.get("maxEscalationLevel"), no, "milestones." + id + ".maxEscalationLevel");
      if (!value.equals("1") && !value.equals("2")) {
        throw fault(fields.get("maxEscalationLevel"), no, "milestones." + id + ".maxEscalationLevel",
            "maxEscalationLevel 只能是 1 或 2，实际为 " + value);
      }
      maxLevel = Integer.parseInt(value);
    }
    boolean opensAtQuarterStart = progressReport && quarter != null;
    if (fields.containsKey("opens")) {
      String value = scalar(fields.get("opens"), no, "milestones." + id + ".opens");
      if (!value.equals(OPENS_AT_QUARTER_START) && !value.equals(OPENS_WITH_THE_YEAR)) {
        throw fault(fields.get("opens"), no, "milestones." + id + ".opens",
            "opens 只能是 " + OPENS_AT_QUARTER_START + " 或 " + OPENS_WITH_THE_YEAR + "，实际为 " + value);
      }
      opensAtQuarterStart = value.equals(OPENS_AT_QUARTER_START);
    }
    if (opensAtQuarterStart && quarter == null) {
      throw fault(map, no, "milestones." + id + ".opens", "只有在季度末到期的节点才能在季度初开启");
    }
    String reading = text(fields, map, no, "reading", false);
    if (reading != null) {
      reading = withDates(fields.get("reading"), reading, no, "milestones." + id + ".reading");
    }
    if (addedByReading && reading == null) {
      throw fault(map, no, "milestones." + id + ".reading", "因解读而增加的节点须在 reading 中说明依据");
    }
    return new Milestone(id, text(fields, map, no, "title", true), work, quarter, date, daysBefore, document,
        reading, maxLevel, opensAtQuarterStart, addedByReading, rectifyBy, coordinationMeeting, merges, mergedBy,
        daysAfterParts);
  }

  private boolean flag(Map<String, Node> fields, String no, String id, String field) {
    if (!fields.containsKey(field)) {
      return false;
    }
    String value = scalar(fields.get(field), no, "milestones." + id + "." + field);
    if (!value.equals("true") && !value.equals("false")) {
      throw fault(fields.get(field), no, "milestones." + id + "." + field, field + " 只能是 true 或 false，实际为 " + value);
    }
    return Boolean.parseBoolean(value);
  }

  /**
   * A reading with the plan's dates it references ({@code {expoOpening}}) written out with their names
   * and days, so that the day is stated once, in {@code dates}.
   */
  private String withDates(Node node, String text, String no, String field) {
    Matcher reference = DATE_REFERENCE.matcher(text);
    StringBuilder written = new StringBuilder();
    while (reference.find()) {
      String date = dateTexts.get(reference.group(1));
      if (date == null) {
        throw fault(node, no, field, "计划中没有日期 '" + reference.group(1) + "'（已有："
            + String.join("、", dateTexts.keySet()) + "）");
      }
      reference.appendReplacement(written, Matcher.quoteReplacement(date));
    }
    return reference.appendTail(written).toString();
  }

  private Map<String, Node> fields(MappingNode map, String no, Set<String> allowed) {
    Map<String, Node> fields = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      String key = scalar(tuple.getKeyNode(), no, null);
      if (!allowed.contains(key)) {
        throw fault(tuple.getKeyNode(), no, key, "未知字段 '" + key + "'（可用："
            + String.join("、", allowed.stream().sorted().toList()) + "）");
      }
      fields.put(key, tuple.getValueNode());
    }
    return fields;
  }

  private Node required(Map<String, Node> fields, Node parent, String no, String field) {
    Node node = fields.get(field);
    if (node == null) {
      throw fault(parent, no, field, "缺少 " + field);
    }
    return node;
  }

  private String text(Map<String, Node> fields, Node parent, String no, String field, boolean required) {
    Node node = fields.get(field);
    if (node == null) {
      if (required) {
        throw fault(parent, no, field, "缺少 " + field);
      }
      return null;
    }
    String value = scalar(node, no, field).strip();
    if (required && value.isEmpty()) {
      throw fault(node, no, field, field + " 为空");
    }
    return value.isEmpty() ? null : value;
  }

  private MonthDay monthDay(Node node, String no, String field) {
    String value = scalar(node, no, field);
    try {
      return MonthDay.parse(value, MONTH_DAY);
    } catch (DateTimeException e) {
      throw fault(node, no, field, "'" + value + "' 不是 MM-DD 格式的日期（如 11-05）");
    }
  }

  private String scalar(Node node, String no, String field) {
    if (!(node instanceof ScalarNode scalar)) {
      throw fault(node, no, field, "此处应为单个值");
    }
    return scalar.getValue();
  }

  private MappingNode mapping(Node node, String no, String field) {
    if (!(node instanceof MappingNode map)) {
      throw fault(node, no, field, "此处应为字段（键: 值）");
    }
    return map;
  }

  private SequenceNode sequence(Node node, String no, String field) {
    if (!(node instanceof SequenceNode list)) {
      throw fault(node, no, field, "此处应为列表（- …）");
    }
    return list;
  }

  private PlanFileException fault(Node node, String no, String field, String problem) {
    StringBuilder message = new StringBuilder("计划文件 ").append(file);
    if (node != null) {
      message.append(" 第 ").append(node.getStartMark().getLine() + 1).append(" 行");
    }
    if (no != null) {
      message.append("，事项 ").append(no);
    }
    if (field != null) {
      message.append("，字段 ").append(field);
    }
    return new PlanFileException(message.append("：").append(problem).toString());
  }

}
