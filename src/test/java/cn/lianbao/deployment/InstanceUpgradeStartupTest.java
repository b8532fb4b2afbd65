package cn.lianbao.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.lianbao.LianbaoApplication;
import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.support.PlanDriver;
import cn.lianbao.support.ProcessTests;
import cn.lianbao.support.StartupDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Upgrading (issue 15): a data folder written by earlier versions of the processes, with plan years
 * running on them, is started with today's processes; every running instance moves to the newest version
 * with its tasks, timers, variables and history, and finishes there (those whose BPMN did not change too:
 * their tasks read the forms of the newest deployment). An instance waiting in an activity
 * the newest version no longer has stays on its version and is reported.
 *
 * <p>The earlier versions are today's BPMN files with a change of their own, deployed by whole starts of
 * the application that read them in place of today's files ({@link PreviousVersion}); the job executor
 * is off, the test fires timers and jobs itself. On an H2 file in a folder of its own; with
 * {@code -Dlianbao.test.db.url=jdbc:postgresql://host/db} on fresh databases of that PostgreSQL server,
 * dropped afterwards. Whole starts: runs in the JVM of the startup tests (pom.xml, execution "startup").
 */
class InstanceUpgradeStartupTest {

  private static final int YEAR_ON_VERSION_1 = 2042;
  private static final int YEAR_ON_VERSION_2 = 2040;
  private static final String REPORT_KEY = "2080-upgrade-";

  @TempDir Path dataDir;

  private StartupDatabase database;

  @BeforeEach
  void freshDatabase() throws SQLException {
    database = StartupDatabase.fresh(dataDir, "lianbao_upgrade_");
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    ClockUtil.reset();
    BpmnAwareTests.reset();
    database.drop();
  }

  @Test
  void plansRunningOnTwoEarlierVersionsMoveToTheNewestWithTheirTasksTimersVariablesAndHistoryAndFinishThere()
      throws IOException {
    // version 1: plan-item and plan-milestone read differently; a year starts on it
    Map<String, String> version1 = Map.of(
        "plan-item.bpmn", changed("plan-item.bpmn", "name=\"推进工作节点\"", "name=\"推进各工作节点\""),
        "plan-milestone.bpmn", changed("plan-milestone.bpmn", "name=\"截止前 14 天\"", "name=\"截止前两周\""));
    ProcessInstance planOnVersion1;
    try (ConfigurableApplicationContext app = start(version1, true)) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      ClockUtil.setCurrentTime(PlanDriver.at(LocalDate.of(YEAR_ON_VERSION_1, 1, 4), 9));
      planOnVersion1 = new PlanDriver(engine, YEAR_ON_VERSION_1).start("2021");
      assignOneTask(engine, YEAR_ON_VERSION_1);
    }

    // version 2: only plan-milestone reads differently; started with the switch off, so year 1 stays on version 1
    Map<String, String> version2 = Map.of(
        "plan-milestone.bpmn", changed("plan-milestone.bpmn", "name=\"工作节点\"", "name=\"工作节点（第二版）\""));
    ProcessInstance planOnVersion2;
    Snapshot before;
    try (ConfigurableApplicationContext app = start(version2, false)) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      assertThat(versionsOfRunningInstances(engine, YEAR_ON_VERSION_1)).as("the switch is off: nothing moved")
          .containsOnly(1);
      ClockUtil.setCurrentTime(PlanDriver.at(LocalDate.of(YEAR_ON_VERSION_2, 1, 4), 9));
      planOnVersion2 = new PlanDriver(engine, YEAR_ON_VERSION_2).start("2021");
      assignOneTask(engine, YEAR_ON_VERSION_2);
      assertThat(versionsOfRunningInstances(engine, YEAR_ON_VERSION_2)).containsOnly(2);
      before = Snapshot.of(engine);
    }
    assertThat(before.tasks).as("open tasks to keep").hasSizeGreaterThan(20)
        .filteredOn(task -> task.contains("assignee=qingpu-gov-officer")).hasSize(2);
    assertThat(before.timers).as("deadline timers to keep").isNotEmpty();

    // today's processes: version 3 of every process
    try (ConfigurableApplicationContext app = start(Map.of(), true)) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      BpmnAwareTests.init(engine);
      for (String key : List.of("annual-plan", "plan-item", "plan-milestone")) {
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
            .latestVersion().singleResult().getVersion()).as(key).isEqualTo(3);
      }
      assertThat(versionsOfRunningInstances(engine, YEAR_ON_VERSION_1, "plan-milestone")).as("from version 1")
          .containsOnly(3);
      assertThat(versionsOfRunningInstances(engine, YEAR_ON_VERSION_2, "plan-milestone")).as("from version 2")
          .containsOnly(3);
      assertThat(versionsOfRunningInstances(engine, YEAR_ON_VERSION_1, "plan-item")).as("changed since version 1")
          .containsOnly(3);
      assertThat(versionsOfRunningInstances(engine, YEAR_ON_VERSION_2, "plan-item"))
          .as("the same BPMN, deployed with the others: moves too, so its tasks read today's forms").containsOnly(3);
      assertThat(versionsOfRunningInstances(engine, YEAR_ON_VERSION_1, "annual-plan")).containsOnly(3);
      assertThat(versionsOfRunningInstances(engine, YEAR_ON_VERSION_2, "annual-plan")).containsOnly(3);
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().list())
          .as("nothing runs on an older version").allSatisfy(instance -> assertThat(engine.getRepositoryService()
              .getProcessDefinition(instance.getProcessDefinitionId()).getVersion()).isEqualTo(3));

      Snapshot after = Snapshot.of(engine);
      assertThat(after.instances).as("the same instances, none started or ended").isEqualTo(before.instances);
      assertThat(after.tasks).as("the same open tasks: ids, assignees, candidates, dates").isEqualTo(before.tasks);
      assertThat(after.timers).as("the timers keep their due dates").isEqualTo(before.timers);
      assertThat(after.variables).as("the variables stay").isEqualTo(before.variables);
      assertThat(after.history).as("the history stays").containsAll(before.history);

      Health health = app.getBean(UpgradeHealthIndicator.class).health();
      long moved = before.instancesOf.values().stream().mapToLong(Long::longValue).sum();
      assertThat(health.getDetails()).containsEntry("stayed", List.of()).containsEntry("migrated", moved);

      // both years finish on the newest version
      PlanDriver year2040 = new PlanDriver(engine, YEAR_ON_VERSION_2);
      ClockUtil.setCurrentTime(PlanDriver.at(LocalDate.of(YEAR_ON_VERSION_2, 1, 4), 10));
      year2040.workUntil(PlanDriver.at(LocalDate.of(YEAR_ON_VERSION_2 + 1, 1, 2), 9), task -> false);
      assertThat(planOnVersion2).isEnded();
      PlanDriver year2042 = new PlanDriver(engine, YEAR_ON_VERSION_1);
      year2042.workUntil(PlanDriver.at(LocalDate.of(YEAR_ON_VERSION_1 + 1, 1, 2), 9), task -> false);
      assertThat(planOnVersion1).isEnded();
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processInstanceBusinessKeyLike(YEAR_ON_VERSION_1 + "%").processDefinitionKey("plan-milestone").list())
          .as("every milestone of the year ran to its end on version 3")
          .hasSize(before.instancesOf.get(YEAR_ON_VERSION_1 + " plan-milestone").intValue())
          .allSatisfy(instance -> {
            assertThat(instance.getEndTime()).isNotNull();
            assertThat(instance.getProcessDefinitionVersion()).isEqualTo(3);
          });
    }
  }

  @Test
  void anInstanceWaitingInAnActivityTheNewestVersionLacksStaysOnItsVersionAndIsReported() throws IOException {
    // the previous version's report task had another id: an instance waiting in it cannot be mapped
    Map<String, String> previous = Map.of("progress-report.bpmn",
        changed("progress-report.bpmn", "userTask_submitProgressReport", "userTask_submitQuarterReport"));
    Task stuck;
    Task movable;
    try (ConfigurableApplicationContext app = start(previous, true)) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      PlanCalendar calendar = app.getBean(PlanCalendar.class);
      stuck = ProcessTests.startProgressReport(engine, calendar, REPORT_KEY, "qingpu-gov");
      engine.getTaskService().setAssignee(stuck.getId(), "qingpu-gov-officer");
      // a second report was sent: it waits for its delivery job, which the newest version has too
      movable = ProcessTests.startProgressReport(engine, calendar, REPORT_KEY, "wujiang-gov");
      engine.getTaskService().complete(movable.getId(), new PlanDriver(engine, 2080).plausibleValues(movable));
    }

    try (ConfigurableApplicationContext app = start(Map.of(), true)) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      ProcessDefinition newest = engine.getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionKey("progress-report").latestVersion().singleResult();
      assertThat(newest.getVersion()).isEqualTo(2);
      ProcessInstance stuckInstance = engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceId(stuck.getProcessInstanceId()).singleResult();
      assertThat(stuckInstance.getProcessDefinitionId()).as("stays on its version").isEqualTo(stuck.getProcessDefinitionId());
      Task stillOpen = engine.getTaskService().createTaskQuery().taskId(stuck.getId()).singleResult();
      assertThat(stillOpen.getTaskDefinitionKey()).isEqualTo("userTask_submitQuarterReport");
      assertThat(stillOpen.getAssignee()).isEqualTo("qingpu-gov-officer");
      assertThat(engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceId(movable.getProcessInstanceId()).singleResult().getProcessDefinitionId())
          .as("the other instance of the version moves").isEqualTo(newest.getId());

      Health health = app.getBean(UpgradeHealthIndicator.class).health();
      assertThat(health.getStatus().getCode()).isEqualTo("UP");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> stayed = (List<Map<String, Object>>) health.getDetails().get("stayed");
      assertThat(stayed).singleElement().satisfies(entry -> {
        assertThat(entry).containsEntry("process", "progress-report").containsEntry("version", 1)
            .containsEntry("newestVersion", 2).containsEntry("instances", 1L);
        assertThat((String) entry.get("report")).as("Camunda's report")
            .contains(stuck.getProcessInstanceId()).contains("There is no migration instruction for this instance's activity");
      });

      // it goes on on its old version
      engine.getTaskService().complete(stillOpen.getId(), new PlanDriver(engine, 2080).plausibleValues(stillOpen));
      BpmnAwareTests.init(engine);
      assertThat(stuckInstance).isWaitingAt("throwEvent_milestoneDelivered");
    }
  }

  @Test
  void twoNodesStartingTogetherOnOneDatabaseBothStartAndMoveEachInstanceOnce() throws Exception {
    Map<String, String> previous = Map.of("progress-report.bpmn",
        changed("progress-report.bpmn", "name=\"报送季度进展报告\"", "name=\"报送进展报告\""));
    Set<String> reports = new TreeSet<>();
    try (ConfigurableApplicationContext app = start(previous, true)) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      PlanCalendar calendar = app.getBean(PlanCalendar.class);
      for (int i = 0; i < 30; i++) {
        reports.add(ProcessTests.startProgressReport(engine, calendar, REPORT_KEY, "qingpu-gov").getProcessInstanceId());
      }
    }

    // Two nodes are two JVMs; here they share one, and Spring Boot's logging set-up (system properties, one
    // logback context) is not made to run twice at once. So the nodes set up logging one after the other,
    // then meet and start their engines together (the context's refresh, where deployment and upgrade run).
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    Semaphore loggingSetUp = new Semaphore(1);
    CyclicBarrier together = new CyclicBarrier(2);
    try {
      List<Future<ConfigurableApplicationContext>> started = new ArrayList<>();
      for (String node : List.of("node-a", "node-b")) {
        started.add(nodes.submit(() -> {
          loggingSetUp.acquire();
          AtomicBoolean released = new AtomicBoolean();
          ApplicationListener<ApplicationPreparedEvent> meet = prepared -> {
            released.set(true);
            loggingSetUp.release();
            awaitQuietly(together);
          };
          try {
            return start(Map.of(), true, List.of(meet), "--camunda.bpm.process-engine-name=" + node);
          } finally {
            if (!released.get()) {
              loggingSetUp.release();
              together.reset();
            }
          }
        }));
      }
      List<ConfigurableApplicationContext> apps = new ArrayList<>();
      try {
        for (Future<ConfigurableApplicationContext> node : started) {
          apps.add(node.get(10, TimeUnit.MINUTES));
        }
        ProcessEngine engine = apps.get(0).getBean(ProcessEngine.class);
        ProcessDefinition newest = engine.getRepositoryService().createProcessDefinitionQuery()
            .processDefinitionKey("progress-report").latestVersion().singleResult();
        assertThat(newest.getVersion()).as("one new version, not one per node").isEqualTo(2);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceIds(reports).list())
            .hasSize(reports.size())
            .allSatisfy(instance -> assertThat(instance.getProcessDefinitionId()).isEqualTo(newest.getId()));
        long migrated = 0;
        for (ConfigurableApplicationContext app : apps) {
          migrated += (Long) app.getBean(UpgradeHealthIndicator.class).health().getDetails().get("migrated");
        }
        assertThat(migrated).as("each instance moved once, by one of the nodes").isEqualTo(reports.size());
      } finally {
        apps.forEach(ConfigurableApplicationContext::close);
      }
    } finally {
      nodes.shutdownNow();
    }
  }

  private ConfigurableApplicationContext start(Map<String, String> previousFiles, boolean migrate, String... more) {
    return start(previousFiles, migrate, List.of(), more);
  }

  private static void awaitQuietly(CyclicBarrier barrier) {
    try {
      barrier.await(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException("the other node did not reach its engine start", e);
    }
  }

  private ConfigurableApplicationContext start(Map<String, String> previousFiles, boolean migrate,
      List<ApplicationListener<?>> listeners, String... more) {
    List<String> arguments = new ArrayList<>(List.of(
        "--spring.profiles.active=demo",
        "--server.port=0",
        "--lianbao.data-dir=" + dataDir,
        "--camunda.bpm.job-execution.enabled=false",
        "--lianbao.upgrade.migrate-running-instances=" + migrate));
    arguments.addAll(database.applicationArguments());
    arguments.addAll(List.of(more));
    SpringApplicationBuilder builder = new SpringApplicationBuilder(LianbaoApplication.class);
    if (!previousFiles.isEmpty()) {
      builder.resourceLoader(new PreviousVersion(previousFiles));
    }
    builder.listeners(listeners.toArray(ApplicationListener[]::new));
    return builder.run(arguments.toArray(String[]::new));
  }

  /** Today's {@code processes/<file>} with one change, which must be there to make. */
  private static String changed(String file, String today, String before) throws IOException {
    String bpmn = new ClassPathResource("processes/" + file).getContentAsString(StandardCharsets.UTF_8);
    assertThat(bpmn).as(file).contains(today);
    return bpmn.replace(today, before);
  }

  /** An officer of Qingpu takes one of the year's tasks of Qingpu. */
  private static void assignOneTask(ProcessEngine engine, int year) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike(year + "-%")
        .taskCandidateGroup("qingpu-gov").orderByTaskId().asc().listPage(0, 1).get(0);
    engine.getTaskService().setAssignee(task.getId(), "qingpu-gov-officer");
  }

  private static Set<Integer> versionsOfRunningInstances(ProcessEngine engine, int year) {
    return versionsOfRunningInstances(engine, year, null);
  }

  private static Set<Integer> versionsOfRunningInstances(ProcessEngine engine, int year, String key) {
    ProcessInstanceQuery query = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKeyLike(year + "%");
    List<ProcessInstance> instances = (key == null ? query : query.processDefinitionKey(key)).list();
    assertThat(instances).isNotEmpty();
    return instances.stream()
        .map(instance -> engine.getRepositoryService().getProcessDefinition(instance.getProcessDefinitionId()).getVersion())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** What a start must keep of the running plans: instances, open tasks, timers, variables, history. */
  private record Snapshot(Set<String> instances, Map<String, Long> instancesOf, Set<String> tasks,
      Map<String, Date> timers, Set<String> variables, Set<String> history) {

    static Snapshot of(ProcessEngine engine) {
      List<ProcessInstance> running = new ArrayList<>();
      Map<String, Long> instancesOf = new TreeMap<>();
      for (int year : List.of(YEAR_ON_VERSION_1, YEAR_ON_VERSION_2)) {
        List<ProcessInstance> ofTheYear = engine.getRuntimeService().createProcessInstanceQuery()
            .processInstanceBusinessKeyLike(year + "%").list();
        running.addAll(ofTheYear);
        for (ProcessInstance instance : ofTheYear) {
          String key = engine.getRepositoryService().getProcessDefinition(instance.getProcessDefinitionId()).getKey();
          instancesOf.merge(year + " " + key, 1L, Long::sum);
        }
      }
      Set<String> ids = running.stream().map(ProcessInstance::getId).collect(Collectors.toCollection(TreeSet::new));
      String[] idArray = ids.toArray(String[]::new);
      Set<String> tasks = engine.getTaskService().createTaskQuery().processInstanceIdIn(idArray).list().stream()
          .map(task -> task.getId() + " " + task.getProcessInstanceId() + " " + task.getTaskDefinitionKey()
              + " assignee=" + task.getAssignee() + " due=" + task.getDueDate() + " followUp=" + task.getFollowUpDate()
              + " candidates=" + candidates(engine, task))
          .collect(Collectors.toCollection(TreeSet::new));
      Map<String, Date> timers = engine.getManagementService().createJobQuery().timers().list().stream()
          .filter(job -> ids.contains(job.getProcessInstanceId()))
          .collect(Collectors.toMap(Job::getId, Job::getDuedate, (a, b) -> a, TreeMap::new));
      Set<String> variables = engine.getRuntimeService().createVariableInstanceQuery().processInstanceIdIn(idArray)
          .list().stream().map(Snapshot::variable).collect(Collectors.toCollection(TreeSet::new));
      Set<String> history = new TreeSet<>();
      for (String id : ids) {
        engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id).list().stream()
            .map(HistoricActivityInstance::getId).forEach(history::add);
      }
      return new Snapshot(ids, instancesOf, tasks, timers, variables, history);
    }

    private static String candidates(ProcessEngine engine, Task task) {
      return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
          .map(link -> link.getType() + ":" + link.getGroupId() + ":" + link.getUserId())
          .sorted().collect(Collectors.joining(","));
    }

    private static String variable(VariableInstance variable) {
      Object value = variable.getValue();
      String shown = value instanceof FileValue file ? file.getFilename() : String.valueOf(value);
      return variable.getId() + " " + variable.getExecutionId() + " " + variable.getName() + "=" + shown;
    }
  }

  /**
   * The application's resources with some of {@code processes/} as an earlier version had them: the
   * resource loader of a start of that version.
   */
  private static final class PreviousVersion extends PathMatchingResourcePatternResolver {

    private final Map<String, String> files;

    PreviousVersion(Map<String, String> files) {
      this.files = files;
    }

    @Override
    public Resource[] getResources(String locationPattern) throws IOException {
      Resource[] found = super.getResources(locationPattern);
      if (!locationPattern.equals("classpath*:processes/*.bpmn")) {
        return found;
      }
      List<String> replaced = new ArrayList<>();
      Resource[] resources = Arrays.stream(found).map(resource -> {
        String name = resource.getFilename();
        if (!files.containsKey(name)) {
          return resource;
        }
        replaced.add(name);
        return (Resource) new ByteArrayResource(files.get(name).getBytes(StandardCharsets.UTF_8)) {
          @Override
          public String getFilename() {
            return name;
          }
        };
      }).sorted(Comparator.comparing(Resource::getFilename)).toArray(Resource[]::new);
      assertThat(replaced).as("the earlier files replace today's").containsExactlyInAnyOrderElementsOf(files.keySet());
      return resources;
    }
  }
}
