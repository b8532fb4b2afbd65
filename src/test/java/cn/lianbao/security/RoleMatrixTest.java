package cn.lianbao.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.escalation.Escalation;
import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.report.ProgressReportProcess;
import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import cn.lianbao.support.ProcessTests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The role table ({@code src/test/resources/security/role-matrix.csv}, the same as the README's),
 * tried cell by cell against the running application through the REST API: every user of the table
 * runs every operation on the fixtures; what the cell's rule allows answers 2xx, what it does not
 * answers 401 (anonymous) or 403 with a Chinese reason — or, for a task the user cannot even see,
 * the answer for a task that does not exist (404, or Camunda's 400 "No task found") — and leaves
 * the fixture as it was.
 *
 * <p>The fixtures, built once: A, Suzhou's quarterly report (candidate group {@code suzhou-gov}, an
 * item shared with Qingpu, a document); and from Suzhou's late 4a milestone L, the leaders' 督办单
 * ({@code suzhou-gov-leaders}) and S, the Executive Committee's case ({@code supervisors} and the
 * guiding agencies' leaders). A write that is allowed is undone afterwards, or made on a fresh copy
 * where it cannot be undone (a completion, the delivery message).
 */
@LianbaoTest
class RoleMatrixTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ANONYMOUS = "anonymous";
  private static final String THROWAWAY = "role-matrix-throwaway";
  /**
   * The first year an allowed start of the annual plan takes (one year per start); a database kept
   * from an earlier run has these years cancelled when the fixtures are built.
   */
  private static final int PLAN_YEAR = 2095;
  private static final int PLAN_YEARS = 3;
  private static final List<String> OPERATIONS = List.of("read-task", "read-records", "claim", "complete", "assign",
      "identity-links", "due-date-name", "variables", "messages", "comment", "start-annual-plan", "start-event-campaign", "deploy",
      "users", "password", "filters");
  /** The started plan year in which an allowed start of an event campaign names its event. */
  private static final int EVENT_YEAR = 2088;

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired PlanCalendar calendar;

  private final List<String> mismatches = new ArrayList<>();
  private final Map<String, Long> timePerOperation = new LinkedHashMap<>();
  private int yearsStarted;
  private final Map<String, Set<String>> groupsOfUser = new LinkedHashMap<>();
  private Target reportA;
  private Target leadersL;
  private Target supervisorsS;
  private String milestoneM;
  private final Deque<Task> freshL = new ArrayDeque<>();
  private final Deque<Task> freshS = new ArrayDeque<>();
  private final Deque<String> freshM = new ArrayDeque<>();

  /** One row of the table: a user and the rule of each operation. */
  record Row(String user, Map<String, String> rules) {
    boolean anonymous() {
      return ANONYMOUS.equals(user);
    }
  }

  /** A fixture task; {@code colleague} is whom "assign" gives it to; {@code fresh} makes another like it. */
  static final class Target {
    final String name;
    final String colleague;
    final Supplier<Task> fresh;
    Task task;

    Target(String name, Task task, String colleague, Supplier<Task> fresh) {
      this.name = name;
      this.task = task;
      this.colleague = colleague;
      this.fresh = fresh;
    }
  }

  @Test
  void everyUserDoesWhatTheRoleTableAllowsAndNothingElse() {
    List<Row> table = readTable();
    List<String> expectedUsers = new ArrayList<>();
    for (String agency : agencyIds()) {
      expectedUsers.add(agency + "-officer");
      expectedUsers.add(agency + "-leader");
    }
    expectedUsers.addAll(List.of("supervisor", "admin", ANONYMOUS));
    assertThat(table).extracting(Row::user).as("the rows: every agency's officer and leader, supervisor, admin, anonymous")
        .containsExactlyElementsOf(expectedUsers);
    assertThat(table).allSatisfy(row -> assertThat(row.rules().keySet()).containsExactlyElementsOf(OPERATIONS));

    long start = System.nanoTime();
    buildFixtures();
    long built = System.nanoTime();
    for (Row row : table) {
      Http http = row.anonymous() ? Http.anonymous(port) : Http.as(port, row.user());
      for (String operation : OPERATIONS) {
        long began = System.nanoTime();
        run(row, http, operation, row.rules().get(operation));
        timePerOperation.merge(operation, (System.nanoTime() - began) / 1_000_000, Long::sum);
      }
    }
    System.out.printf("role matrix: fixtures %d ms, %d cells %d ms%n", (built - start) / 1_000_000,
        table.size() * OPERATIONS.size(), (System.nanoTime() - built) / 1_000_000);
    System.out.println("role matrix: milliseconds per operation " + timePerOperation);
    assertThat(mismatches).as("cells of the role table that the application does not keep").isEmpty();
  }

  // ---------------------------------------------------------------- operations

  private void run(Row row, Http http, String operation, String rule) {
    switch (operation) {
      case "read-task" -> {
        for (Target target : List.of(reportA, leadersL, supervisorsS)) {
          read(row, operation, target.name, allowed(rule, row, target), http.get("/engine-rest/task/" + target.task.getId()));
        }
      }
      case "read-records" -> {
        String instance = reportA.task.getProcessInstanceId();
        boolean allowed = allowed(rule, row, reportA);
        read(row, operation, "A instance", allowed, http.get("/engine-rest/process-instance/" + instance));
        read(row, operation, "A history", allowed, http.get("/engine-rest/history/process-instance/" + instance));
        String document = engine.getRuntimeService().createVariableInstanceQuery().processInstanceIdIn(instance)
            .variableName("progressAttachment").singleResult().getId();
        read(row, operation, "A document", allowed, http.get("/engine-rest/variable-instance/" + document + "/data"));
      }
      case "claim" -> {
        for (Target target : List.of(reportA, leadersL, supervisorsS)) {
          Task task = target.task;
          HttpResponse<String> answer = http.post("/engine-rest/task/" + task.getId() + "/claim",
              "{\"userId\":\"" + row.user() + "\"}");
          check(row, operation, target, allowed(rule, row, target), answer, () -> assignee(task) == null);
          engine.getTaskService().setAssignee(task.getId(), null);
        }
      }
      case "complete" -> {
        for (Target target : List.of(reportA, leadersL, supervisorsS)) {
          boolean allowed = allowed(rule, row, target);
          Task task = allowed ? target.fresh.get() : target.task;
          HttpResponse<String> answer = http.post("/engine-rest/task/" + task.getId() + "/complete",
              formValues(target));
          check(row, operation, target, allowed, answer, () -> open(task));
        }
      }
      case "assign" -> {
        for (Target target : List.of(reportA, supervisorsS)) {
          Task task = target.task;
          boolean allowed = allowed(rule, row, target);
          String body = "{\"userId\":\"" + target.colleague + "\"}";
          check(row, operation + " /assignee", target, allowed,
              http.post("/engine-rest/task/" + task.getId() + "/assignee", body), () -> assignee(task) == null);
          engine.getTaskService().setAssignee(task.getId(), null);
          if (!target.colleague.equals(row.user())) {
            check(row, operation + " /claim for a colleague", target, allowed,
                http.post("/engine-rest/task/" + task.getId() + "/claim", body), () -> assignee(task) == null);
            engine.getTaskService().setAssignee(task.getId(), null);
          }
        }
      }
      case "identity-links" -> {
        for (Target target : List.of(reportA, leadersL, supervisorsS)) {
          Task task = target.task;
          boolean allowed = allowed(rule, row, target);
          Set<String> before = links(task);
          String own = candidateGroups(task).get(0);
          check(row, operation + " add", target, allowed, http.post("/engine-rest/task/" + task.getId()
              + "/identity-links", "{\"groupId\":\"sh-water\",\"type\":\"candidate\"}"), () -> links(task).equals(before));
          check(row, operation + " delete", target, allowed, http.post("/engine-rest/task/" + task.getId()
              + "/identity-links/delete", "{\"groupId\":\"" + own + "\",\"type\":\"candidate\"}"),
              () -> links(task).equals(before));
          if (allowed) {
            engine.getTaskService().deleteCandidateGroup(task.getId(), "sh-water");
            engine.getTaskService().addCandidateGroup(task.getId(), own);
          }
        }
      }
      case "due-date-name" -> {
        for (Target target : List.of(reportA, leadersL, supervisorsS)) {
          Task task = engine.getTaskService().createTaskQuery().taskId(target.task.getId()).singleResult();
          ObjectNode body = JSON.createObjectNode()
              .put("name", "改过的名称")
              .put("description", task.getDescription())
              .put("priority", task.getPriority())
              .put("due", "2099-12-31T23:59:59.000+0800")
              .put("followUp", "2099-12-01T00:00:00.000+0800");
          check(row, operation, target, allowed(rule, row, target),
              http.put("/engine-rest/task/" + task.getId(), body.toString()), () -> sameDatesAndName(task));
          Task now = engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult();
          if (!sameDatesAndName(task)) {
            now.setName(task.getName());
            now.setDueDate(task.getDueDate());
            now.setFollowUpDate(task.getFollowUpDate());
            engine.getTaskService().saveTask(now);
          }
        }
      }
      case "variables" -> {
        String instance = reportA.task.getProcessInstanceId();
        Object before = engine.getRuntimeService().getVariable(instance, WorkVariables.RESPONSIBLE_GROUPS.name());
        check(row, operation, reportA, allowed(rule, row, reportA),
            http.put("/engine-rest/process-instance/" + instance + "/variables/" + WorkVariables.RESPONSIBLE_GROUPS.name(),
                "{\"value\":\"sh-water\",\"type\":\"String\"}"),
            () -> before.equals(engine.getRuntimeService().getVariable(instance, WorkVariables.RESPONSIBLE_GROUPS.name())));
        engine.getRuntimeService().setVariable(instance, WorkVariables.RESPONSIBLE_GROUPS.name(), before);
      }
      case "messages" -> {
        boolean allowed = allowed(rule, row, null);
        String milestone = allowed ? freshMilestone() : milestoneM;
        check(row, operation, "M", allowed, true, http.post("/engine-rest/message",
                "{\"messageName\":\"milestoneDelivered\",\"processInstanceId\":\"" + milestone + "\"}"),
            () -> escalationOpen(milestone));
      }
      case "comment" -> {
        for (Target target : List.of(reportA, leadersL, supervisorsS)) {
          Task task = target.task;
          int before = engine.getTaskService().getTaskComments(task.getId()).size();
          check(row, operation, target, allowed(rule, row, target),
              http.post("/engine-rest/task/" + task.getId() + "/comment/create", "{\"message\":\"角色表测试的意见\"}"),
              () -> engine.getTaskService().getTaskComments(task.getId()).size() == before);
        }
      }
      case "start-annual-plan" -> {
        boolean allowed = allowed(rule, row, null);
        String year = String.valueOf(allowed ? PLAN_YEAR + yearsStarted++ : PLAN_YEAR + yearsStarted);
        check(row, operation, "year " + year, allowed, true,
            http.post("/engine-rest/process-definition/key/annual-plan/start", "{\"businessKey\":\"" + year
                + "\",\"variables\":{\"planId\":{\"value\":\"2021\",\"type\":\"String\"},\"year\":{\"value\":" + year
                + ",\"type\":\"Integer\"}}}"),
            () -> engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(year).count() == 0);
      }
      case "start-event-campaign" -> {
        boolean allowed = allowed(rule, row, null);
        String prefix = EVENT_YEAR + "-11-event-";
        long before = eventMilestones(prefix);
        check(row, operation, "year " + EVENT_YEAR, allowed, true,
            http.post("/engine-rest/process-definition/key/event-campaign/start", "{\"variables\":{"
                + "\"year\":{\"value\":" + EVENT_YEAR + ",\"type\":\"Integer\"},"
                + "\"eventName\":{\"value\":\"角色表测试活动\",\"type\":\"String\"},"
                + "\"eventDate\":{\"value\":\"" + EVENT_YEAR + "-12-01\",\"type\":\"String\"}}}"),
            () -> eventMilestones(prefix) == before);
      }
      case "deploy" -> {
        String name = "role-matrix-" + UUID.randomUUID();
        check(row, operation, "deployment", allowed(rule, row, null), true, deploy(row, name),
            () -> engine.getRepositoryService().createDeploymentQuery().deploymentName(name).count() == 0);
        engine.getRepositoryService().createDeploymentQuery().deploymentName(name).list()
            .forEach(deployment -> engine.getRepositoryService().deleteDeployment(deployment.getId(), true));
      }
      case "users" -> {
        boolean allowed = allowed(rule, row, null);
        String account = allowed || row.anonymous() ? throwaway() : row.user();
        User before = engine.getIdentityService().createUserQuery().userId(account).singleResult();
        ObjectNode profile = JSON.createObjectNode().put("id", account).put("firstName", before.getFirstName())
            .put("lastName", before.getLastName()).put("email", "someone@elsewhere.example");
        check(row, operation + " profile", account, allowed, true,
            http.put("/engine-rest/user/" + account + "/profile", profile.toString()), () -> sameUser(before));
        check(row, operation + " delete", account, allowed, true, http.delete("/engine-rest/user/" + account),
            () -> sameUser(before));
        String group = "role-matrix-" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000);
        check(row, operation + " group", group, allowed, true,
            http.post("/engine-rest/group/create", "{\"id\":\"" + group + "\",\"name\":\"角色表测试组\"}"),
            () -> engine.getIdentityService().createGroupQuery().groupId(group).count() == 0);
        if (engine.getIdentityService().createGroupQuery().groupId(group).count() > 0) {
          engine.getIdentityService().deleteGroup(group);
        }
      }
      case "password" -> {
        String account = row.anonymous() ? "zj-water-officer" : row.user();
        check(row, operation, account, allowed(rule, row, null), true,
            http.put("/engine-rest/user/" + account + "/credentials", "{\"password\":\"" + LianbaoTest.PASSWORD
                + "\",\"authenticatedUserPassword\":\"" + LianbaoTest.PASSWORD + "\"}"),
            () -> engine.getIdentityService().checkPassword(account, LianbaoTest.PASSWORD));
      }
      case "filters" -> {
        String name = "角色表测试过滤器";
        HttpResponse<String> answer = http.post("/engine-rest/filter/create",
            "{\"resourceType\":\"Task\",\"name\":\"" + name + "\",\"query\":{}}");
        check(row, operation, "filter", allowed(rule, row, null), true, answer,
            () -> engine.getFilterService().createFilterQuery().filterName(name).count() == 0);
        engine.getFilterService().createFilterQuery().filterName(name).list()
            .forEach(filter -> engine.getFilterService().deleteFilter(filter.getId()));
      }
      default -> throw new IllegalArgumentException("no operation " + operation);
    }
  }

  // ---------------------------------------------------------------- the rules

  /** Whether the cell's rule lets the row's user act on the target (null: an operation on no task). */
  private boolean allowed(String rule, Row row, Target target) {
    if (row.anonymous()) {
      return false;
    }
    Set<String> groups = groupsOf(row.user());
    return switch (rule) {
      case "all", "own" -> true;
      case "none" -> false;
      case "candidate" -> candidate(row, groups, target.task);
      case "item" -> {
        List<?> itemGroups = (List<?>) engine.getRuntimeService().getVariable(target.task.getProcessInstanceId(),
            WorkVariables.ITEM_GROUPS.name());
        yield itemGroups.stream().anyMatch(groups::contains);
      }
      case "leader" -> agenciesOf(target.task).stream().anyMatch(agency -> groups.contains(agency + "-leaders")
          && (groupsOf(target.colleague).contains(agency) || groupsOf(target.colleague).contains(agency + "-leaders")));
      case "commenter" -> candidate(row, groups, target.task)
          || agenciesOf(target.task).stream().anyMatch(agency -> groups.contains(agency + "-leaders"));
      default -> throw new IllegalArgumentException("unknown rule " + rule + " in the role table");
    };
  }

  private boolean candidate(Row row, Set<String> groups, Task task) {
    return row.user().equals(assignee(task)) || candidateGroups(task).stream().anyMatch(groups::contains);
  }

  /** The agencies of a task: those of its candidate groups, an agency's own or its leaders'. */
  private List<String> agenciesOf(Task task) {
    Set<String> agencies = new HashSet<>(agencyIds());
    List<String> found = new ArrayList<>();
    for (String group : candidateGroups(task)) {
      String agency = group.endsWith("-leaders") ? group.substring(0, group.length() - "-leaders".length()) : group;
      if (agencies.contains(agency)) {
        found.add(agency);
      }
    }
    return found;
  }

  // ---------------------------------------------------------------- checking an answer

  private void read(Row row, String operation, String target, boolean allowed, HttpResponse<String> answer) {
    int status = answer.statusCode();
    boolean ok = allowed ? status == 200
        : row.anonymous() ? status == 401 : status == 403 || status == 404;
    if (!ok) {
      mismatches.add(cell(row, operation, target, allowed) + " answered " + status + ": " + shorten(answer.body()));
    }
  }

  private void check(Row row, String operation, Target target, boolean allowed, HttpResponse<String> answer,
      Supplier<Boolean> unchanged) {
    boolean visible = !row.anonymous() && allowed(row.rules().get("read-task"), row, target);
    check(row, operation, target.name, allowed, visible, answer, unchanged);
  }

  private void check(Row row, String operation, String target, boolean allowed, boolean visible,
      HttpResponse<String> answer, Supplier<Boolean> unchanged) {
    int status = answer.statusCode();
    String body = answer.body() == null ? "" : answer.body();
    if (allowed) {
      if (status < 200 || status > 299) {
        mismatches.add(cell(row, operation, target, true) + " answered " + status + ": " + shorten(body));
      }
      return;
    }
    boolean refused;
    if (row.anonymous()) {
      refused = status == 401;
    } else {
      boolean chinese = body.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
      boolean notFound = status == 404 || status == 400 && (body.contains("No task found") || body.contains("No matching task"));
      // a task only ever goes to a member of its groups, whoever gives it (cn.lianbao.security.TaskAssignmentPolicy)
      boolean notAMember = status == 400 && body.contains("不属于任务的办理单位");
      refused = status == 403 && chinese || notAMember || !visible && notFound;
    }
    if (!refused) {
      mismatches.add(cell(row, operation, target, false) + " answered " + status + ": " + shorten(body));
    }
    if (!unchanged.get()) {
      mismatches.add(cell(row, operation, target, false) + " changed the state although refused");
    }
  }

  private static String cell(Row row, String operation, String target, boolean allowed) {
    return row.user() + " × " + operation + " on " + target + " (" + (allowed ? "allowed" : "refused") + ")";
  }

  private static String shorten(String body) {
    return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
  }

  // ---------------------------------------------------------------- fixtures

  private void buildFixtures() {
    groupsOfUser.clear();
    cancelPlanYears();
    startEventYear();
    reportA = new Target("A", startReport(), "suzhou-gov-officer", this::startReport);
    // Suzhou's part of 4a, late: one milestone per year, each with a leaders' case L and a supervisors' case S
    for (int i = 0; i < 10; i++) {
      lateMilestone(2061 + i);
    }
    ClockUtil.reset();
    milestoneM = freshM.pop();
    leadersL = new Target("L", freshL.pop(), "suzhou-gov-leader", () -> take(freshL));
    supervisorsS = new Target("S", freshS.pop(), "supervisor", () -> take(freshS));
  }

  private long eventMilestones(String prefix) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("plan-milestone")
        .processInstanceBusinessKeyLike(prefix + "%").count();
  }

  /** The year in which event campaigns are started: its plan runs (its items wait in their jobs). */
  private void startEventYear() {
    if (engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("annual-plan")
        .processInstanceBusinessKey(String.valueOf(EVENT_YEAR)).count() == 0) {
      engine.getRuntimeService().startProcessInstanceByKey("annual-plan", String.valueOf(EVENT_YEAR),
          Map.of("planId", "2021", "year", EVENT_YEAR));
    }
  }

  /** Cancelling a year's plan frees the year again (PlanYearRelease): for a database kept between runs. */
  private void cancelPlanYears() {
    for (int year = PLAN_YEAR; year < PLAN_YEAR + PLAN_YEARS; year++) {
      engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("annual-plan")
          .processInstanceBusinessKey(String.valueOf(year)).list()
          .forEach(plan -> engine.getRuntimeService().deleteProcessInstance(plan.getId(), "角色表测试"));
    }
  }

  private Task startReport() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(ProgressReportProcess.KEY,
        "role-matrix-" + UUID.randomUUID(),
        WorkVariables.RESPONSIBLE_GROUPS.with(new ArrayList<>(List.of("suzhou-gov")))
            .putValue(WorkVariables.ITEM_GROUPS.name(), new ArrayList<>(List.of("suzhou-gov", "qingpu-gov")))
            .putValue(WorkVariables.YEAR.name(), 2027)
            .putValue(WorkVariables.ITEM_NO.name(), "5")
            .putValue(WorkVariables.DEADLINE.name(), calendar.quarterEnd(2027, 1))
            .putValue(WorkVariables.FOLLOW_UP.name(), calendar.quarterFollowUp(2027, 1)));
    engine.getRuntimeService().setVariable(instance.getId(), "progressAttachment",
        ProcessTests.file("进展.pdf", "%PDF-1.4 role matrix", "application/pdf"));
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private void lateMilestone(int year) {
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 7, 1), 9));
    String key = year + "-4a-outfall-list:suzhou-gov";
    ProcessInstance milestone = engine.getRuntimeService().startProcessInstanceByKey(PlanMilestoneProcess.KEY, key,
        Map.of("planId", "2021", "year", year, "itemNo", "4a", "partId", "outfall-list:suzhou-gov"));
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 10, 17), 9));
    fireDueTimers(milestone.getId());
    freshM.add(milestone.getId());
    freshL.add(engine.getTaskService().createTaskQuery().processInstanceId(milestone.getId())
        .taskDefinitionKey(Escalation.Elements.EXPLAIN_DELAY).singleResult());
    freshS.add(engine.getTaskService().createTaskQuery().processInstanceId(milestone.getId())
        .taskDefinitionKey(Escalation.Elements.SUPERVISE_CASE).singleResult());
  }

  /** Fires the milestone's own timers that are due (not those of other tests' instances), until none is left. */
  private void fireDueTimers(String milestone) {
    List<Job> due;
    while (!(due = engine.getManagementService().createJobQuery().processInstanceId(milestone).executable()
        .duedateLowerThan(new Date(ClockUtil.getCurrentTime().getTime() + 1)).list()).isEmpty()) {
      due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }

  private static Task take(Deque<Task> pool) {
    assertThat(pool).as("fresh fixtures left").isNotEmpty();
    return pool.pop();
  }

  /** The last milestone built: its cases are the last the pools hand out. */
  private String freshMilestone() {
    assertThat(freshM).as("fresh milestones left").isNotEmpty();
    return freshM.pollLast();
  }

  private String throwaway() {
    if (engine.getIdentityService().createUserQuery().userId(THROWAWAY).count() == 0) {
      User user = engine.getIdentityService().newUser(THROWAWAY);
      user.setFirstName("临时");
      user.setLastName("账号");
      user.setEmail("throwaway@lianbao.example");
      user.setPassword(LianbaoTest.PASSWORD);
      engine.getIdentityService().saveUser(user);
    }
    return THROWAWAY;
  }

  private String formValues(Target target) {
    String year = "2099";
    return switch (target.name) {
      case "A" -> "{\"variables\":{\"progressSummary\":{\"value\":\"按计划推进\",\"type\":\"String\"}}}";
      case "L" -> "{\"variables\":{\"delayExplanation\":{\"value\":\"排摸范围扩大\",\"type\":\"String\"},"
          + "\"committedDay\":{\"value\":\"" + year + "-12-25\",\"type\":\"String\"}}}";
      case "S" -> "{\"variables\":{\"finalDay\":{\"value\":\"" + year + "-12-10\",\"type\":\"String\"},"
          + "\"supervisorInstruction\":{\"value\":\"限期完成\",\"type\":\"String\"}}}";
      default -> throw new IllegalArgumentException(target.name);
    };
  }

  // ---------------------------------------------------------------- reading the engine

  private Set<String> groupsOf(String user) {
    return groupsOfUser.computeIfAbsent(user, id -> {
      Set<String> groups = new HashSet<>();
      for (Group group : engine.getIdentityService().createGroupQuery().groupMember(id).list()) {
        groups.add(group.getId());
      }
      return groups;
    });
  }

  private List<String> candidateGroups(Task task) {
    return ProcessTests.candidateGroups(engine, task);
  }

  private String assignee(Task task) {
    Task now = engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult();
    return now == null ? null : now.getAssignee();
  }

  private boolean open(Task task) {
    return engine.getTaskService().createTaskQuery().taskId(task.getId()).count() == 1;
  }

  private Set<String> links(Task task) {
    Set<String> links = new HashSet<>();
    engine.getTaskService().getIdentityLinksForTask(task.getId())
        .forEach(link -> links.add(link.getType() + ":" + link.getGroupId() + ":" + link.getUserId()));
    return links;
  }

  private boolean sameDatesAndName(Task before) {
    Task now = engine.getTaskService().createTaskQuery().taskId(before.getId()).singleResult();
    return now.getName().equals(before.getName()) && equal(now.getDueDate(), before.getDueDate())
        && equal(now.getFollowUpDate(), before.getFollowUpDate());
  }

  private static boolean equal(Date a, Date b) {
    return a == null ? b == null : b != null && a.getTime() == b.getTime();
  }

  private boolean sameUser(User before) {
    User now = engine.getIdentityService().createUserQuery().userId(before.getId()).singleResult();
    return now != null && java.util.Objects.equals(now.getEmail(), before.getEmail());
  }

  private boolean escalationOpen(String milestone) {
    return engine.getTaskService().createTaskQuery().processInstanceId(milestone)
        .taskDefinitionKey(Escalation.Elements.EXPLAIN_DELAY).count() == 1;
  }

  private HttpResponse<String> deploy(Row row, String name) {
    String boundary = "role-matrix-" + UUID.randomUUID();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + name + "\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"role-matrix.txt\"\r\n"
        + "Content-Type: text/plain\r\n\r\n角色表测试\r\n--" + boundary + "--\r\n";
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (!row.anonymous()) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (row.user() + ":" + LianbaoTest.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- the table

  static List<Row> readTable() {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = RoleMatrixTest.class.getResourceAsStream("/security/role-matrix.csv")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
      List<String> header = List.of(lines.get(0).split(","));
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split(",");
        Map<String, String> rules = new LinkedHashMap<>();
        for (int i = 1; i < header.size(); i++) {
          rules.put(header.get(i), cells[i].trim());
        }
        rows.add(new Row(cells[0].trim(), rules));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  static List<String> agencyIds() {
    try (InputStream in = RoleMatrixTest.class.getResourceAsStream("/lianbao/agencies.yml")) {
      List<String> ids = new ArrayList<>();
      for (JsonNode agency : new ObjectMapper(new YAMLFactory()).readTree(in)) {
        ids.add(agency.path("id").asText());
      }
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
