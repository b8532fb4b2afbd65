package cn.lianbao.planview;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.escalation.Escalation;
import cn.lianbao.guidance.Guidance;
import cn.lianbao.plan.Milestone;
import cn.lianbao.plan.Plan;
import cn.lianbao.plan.PlanCatalog;
import cn.lianbao.plan.PlanItem;
import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.planview.PlanViewJson.AgencyRecord;
import cn.lianbao.planview.PlanViewJson.AgencyRef;
import cn.lianbao.planview.PlanViewJson.PlanFile;
import cn.lianbao.planview.PlanViewJson.Plans;
import cn.lianbao.planview.PlanViewJson.Progress;
import cn.lianbao.planview.PlanViewJson.Year;
import cn.lianbao.process.VariableRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The plan as supervisors think of it: every milestone part of a year with its state at the end of
 * a day, and each agency's record. Read from the history of the plan-milestone instances (business
 * keys {@code <year>-…}, also the finished ones and those started outside the plan file, such as
 * event campaigns) and from the plan file, in a fixed number of SQL statements, however many
 * milestones the year has: the year, the instances, their variables, and (for the records) the
 * tasks with their candidate groups.
 *
 * <p>A part's state is reconstructed for the end of the day asked for from its deadline, follow-up
 * date and delivery time; the escalation level from the level reached, the deadline (level 1) and
 * {@code level2Due} (level 2).
 */
@Component
public class PlanView {

  /** The guiding agencies' task definitions, quoted for SQL (constants of the diagram, never request data). */
  private static final String NOT_WORK = Guidance.TASKS.stream().map(key -> "'" + key + "'")
      .collect(Collectors.joining(", "));


  static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  /** The milestone's variables the view reads (the work order and the milestone's state). */
  static final List<String> VARIABLES = List.of(WorkVariables.ITEM_NO.name(), WorkVariables.PART_ID.name(),
      WorkVariables.MILESTONE_TITLE.name(), WorkVariables.DEADLINE.name(), WorkVariables.FOLLOW_UP.name(),
      WorkVariables.RESPONSIBLE_GROUPS.name(), WorkVariables.ITEM_GROUPS.name(),
      PlanMilestoneProcess.DELIVERED.name(), PlanMilestoneProcess.DELIVERED_AT.name(),
      PlanMilestoneProcess.ESCALATION_LEVEL.name(), Escalation.LEVEL2_DUE.name(), Escalation.FINAL_DUE.name(),
      Escalation.LATE_AGENCIES.name());

  private final JdbcTemplate jdbc;
  private final PlanCatalog plans;
  private final AgencyCatalog agencies;
  private final PlanCalendar calendar;

  public PlanView(JdbcTemplate jdbc, PlanCatalog plans, AgencyCatalog agencies, PlanCalendar calendar) {
    this.jdbc = jdbc;
    this.plans = plans;
    this.agencies = agencies;
    this.calendar = calendar;
  }

  /** Every plan file and every started year. */
  public Plans plans() {
    List<PlanFile> files = plans.ids().stream().map(plans::get)
        .map(plan -> new PlanFile(plan.id(), plan.title(), "plan-" + plan.id() + ".yml")).toList();
    return new Plans(files, jdbc.query(
        "SELECT YEAR_, PLAN_ID_, PROC_INST_ID_, STARTED_AT_ FROM LIANBAO_PLAN_YEAR ORDER BY YEAR_", (RowMapper<Year>) this::year));
  }

  /** The year's plan, if it was started. */
  public Optional<Year> year(int year) {
    return jdbc.query("SELECT YEAR_, PLAN_ID_, PROC_INST_ID_, STARTED_AT_ FROM LIANBAO_PLAN_YEAR WHERE YEAR_ = ?",
        (RowMapper<Year>) this::year, year).stream().findFirst();
  }

  private Year year(ResultSet row, int n) throws SQLException {
    return new Year(row.getInt("YEAR_"), row.getString("PLAN_ID_"), row.getString("PROC_INST_ID_"),
        iso(row.getTimestamp("STARTED_AT_")));
  }

  /** The day today in the plan's zone, by the engine clock. */
  public LocalDate today() {
    return calendar.dayOf(ClockUtil.getCurrentTime());
  }

  /** Every milestone part of the year that the viewer sees, as at the end of {@code asOf}, in the plan's order. */
  public List<Progress> progress(Year year, LocalDate asOf, Viewer viewer) {
    return parts(year, asOf).stream().filter(part -> viewer.sees(part.concerned)).map(Part::json).toList();
  }

