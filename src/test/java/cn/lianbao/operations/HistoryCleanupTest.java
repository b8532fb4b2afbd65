package cn.lianbao.operations;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.LianbaoProperties;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * History cleanup (issue 15): the records of a plan year are kept for {@code lianbao.history-time-to-live}
 * (3650) days after the year's annual plan ends (removal-time based), and removed by the engine's cleanup
 * job in the night window 01:00–05:00. Also measures what one plan year leaves in the history tables.
 */
@LianbaoTest
class HistoryCleanupTest {

  private static final int YEAR = 2094;
  private static final long DAY = 24L * 3600 * 1000;

  /** The history tables whose rows carry the root process instance and their removal time. */
  private static final List<String> TABLES = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST",
      "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_HI_IDENTITYLINK", "ACT_HI_JOB_LOG", "ACT_HI_INCIDENT",
      "ACT_HI_COMMENT", "ACT_HI_ATTACHMENT", "ACT_HI_OP_LOG", "ACT_GE_BYTEARRAY");

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired LianbaoProperties properties;

  @Test
  void theCleanupRunsInTheNightWindowRemovalTimeBased() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.isHistoryCleanupEnabled()).isTrue();
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
    assertThat(engine.getHistoryService().findHistoryCleanupJobs()).as("the cleanup job is scheduled at start")
        .isNotEmpty();
  }

  @Test
  void aPlanYearsRecordsAreKeptTenYearsAfterItsPlanEnds() {
    PlanDriver driver = new PlanDriver(engine, YEAR);
    driver.withValue("committedDay", today -> today.plusDays(1).toString())
        .withValue("finalDay", today -> today.plusDays(1).toString());
    driver.clockAt(PlanDriver.at(LocalDate.of(YEAR, 1, 5), 9));
    ProcessInstance plan = driver.start("2021");
    driver.workUntil(PlanDriver.at(LocalDate.of(YEAR + 1, 2, 20), 9), task -> false);

    HistoricProcessInstance root = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(plan.getId()).singleResult();
    assertThat(root.getEndTime()).as("the year's annual plan has ended").isNotNull();
    Timestamp removal = new Timestamp(root.getEndTime().getTime() + properties.historyTimeToLive() * DAY);

    Map<String, Long> rows = new LinkedHashMap<>();
    for (String table : TABLES) {
      rows.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE ROOT_PROC_INST_ID_ = ?",
          Long.class, plan.getId()));
      Long otherwise = jdbc.queryForObject("SELECT COUNT(*) FROM " + table
          + " WHERE ROOT_PROC_INST_ID_ = ? AND (REMOVAL_TIME_ IS NULL OR REMOVAL_TIME_ <> ?)", Long.class,
          plan.getId(), removal);
      assertThat(otherwise).as(table + ": every row of the year is removed 3650 days after its plan ended").isZero();
    }
    assertThat(ChronoUnit.DAYS.between(root.getEndTime().toInstant(), removal.toInstant())).isEqualTo(3650);
    assertThat(rows.get("ACT_HI_PROCINST")).as("the annual plan, its items, milestones and work").isGreaterThan(1);
    assertThat(rows.get("ACT_HI_TASKINST")).isPositive();
    System.out.println("History rows of plan year " + YEAR + ": " + rows + "; total "
        + rows.values().stream().mapToLong(Long::longValue).sum() + "; removal time " + removal.toInstant());
  }
}
