package cn.lianbao.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.agency.AgencyDirectory;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.report.ProgressReportProcess;
import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.tasklist.TasklistFilters.Definition;
import cn.lianbao.tasklist.TasklistFilters.Outcome;
import cn.lianbao.tasklist.TasklistFilters.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Tasklist filters: their names, their shares, and that each lists what its name promises for
 * an officer, a leader and a supervisor, with "now" set on the engine clock. The shared database
 * holds other tests' tasks too, so every list is cut down to this test's own process instances.
 */
@LianbaoTest
class TasklistFiltersTest {

  static final String AGENCY = "jiaxing-gov";
  static final String OTHER_AGENCY = "qingpu-gov";
  static final String OFFICER = "jiaxing-gov-officer";
  static final String LEADER = "jiaxing-gov-leader";
  static final String SUPERVISOR = "supervisor";
  /** 10:00 on 10 May 2031 in Beijing: "now" of the test. */
  static final Instant NOW = Instant.parse("2031-05-10T02:00:00Z");
  static final String PROBE = "tasklist-filters-probe";

  @Autowired ProcessEngine engine;
  @Autowired TasklistFilters filters;
  @Autowired AgencyCatalog agencies;
  @LocalServerPort int port;

  /** The tasks of this test, by id, with what they stand for. */
  private final Map<String, String> mine = new LinkedHashMap<>();
  private final List<String> processInstances = new ArrayList<>();
  private final List<String> deployments = new ArrayList<>();
  private final List<String> filtersToDelete = new ArrayList<>();
  private final List<String> propertiesToDelete = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    engine.getIdentityService().clearAuthentication();
    for (String id : processInstances) {
      if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count() > 0) {
        engine.getRuntimeService().deleteProcessInstance(id, "test over");
      }
    }
    deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
    filtersToDelete.forEach(id -> engine.getFilterService().deleteFilter(id));
    propertiesToDelete.forEach(name -> engine.getManagementService().deleteProperty(name));
  }

  @Test
  void theFiltersExistInChineseLeaveTheOrderToTasklistAndHaveNoFollowUpCriteria() {
    for (String name : List.of(TasklistFilters.MINE, TasklistFilters.MY_AGENCY, TasklistFilters.OVERDUE,
        TasklistFilters.DUE_SOON, TasklistFilters.SUPERVISION, TasklistFilters.GUIDANCE, TasklistFilters.ALL_OPEN)) {
      Filter filter = filter(name);
      assertThat(filter.getResourceType()).isEqualTo("Task");
      assertThat((String) filter.getProperties().get("description")).as(name).containsPattern("\\p{IsHan}");
      List<QueryOrderingProperty> ordering = ((TaskQueryImpl) filter.getQuery()).getOrderingProperties();
      assertThat(ordering).as(name + " leaves the order to Tasklist's sort control (by default the due date, "
          + "earliest first): an order of the filter's own would come first and make the control a lie").isEmpty();
      assertThat(engineQueryOf(filter)).as(name + ": follow-up dates never hide work")
          .doesNotContainIgnoringCase("followUp");
    }
    assertThat(engineQueryOf(filter(TasklistFilters.DUE_SOON)))
        .as("within lianbao.follow-up-days").contains("plusDays(14)");
  }

  @Test
  void eachFilterIsSharedWithTheGroupsItIsMeantFor() {
    Set<String> everyone = new HashSet<>();
    Set<String> leaders = new HashSet<>();
    for (Agency agency : agencies.all()) {
      everyone.add(agency.id());
      everyone.add(agency.leadersGroupId());
      leaders.add(agency.leadersGroupId());
    }
    everyone.add(AgencyDirectory.SUPERVISORS);
    leaders.add(AgencyDirectory.SUPERVISORS);

    for (String name : List.of(TasklistFilters.MINE, TasklistFilters.MY_AGENCY, TasklistFilters.OVERDUE,
        TasklistFilters.DUE_SOON, TasklistFilters.GUIDANCE)) {
      assertThat(readers(filter(name))).as(name).isEqualTo(everyone);
    }
    assertThat(readers(filter(TasklistFilters.SUPERVISION))).isEqualTo(leaders);
    assertThat(readers(filter(TasklistFilters.ALL_OPEN))).containsExactly(AgencyDirectory.SUPERVISORS);
  }

  @Test
  void eachFilterListsWhatItsNamePromisesForAnOfficerALeaderAndASupervisor() {
    ClockUtil.setCurrentTime(Date.from(NOW));
    report("overdue", AGENCY, days(-3));
    report("soon", AGENCY, days(5));
    String assigned = report("assigned", AGENCY, days(10));
    report("far", AGENCY, days(60));
    report("other agency", OTHER_AGENCY, days(7));
    supervision(days(-1), days(20));
    engine.getTaskService().setAssignee(assigned, OFFICER);

    // the officer: his own and his agency's work, no supervision, not every agency's
    as(OFFICER, AGENCY);
    assertThat(list(TasklistFilters.MINE)).containsExactly("assigned");
    assertThat(list(TasklistFilters.MY_AGENCY)).as("overdue first; a follow-up date ahead hides nothing")
        .containsExactly("overdue", "soon", "assigned", "far");
    assertThat(list(TasklistFilters.OVERDUE)).containsExactly("overdue");
    assertThat(list(TasklistFilters.DUE_SOON)).containsExactly("soon", "assigned");
    assertThatThrownBy(() -> list(TasklistFilters.SUPERVISION)).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> list(TasklistFilters.ALL_OPEN)).isInstanceOf(AuthorizationException.class);

    // the leader: the agency's work and the agency's supervision task (level 1)
    as(LEADER, AGENCY, AGENCY + "-leaders");
    assertThat(list(TasklistFilters.MINE)).isEmpty();
    assertThat(list(TasklistFilters.MY_AGENCY))
        .containsExactly("overdue", "explain delay", "soon", "assigned", "far");
    assertThat(list(TasklistFilters.OVERDUE)).containsExactly("overdue", "explain delay");
    assertThat(list(TasklistFilters.DUE_SOON)).containsExactly("soon", "assigned");
    assertThat(list(TasklistFilters.SUPERVISION)).containsExactly("explain delay");
    assertThatThrownBy(() -> list(TasklistFilters.ALL_OPEN)).isInstanceOf(AuthorizationException.class);

    // the supervisor: the supervisors' case (level 2), and every agency's work in 全部待办
    as(SUPERVISOR, AgencyDirectory.SUPERVISORS);
    assertThat(list(TasklistFilters.MINE)).isEmpty();
    assertThat(list(TasklistFilters.MY_AGENCY)).containsExactly("supervise case");
    assertThat(list(TasklistFilters.OVERDUE)).isEmpty();
    assertThat(list(TasklistFilters.DUE_SOON)).as("due in 20 days: not yet").isEmpty();
    assertThat(list(TasklistFilters.SUPERVISION)).containsExactly("supervise case");
    assertThat(list(TasklistFilters.ALL_OPEN)).containsExactly(
        "overdue", "explain delay", "soon", "other agency", "assigned", "supervise case", "far");
    engine.getIdentityService().clearAuthentication();

    // "now" moves on: what was due soon is overdue
    ClockUtil.setCurrentTime(Date.from(NOW.plus(Duration.ofDays(6))));
    as(OFFICER, AGENCY);
    assertThat(list(TasklistFilters.OVERDUE)).containsExactly("overdue", "soon");
    assertThat(list(TasklistFilters.DUE_SOON)).containsExactly("assigned");
  }

  @Test
  void throughTheRestApiAnOfficerCannotReadEveryAgencysWorkAndASupervisorCanButCannotWorkIt() throws Exception {
    ClockUtil.setCurrentTime(Date.from(NOW));
    String task = report("other agency", OTHER_AGENCY, days(7));
    String allOpen = filter(TasklistFilters.ALL_OPEN).getId();
    String extension = "{\"processInstanceIdIn\":" + new ObjectMapper().writeValueAsString(processInstances) + "}";

    assertThat(Http.as(port, OFFICER).post("/engine-rest/filter/" + allOpen + "/list", extension).statusCode())
        .isEqualTo(403);
    assertThat(Http.as(port, OFFICER).get("/engine-rest/filter/" + allOpen).statusCode()).isEqualTo(403);

    Http supervisor = Http.as(port, SUPERVISOR);
    HttpResponse<String> listed = supervisor.post("/engine-rest/filter/" + allOpen + "/list", extension);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(json(listed.body()).findValuesAsText("id")).containsExactly(task);
    assertThat(supervisor.post("/engine-rest/task/" + task + "/claim", "{\"userId\":\"supervisor\"}").statusCode())
        .as("read-only for supervisors").isEqualTo(403);

    Http officer = Http.as(port, "qingpu-gov-officer");
    HttpResponse<String> own = officer.post("/engine-rest/filter/" + filter(TasklistFilters.DUE_SOON).getId() + "/list",
        extension);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(json(own.body()).findValuesAsText("id")).as("${now()} is the engine clock").containsExactly(task);
  }

  @Test
  void startingAgainChangesNothing() {
    for (Definition definition : filters.definitions(engine.getTaskService())) {
      Filter before = filter(definition.name());
      Result again = filters.ensure(engine, definition);
      assertThat(again.outcome()).as(definition.name()).isEqualTo(Outcome.UNCHANGED);
      assertThat(again.filter().getId()).isEqualTo(before.getId());
    }
  }

  @Test
  void aFilterChangedInCodeIsUpdatedUnlessAnAdministratorChangedIt() {
    String key = "test-" + UUID.randomUUID().toString().substring(0, 8);
    String name = "测试过滤器 " + key;
    propertiesToDelete.add(TasklistFilters.ID_PROPERTY + key);

    Result created = filters.ensure(engine, definition(key, name, engine.getTaskService().createTaskQuery()));
    assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
    String id = created.filter().getId();
    filtersToDelete.add(id);
    assertThat(filters.ensure(engine, definition(key, name, engine.getTaskService().createTaskQuery()))
        .outcome()).isEqualTo(Outcome.UNCHANGED);

    // the code's query changes: the untouched filter follows
    TaskQuery changed = engine.getTaskService().createTaskQuery().dueBeforeExpression("${now()}");
    Result updated = filters.ensure(engine, definition(key, name, changed));
    assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(updated.filter().getId()).isEqualTo(id);
    assertThat(engineQueryOf(engine.getFilterService().getFilter(id))).contains("dueBeforeExpression");

    // an administrator renames it and changes its colour in Tasklist (which drops unknown properties)
    Filter edited = engine.getFilterService().getFilter(id);
    edited.setName("我改过的过滤器 " + key);
    Map<String, Object> tasklistProperties = new LinkedHashMap<>();
    tasklistProperties.put("description", "管理员改过");
    tasklistProperties.put("priority", 5);
    tasklistProperties.put("color", "#555555");
    tasklistProperties.put("refresh", true);
    tasklistProperties.put("variables", List.of());
    tasklistProperties.put("showUndefinedVariable", false);
    edited.setProperties(tasklistProperties);
    engine.getFilterService().saveFilter(edited);

    Result left = filters.ensure(engine, definition(key, name, engine.getTaskService().createTaskQuery()));
    assertThat(left.outcome()).isEqualTo(Outcome.LEFT_AS_CHANGED_BY_HAND);
    Filter kept = engine.getFilterService().getFilter(id);
    assertThat(kept.getName()).isEqualTo("我改过的过滤器 " + key);
    assertThat(kept.getProperties()).containsEntry("description", "管理员改过");
    assertThat(engineQueryOf(kept)).as("the query too stays as it was").contains("dueBeforeExpression");
    assertThat(engine.getFilterService().createFilterQuery().filterName(name).count())
        .as("found by its id, not created again under the code's name").isZero();

    // a filter changed through REST, fingerprint kept, is left too
    Result again = filters.ensure(engine, definition(key, "另一个名称 " + key, changed));
    assertThat(again.outcome()).isEqualTo(Outcome.LEFT_AS_CHANGED_BY_HAND);

    // deleted by an administrator: back at the next start
    engine.getFilterService().deleteFilter(id);
    Result recreated = filters.ensure(engine, definition(key, name, engine.getTaskService().createTaskQuery()));
    assertThat(recreated.outcome()).isEqualTo(Outcome.CREATED);
    filtersToDelete.add(recreated.filter().getId());
    filtersToDelete.remove(id);
  }

  @Test
  void aFilterWrittenByAnEarlierVersionIsAdoptedWhenItIsAsTheCodeWantsIt() {
    String key = "test-" + UUID.randomUUID().toString().substring(0, 8);
    String name = "测试过滤器 " + key;
    propertiesToDelete.add(TasklistFilters.ID_PROPERTY + key);
    Definition definition = definition(key, name,
        engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    Filter earlier = engine.getFilterService().saveFilter(engine.getFilterService().newTaskFilter(name)
        .setQuery(engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}")
            .orderByDueDate().asc())
        .setProperties(definition.properties()));
    filtersToDelete.add(earlier.getId());

    Result adopted = filters.ensure(engine, definition);
    assertThat(adopted.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(adopted.filter().getId()).isEqualTo(earlier.getId());
    assertThat(engine.getManagementService().getProperties()).containsEntry(TasklistFilters.ID_PROPERTY + key, earlier.getId());

    Result updated = filters.ensure(engine, definition(key, name, engine.getTaskService().createTaskQuery()));
    assertThat(updated.outcome()).as("stamped when adopted, so it follows the code from now on").isEqualTo(Outcome.UPDATED);
  }

  // ---------------------------------------------------------------------------------------------

  private static Definition definition(String key, String name, TaskQuery query) {
    return new Definition(key, name, "测试用过滤器", 99, null, query.orderByDueDate().asc(), List.of());
  }

  private Filter filter(String name) {
    List<Filter> found = engine.getFilterService().createFilterQuery().filterName(name).list();
    assertThat(found).as("filter " + name).hasSize(1);
    return found.get(0);
  }

  private Set<String> readers(Filter filter) {
    return engine.getAuthorizationService().createAuthorizationQuery()
        .resourceType(Resources.FILTER).resourceId(filter.getId()).list().stream()
        .filter(authorization -> authorization.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT)
        .filter(authorization -> authorization.isPermissionGranted(Permissions.READ))
        .map(Authorization::getGroupId)
        .collect(Collectors.toSet());
  }

  private static String engineQueryOf(Filter filter) {
    return ((org.camunda.bpm.engine.impl.persistence.entity.FilterEntity) filter).getQueryInternal();
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new AssertionError(text, e);
    }
  }

  private void as(String user, String... groups) {
    engine.getIdentityService().setAuthentication(user, List.of(groups));
  }

  /** What the filter lists for the authenticated user, of this test's tasks, in its order. */
  private List<String> list(String name) {
    // as Tasklist lists a filter with its default sorting (app/tasklist/scripts/lianbao.js): due date, earliest first
    List<Task> listed = engine.getFilterService().list(filterIdUnauthenticated(name),
        engine.getTaskService().createTaskQuery().orderByDueDate().asc());
    return listed.stream().filter(task -> mine.containsKey(task.getId())).map(task -> mine.get(task.getId())).toList();
  }

  private String filterIdUnauthenticated(String name) {
    var authentication = engine.getIdentityService().getCurrentAuthentication();
    engine.getIdentityService().clearAuthentication();
    try {
      return filter(name).getId();
    } finally {
      engine.getIdentityService().setAuthentication(authentication);
    }
  }

  private static Date days(int days) {
    return Date.from(NOW.plus(Duration.ofDays(days)));
  }

  /** A progress report of the agency due at the deadline; its follow-up date 14 days before. */
  private String report(String label, String agency, Date deadline) {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(ProgressReportProcess.KEY,
        "test-" + UUID.randomUUID(),
        WorkVariables.RESPONSIBLE_GROUPS.with(new ArrayList<>(List.of(agency)))
            .putValue(WorkVariables.YEAR.name(), 2031)
            .putValue(WorkVariables.ITEM_NO.name(), "11")
            .putValue(WorkVariables.MILESTONE_TITLE.name(), "过滤器测试 " + label)
            .putValue(WorkVariables.DEADLINE.name(), deadline)
            .putValue(WorkVariables.FOLLOW_UP.name(), Date.from(deadline.toInstant().minus(Duration.ofDays(14)))));
    processInstances.add(instance.getId());
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(task.getDueDate()).isEqualTo(deadline);
    mine.put(task.getId(), label);
    return task.getId();
  }

  /**
   * The two kinds of supervision task the escalation ladder creates, by their element ids: level 1
   * for the agency's leaders, level 2 for the supervisors.
   */
  private void supervision(Date explainDue, Date superviseDue) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROBE)
        .name("督办过滤器测试").camundaHistoryTimeToLive(3650)
        .startEvent("startEvent_probe")
        .parallelGateway("parallelGateway_split")
        .userTask("userTask_explainDelay").name("说明逾期情况")
            .camundaCandidateGroups(AGENCY + "-leaders").camundaDueDate("${explainDue}")
        .endEvent("endEvent_explained")
        .moveToNode("parallelGateway_split")
        .userTask("userTask_superviseCase").name("督办")
            .camundaCandidateGroups(AgencyDirectory.SUPERVISORS).camundaDueDate("${superviseDue}")
        .endEvent("endEvent_supervised")
        .done();
    deployments.add(engine.getRepositoryService().createDeployment().name(PROBE)
        .addModelInstance(PROBE + ".bpmn", model).deploy().getId());
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(PROBE,
        Variables.createVariables().putValue("explainDue", explainDue).putValue("superviseDue", superviseDue));
    processInstances.add(instance.getId());
    for (Task task : engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).list()) {
      mine.put(task.getId(), task.getTaskDefinitionKey().equals("userTask_explainDelay") ? "explain delay" : "supervise case");
    }
  }
}