  /** Each agency's record of the year as at the end of {@code asOf} (those the viewer sees). */
  public List<AgencyRecord> agencies(Year year, LocalDate asOf, Viewer viewer) {
    List<Part> parts = parts(year, asOf);
    Map<String, Integer> openTasks = openTasks(year.year(), calendar.endOfDay(asOf));
    List<AgencyRecord> records = new ArrayList<>();
    for (Agency agency : agencies.all()) {
      if (!viewer.seesRecordOf(agency.id())) {
        continue;
      }
      int dueSoon = 0, overdue = 0, onTime = 0, late = 0, due = 0, dueOnTime = 0, days = 0, level1 = 0, level2 = 0;
      for (Part part : parts) {
        if (!part.responsible.contains(agency.id())) {
          continue;
        }
        switch (part.state) {
          case DUE_SOON -> dueSoon++;
          case OVERDUE -> overdue++;
          case DONE_ON_TIME -> onTime++;
          case DONE_LATE -> late++;
          default -> { }
        }
        if (part.wasDue) {
          due++;
          if (part.state == PartState.DONE_ON_TIME) {
            dueOnTime++;
          }
        }
        days += part.daysOverdue;
        if (part.escalated.contains(agency.id())) {
          level1 += part.escalationLevel >= 1 ? 1 : 0;
          level2 += part.escalationLevel >= 2 ? 1 : 0;
        }
      }
      records.add(new AgencyRecord(ref(agency.id()), openTasks.getOrDefault(agency.id(), 0), dueSoon, overdue, onTime,
          late, due == 0 ? null : (double) dueOnTime / due, days, level1, level2));
    }
    return records;
  }

  /** The parts of the year, in the plan's order, as at the end of {@code asOf}. */
  List<Part> parts(Year year, LocalDate asOf) {
    Plan plan = plans.find(year.planId()).orElse(null);
    Date end = calendar.endOfDay(asOf);
    String keys = year.year() + "-%";
    Map<String, Instance> instances = new HashMap<>();
    jdbc.query("SELECT PROC_INST_ID_, BUSINESS_KEY_, START_TIME_, STATE_ FROM ACT_HI_PROCINST "
        + "WHERE PROC_DEF_KEY_ = ? AND BUSINESS_KEY_ LIKE ?", row -> {
          if ("EXTERNALLY_TERMINATED".equals(row.getString("STATE_"))) {
            return;
          }
          Instance instance = new Instance(row.getString("PROC_INST_ID_"), row.getString("BUSINESS_KEY_"),
              row.getTimestamp("START_TIME_"));
          instances.put(instance.id, instance);
        }, PlanMilestoneProcess.KEY, keys);
    String names = String.join(", ", Collections.nCopies(VARIABLES.size(), "?"));
    List<Object> arguments = new ArrayList<>(List.of(PlanMilestoneProcess.KEY, keys));
    arguments.addAll(VARIABLES);
    jdbc.query("SELECT v.PROC_INST_ID_, v.EXECUTION_ID_, v.NAME_, v.VAR_TYPE_, v.LONG_, v.TEXT_, b.BYTES_ "
        + "FROM ACT_HI_VARINST v JOIN ACT_HI_PROCINST p ON p.PROC_INST_ID_ = v.PROC_INST_ID_ "
        + "LEFT JOIN ACT_GE_BYTEARRAY b ON b.ID_ = v.BYTEARRAY_ID_ "
        + "WHERE p.PROC_DEF_KEY_ = ? AND p.BUSINESS_KEY_ LIKE ? AND v.NAME_ IN (" + names + ")", row -> {
          Instance instance = instances.get(row.getString("PROC_INST_ID_"));
          if (instance == null) {
            return;
          }
          boolean processScope = instance.id.equals(row.getString("EXECUTION_ID_"));
          String name = row.getString("NAME_");
          if (processScope || !instance.variables.containsKey(name)) {
            instance.variables.put(name, VariableRows.value(row, "VAR_TYPE_"));
          }
        }, arguments.toArray());

    // one instance per business key: the latest started (a year started again after a cancelled one)
    Map<String, Instance> byKey = new LinkedHashMap<>();
    for (Instance instance : instances.values()) {
      byKey.merge(instance.businessKey, instance,
          (one, other) -> one.started.after(other.started) ? one : other);
    }
    List<Part> parts = new ArrayList<>();
    for (Instance instance : byKey.values()) {
      part(plan, year.year(), instance, end, asOf).ifPresent(parts::add);
    }
    parts.sort(Comparator.comparingInt((Part part) -> part.itemIndex).thenComparing(part -> part.item)
        .thenComparingInt(part -> part.quarter).thenComparing(part -> part.agency)
        .thenComparingInt(part -> part.milestoneIndex).thenComparing(part -> part.deadline)
        .thenComparing(part -> part.instanceId));
    return parts;
  }

