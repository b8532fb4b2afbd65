package cn.lianbao.operations;

import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.notice.NoticeOutbox;
import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.VariableRows;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The figures behind the operator's metrics and the job executor's health, read with a handful of
 * queries (open milestones with their state, jobs, incidents, the outbox) and kept for
 * {@code lianbao.operations.figures-max-age} (30 s by default): a scrape every few seconds, or many
 * scrapers, cost the database no more than one read per period.
 *
 * <p>"Now" is the engine's clock ({@code ClockUtil}), the one the job executor reads due dates with.
 */
@Component
public class OperationsFigures {

  /** The state of the open work, the jobs and the outbox at {@code at}. */
  public record Snapshot(long at, Map<String, Integer> openByAgency, Map<String, Integer> overdueByAgency,
      Map<Integer, Integer> escalationsByLevel, long jobBacklog, long failedJobs, Long oldestDueJob, long incidents,
      long outboxPending, long outboxFailing) {

    public int open(String agency) {
      return openByAgency.getOrDefault(agency, 0);
    }

    public int overdue(String agency) {
      return overdueByAgency.getOrDefault(agency, 0);
    }

    public int escalations(int level) {
      return escalationsByLevel.getOrDefault(level, 0);
    }

    /** Seconds since the oldest executable job fell due; 0 without one. */
    public double oldestDueAgeSeconds() {
      return oldestDueJob == null ? 0 : Math.max(0, (at - oldestDueJob) / 1000.0);
    }
  }

  private static final List<String> VARIABLES = List.of(PlanMilestoneProcess.DELIVERED.name(),
      PlanMilestoneProcess.OVERDUE.name(), PlanMilestoneProcess.ESCALATION_LEVEL.name(),
      WorkVariables.PART_ID.name(), WorkVariables.RESPONSIBLE_GROUPS.name());

  private final JdbcTemplate jdbc;
  private final NoticeOutbox outbox;
  private final AgencyCatalog agencies;
  private final Duration maxAge;
  private volatile Snapshot snapshot;
  private volatile long readAt;

  public OperationsFigures(JdbcTemplate jdbc, NoticeOutbox outbox, AgencyCatalog agencies,
      @Value("${lianbao.operations.figures-max-age:PT30S}") Duration maxAge) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.agencies = agencies;
    this.maxAge = maxAge;
  }

  /** The figures, read again when the last reading is older than the maximum age. */
  public Snapshot current() {
    Snapshot last = snapshot;
    if (last != null && System.currentTimeMillis() - readAt < maxAge.toMillis()) {
      return last;
    }
    synchronized (this) {
      if (snapshot == last) {
        return refresh();
      }
      return snapshot;
    }
  }

  /** Reads the figures now. */
  public synchronized Snapshot refresh() {
    long now = ClockUtil.getCurrentTime().getTime();
    Map<String, Map<String, Object>> milestones = openMilestones();
    Map<String, Integer> open = new HashMap<>();
    Map<String, Integer> overdue = new HashMap<>();
    Map<Integer, Integer> levels = new HashMap<>();
    for (Map<String, Object> variables : milestones.values()) {
      if (Boolean.TRUE.equals(variables.get(PlanMilestoneProcess.DELIVERED.name()))) {
        continue;
      }
      boolean late = Boolean.TRUE.equals(variables.get(PlanMilestoneProcess.OVERDUE.name()));
      for (String agency : agenciesOf(variables)) {
        open.merge(agency, 1, Integer::sum);
        if (late) {
          overdue.merge(agency, 1, Integer::sum);
        }
      }
      if (variables.get(PlanMilestoneProcess.ESCALATION_LEVEL.name()) instanceof Integer level && level > 0) {
        levels.merge(level, 1, Integer::sum);
      }
    }
    Timestamp at = new Timestamp(now);
    Object[] jobs = jdbc.queryForObject("SELECT "
        + "COALESCE(SUM(CASE WHEN RETRIES_ > 0 AND SUSPENSION_STATE_ = 1 AND (DUEDATE_ IS NULL OR DUEDATE_ <= ?) "
        + "AND (LOCK_EXP_TIME_ IS NULL OR LOCK_EXP_TIME_ < ?) THEN 1 ELSE 0 END), 0), "
        + "COALESCE(SUM(CASE WHEN RETRIES_ = 0 THEN 1 ELSE 0 END), 0), "
        + "MIN(CASE WHEN RETRIES_ > 0 AND SUSPENSION_STATE_ = 1 AND (LOCK_EXP_TIME_ IS NULL OR LOCK_EXP_TIME_ < ?) "
        + "THEN DUEDATE_ END) FROM ACT_RU_JOB",
        (rs, row) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getTimestamp(3)}, at, at, at);
    Timestamp oldest = (Timestamp) jobs[2];
    Long oldestDue = oldest == null || oldest.getTime() > now ? null : oldest.getTime();
    // an incident is repeated in each calling process instance up to the annual plan: count the root causes
    Long incidents = jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_INCIDENT WHERE ID_ = ROOT_CAUSE_INCIDENT_ID_",
        Long.class);
    NoticeOutbox.Counts notices = outbox.counts();
    Snapshot read = new Snapshot(now, Map.copyOf(open), Map.copyOf(overdue), Map.copyOf(levels), (Long) jobs[0],
        (Long) jobs[1], oldestDue, incidents == null ? 0 : incidents, notices.pending(), notices.failing());
    snapshot = read;
    readAt = System.currentTimeMillis();
    return read;
  }

  /** The process-scope variables the figures need, per running plan-milestone instance. */
  private Map<String, Map<String, Object>> openMilestones() {
    Map<String, Map<String, Object>> instances = new HashMap<>();
    String names = String.join(", ", VARIABLES.stream().map(name -> "?").toList());
    Object[] arguments = new Object[VARIABLES.size() + 1];
    arguments[0] = PlanMilestoneProcess.KEY;
    for (int i = 0; i < VARIABLES.size(); i++) {
      arguments[i + 1] = VARIABLES.get(i);
    }
    jdbc.query("SELECT e.ID_, v.NAME_, v.TYPE_, v.LONG_, v.TEXT_, b.BYTES_ FROM ACT_RU_EXECUTION e "
        + "JOIN ACT_RE_PROCDEF d ON d.ID_ = e.PROC_DEF_ID_ "
        + "LEFT JOIN ACT_RU_VARIABLE v ON v.EXECUTION_ID_ = e.ID_ "
        + "LEFT JOIN ACT_GE_BYTEARRAY b ON b.ID_ = v.BYTEARRAY_ID_ "
        + "WHERE e.ID_ = e.PROC_INST_ID_ AND d.KEY_ = ? AND v.NAME_ IN (" + names + ")", row -> {
          instances.computeIfAbsent(row.getString("ID_"), id -> new HashMap<>())
              .put(row.getString("NAME_"), VariableRows.value(row, "TYPE_"));
        }, arguments);
    return instances;
  }

  /** The agencies a milestone part belongs to: the part's own agency, otherwise its responsible agencies. */
  private Set<String> agenciesOf(Map<String, Object> variables) {
    Set<String> result = new LinkedHashSet<>();
    if (variables.get(WorkVariables.PART_ID.name()) instanceof String partId && partId.contains(":")) {
      result.add(partId.substring(partId.indexOf(':') + 1));
    } else if (variables.get(WorkVariables.RESPONSIBLE_GROUPS.name()) instanceof List<?> groups) {
      groups.stream().filter(String.class::isInstance).map(String.class::cast).forEach(result::add);
    }
    result.removeIf(agency -> !agencies.contains(agency));
    return result;
  }
}
