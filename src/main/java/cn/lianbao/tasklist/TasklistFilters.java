package cn.lianbao.tasklist;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import cn.lianbao.LianbaoProperties;
import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.agency.AgencyDirectory;
import cn.lianbao.escalation.Escalation;
import cn.lianbao.guidance.Guidance;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters every user finds on the left of Tasklist, created at start-up and shared
 * (READ) with the groups they are meant for:
 *
 * <table>
 *   <tr><th>filter</th><th>lists</th><th>shared with</th></tr>
 *   <tr><td>我的待办</td><td>tasks assigned to the user</td><td>agencies, their leaders, supervisors</td></tr>
 *   <tr><td>本单位待办</td><td>tasks of work (with a due date) of the user's groups, assigned or not</td><td>same</td></tr>
 *   <tr><td>已逾期</td><td>those of them due before now</td><td>same</td></tr>
 *   <tr><td>即将到期</td><td>those of them due within {@code lianbao.follow-up-days} (14) days, not yet
 *       overdue</td><td>same</td></tr>
 *   <tr><td>督办</td><td>the supervision tasks of the escalation ladder ({@link #SUPERVISION_TASKS})
 *       of the user's groups</td><td>agencies' leaders, supervisors</td></tr>
 *   <tr><td>指导阅知</td><td>the guiding agencies' tasks ({@link Guidance#TASKS}) of the user's groups: they
 *       have no due date and are not work, so they are never in 本单位待办, 已逾期 or 即将到期</td><td>agencies, their leaders, supervisors</td></tr>
 *   <tr><td>全部待办</td><td>every agency's open task (supervisors read them, they cannot work
 *       them)</td><td>supervisors</td></tr>
 * </table>
 *
 * <p>No filter carries an order of its own: the order is the one Tasklist's sort control shows and
 * the user changes, by default the due date, the earliest (and so the overdue) first
 * (app/tasklist/scripts/lianbao.js); a filter's own order would come first and make the control a
 * lie. Tasklist shows each task's due date. No filter looks at follow-up dates, so a follow-up date never hides work.
 * "Now" in the queries is the engine's clock ({@code ${now()}}, {@code ${dateTime()}}), evaluated
 * whenever the filter is listed.
 *
 * <p>Keeping filters up to date: each filter this class writes carries a fingerprint of its name,
 * query and properties (property {@value #STAMP}), and its id is remembered in the engine's
 * properties ({@code lianbao.filter.<key>}, ACT_GE_PROPERTY), so a renamed filter is still recognised.
 * At start-up a filter that is missing is created (also when an administrator deleted it); one
 * whose state still matches its fingerprint was not changed by hand and takes the query and
 * properties of this code if they changed; one that an administrator changed (in Tasklist, which
 * drops the fingerprint, or through REST) is left exactly as it is, shares included. A filter's
 * shares are only ever added: a group with no authorization on it gets READ; a group with any
 * authorization (an administrator's REVOKE included) is left alone.
 */
@Component
@Order(50)
public class TasklistFilters extends AbstractProcessEnginePlugin {

  public static final String MINE = "我的待办";
  public static final String MY_AGENCY = "本单位待办";
  /** 本单位待办 lists tasks due after this day: every task of work (a due date is a convention), no guidance task. */
  static final java.util.Date WORK_DUE_AFTER = java.util.Date.from(java.time.Instant.parse("2000-01-01T00:00:00Z"));
  public static final String DUE_SOON = "即将到期";
  public static final String OVERDUE = "已逾期";
  public static final String SUPERVISION = "督办";
  public static final String GUIDANCE = "指导阅知";
  public static final String ALL_OPEN = "全部待办";

  /**
   * The supervision tasks (督办单) of the escalation ladder in {@code processes/plan-milestone.bpmn}:
   * level 1 for the late agency's leaders, level 2 and its repetition for the supervisors and the
   * guiding agencies' leaders.
   */
  public static final List<String> SUPERVISION_TASKS =
      List.of(Escalation.Elements.EXPLAIN_DELAY, Escalation.Elements.SUPERVISE_CASE, Escalation.Elements.SUPERVISE_AGAIN);

  /** The filter property holding the fingerprint of the state this class last wrote. */
  static final String STAMP = "lianbaoFingerprint";
  /** The engine property (ACT_GE_PROPERTY) remembering a filter's id, by the filter's key. */
  static final String ID_PROPERTY = "lianbao.filter.";

  /** What {@link #ensure} did with a filter. */
  enum Outcome {
    CREATED, UPDATED, UNCHANGED, LEFT_AS_CHANGED_BY_HAND
  }

  /**
   * A filter as this code wants it.
   *
   * @param key stable identity, independent of the (changeable) name
   * @param groups the groups that get READ on it
   */
  record Definition(String key, String name, String description, int priority, String color, TaskQuery query,
      List<String> groups) {

    Map<String, Object> properties() {
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("description", description);
      properties.put("priority", priority);
      if (color != null) {
        properties.put("color", color);
      }
      properties.put("refresh", true);
      properties.put("showUndefinedVariable", false);
      return properties;
    }
  }

  record Result(Filter filter, Outcome outcome) {}

  private static final Logger LOG = LoggerFactory.getLogger(TasklistFilters.class);

  private final AgencyCatalog catalog;
  private final int followUpDays;

  public TasklistFilters(AgencyCatalog catalog, LianbaoProperties properties) {
    this.catalog = catalog;
    this.followUpDays = properties.followUpDays();
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    for (Definition definition : definitions(engine.getTaskService())) {
      Result result = ensure(engine, definition);
      if (result.outcome() == Outcome.LEFT_AS_CHANGED_BY_HAND) {
        LOG.info("Tasklist filter {} ({}) was changed by an administrator: left as it is",
            result.filter().getName(), result.filter().getId());
      } else {
        if (result.outcome() != Outcome.UNCHANGED) {
          LOG.info("Tasklist filter {} {}", definition.name(), result.outcome().name().toLowerCase());
        }
        share(engine.getAuthorizationService(), result.filter(), definition.groups());
      }
    }
  }

  /** The seven filters, in the order Tasklist shows them. */
  List<Definition> definitions(TaskService tasks) {
    List<String> everyone = new ArrayList<>();
    List<String> leaders = new ArrayList<>();
    for (Agency agency : catalog.all()) {
      everyone.add(agency.id());
      everyone.add(agency.leadersGroupId());
      leaders.add(agency.leadersGroupId());
    }
    everyone.add(AgencyDirectory.SUPERVISORS);
    leaders.add(AgencyDirectory.SUPERVISORS);
    List<String> supervisors = List.of(AgencyDirectory.SUPERVISORS);

    String now = "${now()}";
    String soon = "${dateTime().plusDays(" + followUpDays + ").toDate()}";
    return List.of(
        new Definition("mine", MINE, "分配给我本人办理的任务，最早到期的在前", -20, null,
            tasks.createTaskQuery()
                .taskAssigneeExpression("${currentUser()}"),
            everyone),
        new Definition("my-agency", MY_AGENCY, "本单位（含已分配给同事）的全部待办工作，最早到期的在前；指导阅知见其过滤器", -10, null,
            // every task of work has a due date; the guiding agencies' tasks (no date) are not work
            ofMyGroups(tasks).dueAfter(WORK_DUE_AFTER),
            everyone),
        new Definition("overdue", OVERDUE, "本单位已过截止时间、尚未办结的任务，逾期最久的在前", 0, "#d9534f",
            ofMyGroups(tasks)
                .dueBeforeExpression(now),
            everyone),
        new Definition("due-soon", DUE_SOON, "本单位 " + followUpDays + " 天内到期、尚未逾期的任务，最早到期的在前", 10,
            "#f0ad4e",
            ofMyGroups(tasks)
                .dueAfterExpression(now)
                .dueBeforeExpression(soon),
            everyone),
        new Definition("supervision", SUPERVISION, "交给我所在单位领导或督办人员的督办单（逾期节点的情况说明与督办），最早到期的在前", 20,
            "#8a5ca8",
            tasks.createTaskQuery()
                .taskDefinitionKeyIn(SUPERVISION_TASKS.toArray(String[]::new))
                .taskCandidateGroupInExpression("${currentUserGroups()}")
                .includeAssignedTasks(),
            leaders),
        new Definition("guidance", GUIDANCE, "本单位作为指导单位收到的指导参会、指导阅知任务（无截止时间，节点完成时自动关闭）", 25,
            "#5bc0de",
            tasks.createTaskQuery()
                .taskDefinitionKeyIn(Guidance.TASKS.toArray(String[]::new))
                .taskCandidateGroupInExpression("${currentUserGroups()}")
                .includeAssignedTasks(),
            everyone),
        new Definition("all-open", ALL_OPEN, "各单位全部未办结的任务（督办人员只读），最早到期的在前", 30, null,
            tasks.createTaskQuery(),
            supervisors));
  }

  private static TaskQuery ofMyGroups(TaskService tasks) {
    return tasks.createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}")
        .includeAssignedTasks();
  }

  /** Creates, updates or leaves the filter of the definition; see the class comment. */
  Result ensure(ProcessEngine engine, Definition definition) {
    FilterService filters = engine.getFilterService();
    ManagementService management = engine.getManagementService();
    String idProperty = ID_PROPERTY + definition.key();
    String knownId = management.getProperties().get(idProperty);
    Filter existing = knownId != null
        ? filters.getFilter(knownId)
        // written before ids were remembered: found by its name
        : filters.createFilterQuery().filterName(definition.name()).orderByFilterId().asc().list().stream()
            .findFirst().orElse(null);

    Filter desired = filters.newTaskFilter(definition.name())
        .setQuery(definition.query())
        .setProperties(definition.properties());
    String desiredState = fingerprint(desired);

    if (existing == null) {
      desired.setProperties(stamped(definition.properties(), desiredState));
      Filter created = filters.saveFilter(desired);
      management.setProperty(idProperty, created.getId());
      return new Result(created, Outcome.CREATED);
    }
    if (!existing.getId().equals(knownId)) {
      management.setProperty(idProperty, existing.getId());
    }
    String currentState = fingerprint(existing);
    Object stamp = existing.getProperties() == null ? null : existing.getProperties().get(STAMP);
    if (currentState.equals(desiredState)) {
      if (!desiredState.equals(stamp)) {
        // as this code wants it, but not yet stamped (written by an earlier version): adopt it
        existing.setProperties(stamped(existing.getProperties(), desiredState));
        filters.saveFilter(existing);
      }
      return new Result(existing, Outcome.UNCHANGED);
    }
    if (currentState.equals(stamp)) {
      existing.setName(definition.name());
      existing.setQuery(definition.query());
      existing.setProperties(stamped(definition.properties(), desiredState));
      return new Result(filters.saveFilter(existing), Outcome.UPDATED);
    }
    return new Result(existing, Outcome.LEFT_AS_CHANGED_BY_HAND);
  }

  /** Gives READ on the filter to every group that has no authorization on it yet. */
  static void share(AuthorizationService authorizations, Filter filter, List<String> groups) {
    for (String group : groups) {
      boolean decided = authorizations.createAuthorizationQuery()
          .groupIdIn(group).resourceType(Resources.FILTER).resourceId(filter.getId()).count() > 0;
      if (!decided) {
        Authorization grant = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        grant.setGroupId(group);
        grant.setResource(Resources.FILTER);
        grant.setResourceId(filter.getId());
        grant.addPermission(Permissions.READ);
        authorizations.saveAuthorization(grant);
      }
    }
  }

  private static Map<String, Object> stamped(Map<String, Object> properties, String fingerprint) {
    Map<String, Object> stamped = new LinkedHashMap<>(properties == null ? Map.of() : properties);
    stamped.put(STAMP, fingerprint);
    return stamped;
  }

  /** A digest of what a person sees and changes in a filter: its name, its query and its properties. */
  static String fingerprint(Filter filter) {
    Map<String, Object> properties = new TreeMap<>();
    if (filter.getProperties() != null) {
      filter.getProperties().forEach((key, value) -> properties.put(key, canonical(value)));
    }
    properties.remove(STAMP);
    String query = ((FilterEntity) filter).getQueryInternal();
    String state = filter.getName() + "\n" + query + "\n" + properties;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same value, whichever way it was read back from the database (-20, -20L, -20.0). */
  private static Object canonical(Object value) {
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((key, inner) -> sorted.put(String.valueOf(key), canonical(inner)));
      return sorted;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(TasklistFilters::canonical).toList();
    }
    return value;
  }
}