  private Optional<Part> part(Plan plan, int year, Instance instance, Date end, LocalDate asOf) {
    Map<String, Object> variables = instance.variables;
    Date deadline = (Date) variables.get(WorkVariables.DEADLINE.name());
    if (deadline == null) {
      return Optional.empty(); // not opened: nothing to show yet
    }
    String rest = instance.businessKey.substring(String.valueOf(year).length() + 1);
    String itemNo = text(variables.get(WorkVariables.ITEM_NO.name()))
        .orElse(rest.contains("-") ? rest.substring(0, rest.indexOf('-')) : rest);
    String partId = text(variables.get(WorkVariables.PART_ID.name()))
        .orElse(rest.startsWith(itemNo + "-") ? rest.substring(itemNo.length() + 1) : rest);
    String milestoneId = partId.contains(":") ? partId.substring(0, partId.indexOf(':')) : partId;
    PlanItem item = plan == null ? null : plan.item(itemNo).orElse(null);
    Milestone milestone = item == null ? null
        : item.milestones().stream().filter(one -> one.id().equals(milestoneId)).findFirst().orElse(null);

    List<String> responsible = list(variables.get(WorkVariables.RESPONSIBLE_GROUPS.name()));
    if (responsible.isEmpty() && item != null) {
      responsible = partId.contains(":") ? List.of(partId.substring(partId.indexOf(':') + 1))
          : item.roles().jointResponsible();
    }
    String agency = partId.contains(":") ? partId.substring(partId.indexOf(':') + 1)
        : !responsible.isEmpty() ? responsible.get(0) : "";
    List<String> leads = new ArrayList<>();
    if (item != null) {
      leads.addAll(item.roles().jointResponsible());
      leads.addAll(item.roles().eachLeads());
    } else {
      leads.addAll(responsible);
    }
    Set<String> concerned = new LinkedHashSet<>(responsible);
    concerned.addAll(list(variables.get(WorkVariables.ITEM_GROUPS.name())));
    if (item != null) {
      concerned.addAll(item.roles().all());
    }

    Part part = new Part();
    part.instanceId = instance.id;
    part.item = itemNo;
    part.itemIndex = item == null ? Integer.MAX_VALUE : plan.items().indexOf(item);
    part.milestone = milestoneId;
    part.milestoneIndex = milestone == null ? Integer.MAX_VALUE : item.milestones().indexOf(milestone);
    part.title = text(variables.get(WorkVariables.MILESTONE_TITLE.name()))
        .orElse(milestone == null ? milestoneId : milestone.title());
    part.itemTitle = item == null ? null : item.title();
    part.category = item == null ? null : item.category();
    part.agency = agency;
    part.leads = List.copyOf(new LinkedHashSet<>(leads));
    part.responsible = responsible;
    part.concerned = concerned;
    part.deadline = deadline;
    part.quarter = (calendar.dayOf(deadline).getMonthValue() - 1) / 3 + 1;

    Date followUp = Optional.ofNullable((Date) variables.get(WorkVariables.FOLLOW_UP.name()))
        .orElse(calendar.followUp(deadline));
    Date deliveredAt = Boolean.TRUE.equals(variables.get(PlanMilestoneProcess.DELIVERED.name()))
        ? (Date) variables.get(PlanMilestoneProcess.DELIVERED_AT.name()) : null;
    if (deliveredAt != null && deliveredAt.after(end)) {
      deliveredAt = null; // delivered after the day asked for
    }
    part.wasDue = !deadline.after(end);
    if (deliveredAt != null) {
      part.deliveredAt = deliveredAt;
      part.state = deliveredAt.after(deadline) ? PartState.DONE_LATE : PartState.DONE_ON_TIME;
      part.daysOverdue = calendar.daysLate(deadline, deliveredAt);
    } else if (deadline.before(end)) {
      part.state = PartState.OVERDUE;
      part.daysOverdue = (int) ChronoUnit.DAYS.between(calendar.dayOf(deadline), asOf);
    } else {
      part.state = followUp.after(end) ? PartState.NOT_DUE : PartState.DUE_SOON;
    }

    // the level reached by the end of the day: level 1 when the deadline passed, level 2 on level2Due
    Date reachedBy = deliveredAt != null ? deliveredAt : end;
    int level = number(variables.get(PlanMilestoneProcess.ESCALATION_LEVEL.name()));
    Date level2Due = (Date) variables.get(Escalation.LEVEL2_DUE.name());
    if (level >= 2 && level2Due != null && level2Due.after(reachedBy)) {
      level = 1;
    }
    if (level >= 1 && !deadline.before(reachedBy)) {
      level = 0;
    }
    part.escalationLevel = level;
    part.finalDeadline = level >= 2 ? (Date) variables.get(Escalation.FINAL_DUE.name()) : null;
    List<String> late = list(variables.get(Escalation.LATE_AGENCIES.name()));
    part.escalated = late.isEmpty() ? responsible : late;
    return Optional.of(part);
  }

