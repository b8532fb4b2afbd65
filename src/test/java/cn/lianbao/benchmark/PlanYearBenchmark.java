package cn.lianbao.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.Locale;
import org.camunda.bpm.engine.ProcessEngine;

import org.camunda.bpm.engine.runtime.ProcessInstance;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Measures, and prints, what a plan year costs: starting the 2021 plan (every item, milestone and
 * first task in one transaction), working the whole year with the engine clock, and the heap it
 * leaves. Not part of {@code ./mvnw verify}; run it with
 * {@code ./mvnw test -Dtest.groups=benchmark -Dtest.excludedGroups= -Dtest=PlanYearBenchmark} (add {@code -Ppostgres}
 * for PostgreSQL). It asserts only that the year ended; the figures are for reading.
 */
@LianbaoTest
@Tag("benchmark")
class PlanYearBenchmark {

  @Autowired ProcessEngine engine;

  @Test
  void aWholePlanYear() {
    for (int round = 1; round <= 3; round++) {
      int year = 2090 + round;
      PlanDriver driver = new PlanDriver(engine, year);
      driver.clockAt(PlanDriver.at(LocalDate.of(year, 1, 4), 9));

      long started = System.nanoTime();
      ProcessInstance plan = driver.start("2021");
      long startMillis = (System.nanoTime() - started) / 1_000_000;
      int openAtStart = driver.openTasks().size();

      long working = System.nanoTime();
      driver.workUntil(PlanDriver.at(LocalDate.of(year + 1, 1, 2), 9), task -> false);
      long yearMillis = (System.nanoTime() - working) / 1_000_000;
      long tasks = engine.getHistoryService().createHistoricTaskInstanceQuery()
          .processInstanceBusinessKeyLike(year + "-%").count();

      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(plan.getId())
          .singleResult().getEndTime()).isNotNull();
      System.gc();
      long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
      System.out.printf(Locale.ROOT, "benchmark round %d: plan start %d ms (%d tasks open), whole year %d ms "
          + "(%d tasks, %.1f tasks/s), heap after GC %d MB%n", round, startMillis, openAtStart, yearMillis, tasks,
          tasks * 1000.0 / Math.max(1, yearMillis), heapMb);
    }
  }
}
