package cn.lianbao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.report.ProgressReportProcess;
import cn.lianbao.security.AdministratorAccountCheck.MissingAdministratorException;
import cn.lianbao.security.MissingAdministratorFailureAnalyzer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.springframework.boot.diagnostics.FailureAnalysis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

/**
 * Whole starts of the application on an H2 file database of its own: what a second start finds
 * and what a start without an administrator says. Runs in a JVM of its own (pom.xml, surefire
 * execution "startup"): one JVM holds one Camunda platform, which the suite's shared application
 * already has.
 */
class StartupTest {

  @TempDir Path dataDir;

  @Test
  void withoutTheDemoProfileAndWithoutAnAdministratorTheServerDoesNotStartAndSaysWhatToSet() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(LianbaoApplication.class)
            .run("--lianbao.data-dir=" + dataDir, "--server.port=0"))
        .isInstanceOf(MissingAdministratorException.class)
        .hasMessageContaining("camunda.bpm.admin-user.id")
        .hasMessageContaining("camunda.bpm.admin-user.password")
        .hasMessageContaining("demo");
    assertThat(dataDir).as("nothing was written").isEmptyDirectory();
  }

  @Test
  void anAdministratorWithAGuessablePasswordIsRefusedToo() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(LianbaoApplication.class)
            .run("--lianbao.data-dir=" + dataDir, "--server.port=0",
                "--camunda.bpm.admin-user.id=boss", "--camunda.bpm.admin-user.password=boss"))
        .isInstanceOf(MissingAdministratorException.class)
        .hasMessageContaining("password equals its user id");
  }

  @Test
  void aWeakAdministratorPasswordStopsTheStartBeforeAnythingIsWrittenAndSaysWhichRulesAndWhichProperty()
      throws Exception {
    Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(LianbaoApplication.class)
        .run("--lianbao.data-dir=" + dataDir, "--server.port=0",
            "--camunda.bpm.admin-user.id=boss", "--camunda.bpm.admin-user.password=lianbao2021"));
    assertThat(failure).isInstanceOf(MissingAdministratorException.class);
    FailureAnalysis analysis = new MissingAdministratorFailureAnalyzer().analyze(failure);
    assertThat(analysis).as("the failure analyzer explains it, not a stack trace").isNotNull();
    assertThat(analysis.getDescription() + analysis.getAction())
        .contains("camunda.bpm.admin-user.password")
        .contains("不符合密码规则：至少 1 个大写字母；至少 1 个特殊字符");

    try (Connection database = DriverManager.getConnection(
            "jdbc:h2:file:" + dataDir.resolve("lianbao") + ";IFEXISTS=FALSE", "sa", "");
        ResultSet tables = database.createStatement().executeQuery(
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE 'ACT\\_%' ESCAPE '\\'")) {
      tables.next();
      assertThat(tables.getInt(1)).as("no ACT_ table after the failed start").isZero();
    }
  }

  @Test
  void aRestartKeepsTheOpenWorkAddsNothingTwiceAndRenamesARenamedAgency() throws IOException {
    String taskId;
    Snapshot first;
    try (ConfigurableApplicationContext app = start("classpath:lianbao/agencies.yml")) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      PlanCalendar calendar = app.getBean(PlanCalendar.class);
      var instance = engine.getRuntimeService().startProcessInstanceByKey(ProgressReportProcess.KEY,
          WorkVariables.RESPONSIBLE_GROUPS.with(new ArrayList<>(List.of("qingpu-gov")))
              .putValue(WorkVariables.YEAR.name(), 2027)
              .putValue(WorkVariables.ITEM_NO.name(), "2")
              .putValue(WorkVariables.DEADLINE.name(), calendar.quarterEnd(2027, 4))
              .putValue(WorkVariables.FOLLOW_UP.name(), calendar.quarterFollowUp(2027, 4)));
      taskId = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
      first = Snapshot.of(engine);
    }

    Path renamed = dataDir.resolve("agencies-renamed.yml");
    Files.writeString(renamed, new ClassPathResource("lianbao/agencies.yml").getContentAsString(
            java.nio.charset.StandardCharsets.UTF_8)
        .replace("name: 青浦区人民政府", "name: 上海市青浦区人民政府"));
    try (ConfigurableApplicationContext app = start("file:" + renamed, "--lianbao.history-time-to-live=4000")) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      Snapshot second = Snapshot.of(engine);
      assertThat(engine.getRepositoryService().createProcessDefinitionQuery().list())
          .as("a changed retention reaches the definitions deployed before")
          .allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).isEqualTo(4000));
      assertThat(second).as("a second start adds and duplicates nothing").isEqualTo(first);
      assertThat(engine.getIdentityService().createGroupQuery().groupId("qingpu-gov").singleResult().getName())
          .isEqualTo("上海市青浦区人民政府");
      Task task = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
      assertThat(task).as("the open task survived the restart").isNotNull();
      assertThat(engine.getTaskService().getIdentityLinksForTask(taskId))
          .extracting(link -> link.getGroupId()).contains("qingpu-gov");
    }
  }

  @Test
  void aDeadlineThatPassesWhileTheServerIsDownEscalatesOnceAfterTheRestart() {
    String key = "2056-4a-outfall-list:suzhou-gov";
    try {
      ClockUtil.setCurrentTime(Date.from(Instant.parse("2056-09-05T01:00:00Z")));
      try (ConfigurableApplicationContext app = start("classpath:lianbao/agencies.yml")) {
        app.getBean(ProcessEngine.class).getRuntimeService().startProcessInstanceByKey("plan-milestone", key,
            Map.of("planId", "2021", "year", 2056, "itemNo", "4a", "partId", "outfall-list:suzhou-gov"));
      }
      ClockUtil.setCurrentTime(Date.from(Instant.parse("2056-09-18T01:00:00Z")));
      try (ConfigurableApplicationContext app = start("classpath:lianbao/agencies.yml")) {
        ProcessEngine engine = app.getBean(ProcessEngine.class);
        String milestone = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key)
            .processDefinitionKey("plan-milestone").singleResult().getId();
        List<Job> due = engine.getManagementService().createJobQuery().processInstanceId(milestone)
            .executable().list();
        assertThat(due).as("the deadline's timer waited in the database").hasSize(2);
        due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key)
            .taskDefinitionKey("userTask_explainDelay").list())
            .singleElement().satisfies(task -> assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
                .extracting(link -> link.getGroupId()).containsExactly("suzhou-gov-leaders"));
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(milestone).executable().count())
            .as("each step fires once").isZero();
      }
    } finally {
      ClockUtil.reset();
    }
  }

  private ConfigurableApplicationContext start(String agencies, String... more) {
    List<String> arguments = new java.util.ArrayList<>(List.of(
        "--spring.profiles.active=demo",
        "--server.port=0",
        "--lianbao.data-dir=" + dataDir,
        "--lianbao.agencies=" + agencies,
        "--camunda.bpm.job-execution.enabled=false"));
    arguments.addAll(List.of(more));
    return new SpringApplicationBuilder(LianbaoApplication.class).run(arguments.toArray(String[]::new));
  }

  /** What the identity service, the authorizations and the repository hold. */
  record Snapshot(long groups, long users, long memberships, long authorizations, long deployments,
      long definitions, List<String> groupIds) {
    static Snapshot of(ProcessEngine engine) {
      var identity = engine.getIdentityService();
      long memberships = identity.createUserQuery().list().stream()
          .mapToLong(user -> identity.createGroupQuery().groupMember(user.getId()).count()).sum();
      List<String> groupIds = identity.createGroupQuery().orderByGroupId().asc().list().stream()
          .map(group -> group.getId()).toList();
      return new Snapshot(
          identity.createGroupQuery().count(),
          identity.createUserQuery().count(),
          memberships,
          engine.getAuthorizationService().createAuthorizationQuery().count(),
          engine.getRepositoryService().createDeploymentQuery().count(),
          engine.getRepositoryService().createProcessDefinitionQuery().count(),
          groupIds);
    }
  }
}