  /** Open tasks by agency at {@code at}: tasks of the year's instances with the agency's group or its leaders as candidates. */
  private Map<String, Integer> openTasks(int year, Date at) {
    Timestamp instant = new Timestamp(at.getTime());
    Map<String, Set<String>> tasksByAgency = new HashMap<>();
    jdbc.query("SELECT DISTINCT t.ID_, l.GROUP_ID_ FROM ACT_HI_TASKINST t "
        + "JOIN ACT_HI_PROCINST p ON p.PROC_INST_ID_ = t.PROC_INST_ID_ "
        + "JOIN ACT_HI_IDENTITYLINK l ON l.TASK_ID_ = t.ID_ "
        + "WHERE p.BUSINESS_KEY_ LIKE ? AND l.TYPE_ = 'candidate' AND l.OPERATION_TYPE_ = 'add' "
        + "AND l.GROUP_ID_ IS NOT NULL AND t.START_TIME_ <= ? AND (t.END_TIME_ IS NULL OR t.END_TIME_ > ?) "
        // a guiding agency's task to read (指导阅知) is never open work
        + "AND t.TASK_DEF_KEY_ NOT IN (" + NOT_WORK + ")", row -> {
          String group = row.getString("GROUP_ID_");
          String agency = agencies.contains(group) ? group : agencies.ofLeadersGroup(group).map(Agency::id).orElse(null);
          if (agency != null) {
            tasksByAgency.computeIfAbsent(agency, any -> new LinkedHashSet<>()).add(row.getString("ID_"));
          }
        }, year + "-%", instant, instant);
    return tasksByAgency.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size()));
  }

  private AgencyRef ref(String id) {
    return new AgencyRef(id, agencies.find(id).map(Agency::name).orElse(id));
  }

  private String iso(Date instant) {
    return instant == null ? null
        : instant.toInstant().atZone(calendar.zone()).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS).format(ISO);
  }

  private static Optional<String> text(Object value) {
    return value instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
  }

  private static int number(Object value) {
    return value instanceof Number number ? number.intValue() : 0;
  }

  private static List<String> list(Object value) {
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
  }

  /** A plan-milestone instance with the variables the view reads. */
  private static final class Instance {
    final String id;
    final String businessKey;
    final Date started;
    final Map<String, Object> variables = new HashMap<>();

    Instance(String id, String businessKey, Date started) {
      this.id = id;
      this.businessKey = businessKey;
      this.started = started;
    }
  }

  /** One row of the view, with what the records need beside the JSON. */
  final class Part {
    String instanceId;
    String item;
    int itemIndex;
    String milestone;
    int milestoneIndex;
    String title;
    String itemTitle;
    String category;
    String agency;
    List<String> leads;
    List<String> responsible;
    Set<String> concerned;
    List<String> escalated;
    Date deadline;
    int quarter;
    PartState state;
    boolean wasDue;
    Date deliveredAt;
    int daysOverdue;
    int escalationLevel;
    Date finalDeadline;

    Progress json() {
      return new Progress(item, milestone, title, itemTitle, category, ref(agency),
          leads.stream().map(PlanView.this::ref).toList(), quarter, iso(deadline), state, iso(deliveredAt),
          daysOverdue, escalationLevel, iso(finalDeadline), instanceId);
    }
  }
}
