package cn.lianbao.schema;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.LianbaoApplication;
import cn.lianbao.support.StartupDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.extensibility.MigrationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The schema of a start (issue 14): Lianbao's tables come from Flyway ({@code db/lianbao}) and its
 * due-date indexes on Camunda's {@code ACT_RU_JOB} and {@code ACT_RU_TASK} from a second migration set run
 * after the engine's schema exists ({@code db/engine-indexes}). Both on an empty database and on a data
 * folder of the version before Flyway, whose tables {@code schema.sql} created and whose rows must stay.
 *
 * <p>On an H2 file in a folder of its own; with {@code -Dlianbao.test.db.url=jdbc:postgresql://host/db}
 * (and {@code -Dlianbao.test.db.user}) on fresh databases of that PostgreSQL server, dropped afterwards.
 * Whole starts: runs in the JVM of the startup tests (pom.xml, surefire execution "startup").
 */
class SchemaMigrationStartupTest {

  @TempDir Path dataDir;

  private StartupDatabase database;

  @BeforeEach
  void freshDatabase() throws SQLException {
    database = StartupDatabase.fresh(dataDir, "lianbao_schema_");
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    database.drop();
  }

  @Test
  void anEmptyDatabaseGetsLianbaosTablesFromVersion1AndTheDueDateIndexesAfterTheEngineSchema() throws SQLException {
    try (ConfigurableApplicationContext app = start()) {
      assertThat(app.getBean(ProcessEngine.class).getName()).isEqualTo("default");
    }

    try (Connection connection = database.connect()) {
      DatabaseMetaData metadata = connection.getMetaData();
      assertThat(tableExists(metadata, "LIANBAO_PLAN_YEAR")).isTrue();
      assertThat(tableExists(metadata, "LIANBAO_OUTBOX")).isTrue();
      assertThat(tableExists(metadata, "SPRING_SESSION")).as("the HTTP sessions, version 2").isTrue();
      assertThat(tableExists(metadata, "SPRING_SESSION_ATTRIBUTES")).isTrue();
      assertThat(indexedColumns(metadata, "LIANBAO_OUTBOX", "LIANBAO_OUTBOX_DUE")).containsExactly("STATE_", "NEXT_ATTEMPT_");
      assertThat(indexedColumns(metadata, "ACT_RU_JOB", "LIANBAO_IDX_JOB_DUEDATE")).containsExactly("DUEDATE_");
      assertThat(indexedColumns(metadata, "ACT_RU_TASK", "LIANBAO_IDX_TASK_DUE_DATE")).containsExactly("DUE_DATE_");
    }
    assertThat(applied("lianbao_schema_history")).as("versions 1 and 2 created, not baselined")
        .containsExactly("1 SQL", "2 SQL");
    assertThat(applied(EngineIndexMigration.HISTORY_TABLE)).as("the engine's tables exist first: a baseline, then 1")
        .containsExactly("0 BASELINE", "1 SQL");

    // a second start finds everything in place and applies nothing again
    try (ConfigurableApplicationContext app = start()) {
      assertThat(app.getBean(ProcessEngine.class).getName()).isEqualTo("default");
    }
    assertThat(applied("lianbao_schema_history")).containsExactly("1 SQL", "2 SQL");
    assertThat(applied(EngineIndexMigration.HISTORY_TABLE)).containsExactly("0 BASELINE", "1 SQL");
  }

  @Test
  void aDataFolderOfThePreviousVersionIsBaselinedKeepsItsRowsAndGetsTheIndexes() throws SQLException {
    Timestamp startedAt = Timestamp.valueOf("2027-01-04 09:00:00");
    try (Connection connection = database.connect()) {
      // what every start of the previous version ran, and a year and a notice it wrote
      ScriptUtils.executeSqlScript(connection, new ClassPathResource("schema/previous-version-schema.sql"));
      ScriptUtils.executeSqlScript(connection, new ClassPathResource("schema/previous-version-schema.sql"));
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("INSERT INTO LIANBAO_PLAN_YEAR (YEAR_, PLAN_ID_, PROC_INST_ID_, STARTED_BY_, STARTED_AT_)"
            + " VALUES (2089, '2021', 'previous-instance', 'supervisor', TIMESTAMP '2027-01-04 09:00:00')");
        statement.executeUpdate("INSERT INTO LIANBAO_OUTBOX (ID_, SUBJECT_KEY_, STEP_, EVENT_DATE_, USER_ID_, EMAIL_,"
            + " SUBJECT_, BODY_, STATE_, ATTEMPTS_, NEXT_ATTEMPT_, CREATED_AT_) VALUES ('previous-notice', 'task-1',"
            + " 'ASSIGNED', TIMESTAMP '2027-01-04 09:00:00', 'qingpu-gov-officer', 'officer@example.org', '新任务',"
            + " '请办理', 'PENDING', 0, TIMESTAMP '2027-01-04 09:00:00', TIMESTAMP '2027-01-04 09:00:00')");
      }
    }
    // and the engine's tables, as the previous version's engine created them (CMMN tables included)
    ProcessEngine previous = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
        .setProcessEngineName("previous-version")
        .setJdbcUrl(database.url()).setJdbcDriver(database.driver())
        .setJdbcUsername(database.user()).setJdbcPassword(database.password())
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false)
        .buildProcessEngine();
    previous.close();

    try (ConfigurableApplicationContext app = start()) {
      assertThat(app.getBean(ProcessEngine.class).getName()).isEqualTo("default");
    }

    assertThat(applied("lianbao_schema_history")).as("the previous version's tables are version 1, the sessions 2")
        .containsExactly("1 BASELINE", "2 SQL");
    assertThat(applied(EngineIndexMigration.HISTORY_TABLE)).containsExactly("0 BASELINE", "1 SQL");
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      try (ResultSet year = statement.executeQuery(
          "SELECT PLAN_ID_, PROC_INST_ID_, STARTED_BY_, STARTED_AT_ FROM LIANBAO_PLAN_YEAR WHERE YEAR_ = 2089")) {
        assertThat(year.next()).as("the year of the previous version is kept").isTrue();
        assertThat(List.of(year.getString(1), year.getString(2), year.getString(3)))
            .containsExactly("2021", "previous-instance", "supervisor");
        assertThat(year.getTimestamp(4)).isEqualTo(startedAt);
      }
      try (ResultSet notice = statement.executeQuery("SELECT STATE_, EMAIL_ FROM LIANBAO_OUTBOX WHERE ID_ = 'previous-notice'")) {
        assertThat(notice.next()).as("the pending notice of the previous version is kept").isTrue();
        assertThat(notice.getString(1)).isEqualTo("PENDING");
        assertThat(notice.getString(2)).isEqualTo("officer@example.org");
      }
      DatabaseMetaData metadata = connection.getMetaData();
      assertThat(indexedColumns(metadata, "LIANBAO_OUTBOX", "LIANBAO_OUTBOX_DUE")).containsExactly("STATE_", "NEXT_ATTEMPT_");
      assertThat(indexedColumns(metadata, "ACT_RU_JOB", "LIANBAO_IDX_JOB_DUEDATE")).containsExactly("DUEDATE_");
      assertThat(indexedColumns(metadata, "ACT_RU_TASK", "LIANBAO_IDX_TASK_DUE_DATE")).containsExactly("DUE_DATE_");
    }
  }

  private ConfigurableApplicationContext start() {
    List<String> arguments = new ArrayList<>(List.of(
        "--spring.profiles.active=demo",
        "--server.port=0",
        "--lianbao.data-dir=" + dataDir,
        "--camunda.bpm.job-execution.enabled=false"));
    arguments.addAll(database.applicationArguments());
    return new SpringApplicationBuilder(LianbaoApplication.class).run(arguments.toArray(String[]::new));
  }

  /** The migrations a history table records, as "version TYPE", in order. */
  private List<String> applied(String historyTable) {
    Flyway flyway = Flyway.configure()
        .dataSource(database.url(), database.user(), database.password())
        .table(historyTable)
        .load();
    List<String> applied = new ArrayList<>();
    for (MigrationInfo info : flyway.info().applied()) {
      assertThat(info.getState().isFailed()).as(info.getScript()).isFalse();
      MigrationType type = info.getType();
      applied.add(info.getVersion() + " " + (type.isBaseline() ? "BASELINE" : type.name()));
    }
    return applied;
  }

  private static boolean tableExists(DatabaseMetaData metadata, String table) throws SQLException {
    try (ResultSet tables = metadata.getTables(null, null, name(metadata, table), null)) {
      return tables.next();
    }
  }

  /** The columns of an index, in index order, upper case (H2 and PostgreSQL spell them differently). */
  private static List<String> indexedColumns(DatabaseMetaData metadata, String table, String index) throws SQLException {
    List<String> columns = new ArrayList<>();
    List<Short> positions = new ArrayList<>();
    try (ResultSet indexes = metadata.getIndexInfo(null, null, name(metadata, table), false, false)) {
      while (indexes.next()) {
        if (index.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
          positions.add(indexes.getShort("ORDINAL_POSITION"));
          columns.add(indexes.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
        }
      }
    }
    List<String> ordered = new ArrayList<>(columns);
    for (int i = 0; i < columns.size(); i++) {
      ordered.set(positions.get(i) - 1, columns.get(i));
    }
    return ordered;
  }

  private static String name(DatabaseMetaData metadata, String name) throws SQLException {
    return metadata.storesLowerCaseIdentifiers() ? name.toLowerCase(Locale.ROOT) : name;
  }
}
