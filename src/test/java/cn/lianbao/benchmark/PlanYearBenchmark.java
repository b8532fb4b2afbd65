package cn.lianbao.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Measures, and prints, what a plan year costs: starting the 2021 plan (every item, milestone and
 * first task in one transaction), working the whole year with the engine clock, the heap that ten
 * plan years leave, and the supervisors' plan view ({@code GET /api/plans/{year}/progress} and
 * {@code /agencies} over HTTP) with those ten years started. Not part of {@code ./mvnw verify}; run it with
 * {@code ./mvnw test -Dtest.groups=benchmark -Dtest.excludedGroups= -Dtest=PlanYearBenchmark} (add {@code -Ppostgres}
 * for PostgreSQL). It asserts only that the years ran and the view answered; the figures are for reading,
 * printed as {@code name value unit} lines like the baseline's ({@code ../shared/bench}).
 */
@LianbaoTest
@Tag("benchmark")
class PlanYearBenchmark {

  /** Ten plan years: the last ten the engine takes (plan years end at 2099). */
  private static final int FIRST_YEAR = 2090;
  private static final int YEARS = 10;
  /** Years whose whole run is timed; the others hold item 4a's work back, so that it escalates. */
  private static final int TIMED_YEARS = 3;
  private static final int VIEW_REQUESTS = 100;

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;

  @Test
  void tenPlanYearsAndThePlanView() {
    List<Long> starts = new ArrayList<>();
    List<Long> wholeYears = new ArrayList<>();
    for (int n = 0; n < YEARS; n++) {
      int year = FIRST_YEAR + n;
      boolean timed = n < TIMED_YEARS;
      PlanDriver driver = new PlanDriver(engine, year);
      driver.clockAt(PlanDriver.at(LocalDate.of(year, 1, 4), 9));

      long started = System.nanoTime();
      ProcessInstance plan = driver.start("2021");
      long startMillis = (System.nanoTime() - started) / 1_000_000;
      int openAtStart = driver.openTasks().size();

      long working = System.nanoTime();
      driver.workUntil(PlanDriver.at(LocalDate.of(year + 1, 1, 2), 9),
          task -> !timed && driver.businessKey(task).startsWith(year + "-4a-"));
      long yearMillis = (System.nanoTime() - working) / 1_000_000;
      long tasks = engine.getHistoryService().createHistoricTaskInstanceQuery()
          .processInstanceBusinessKeyLike(year + "-%").count();
      if (timed) {
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(plan.getId())
            .singleResult().getEndTime()).as("the year %d ended", year).isNotNull();
        starts.add(startMillis);
        wholeYears.add(yearMillis);
      }
      System.out.printf(Locale.ROOT, "# year %d: plan start %d ms (%d tasks open), whole year %d ms "
          + "(%d tasks, %.1f tasks/s)%s%n", year, startMillis, openAtStart, yearMillis, tasks,
          tasks * 1000.0 / Math.max(1, yearMillis), timed ? "" : ", item 4a held back");
      if (n == 0) {
        System.out.printf(Locale.ROOT, "plan_year_open_tasks %d tasks%n", openAtStart);
      }
    }
    System.out.printf(Locale.ROOT, "plan_year_start %d ms%n", median(starts));
    System.out.printf(Locale.ROOT, "plan_year_whole_year %d ms%n", median(wholeYears));

    System.gc();
    System.gc();
    long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    System.out.printf(Locale.ROOT, "heap_after_gc_ten_years %d MB%n", heapMb);

    Http supervisor = Http.as(port, "supervisor");
    Http officer = Http.as(port, "jiaxing-gov-officer");
    printPercentiles("plan_view_progress", timed(supervisor, "progress"));
    printPercentiles("plan_view_progress_agency_user", timed(officer, "progress"));
    printPercentiles("plan_view_agencies", timed(supervisor, "agencies"));
  }

  /** Milliseconds of each request, after ten unmeasured ones; every year in turn. */
  private static List<Double> timed(Http user, String view) {
    List<Double> millis = new ArrayList<>();
    for (int n = -10; n < VIEW_REQUESTS; n++) {
      int year = FIRST_YEAR + Math.floorMod(n, YEARS);
      long start = System.nanoTime();
      HttpResponse<String> answer = user.get("/api/plans/" + year + "/" + view);
      double elapsed = (System.nanoTime() - start) / 1e6;
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(answer.body()).startsWith("[{");
      if (n >= 0) {
        millis.add(elapsed);
      }
    }
    return millis;
  }

  private static void printPercentiles(String name, List<Double> millis) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf(Locale.ROOT, "%s_p50 %.1f ms%n", name, rank(sorted, 0.50));
    System.out.printf(Locale.ROOT, "%s_p95 %.1f ms%n", name, rank(sorted, 0.95));
    System.out.printf(Locale.ROOT, "%s_max %.1f ms%n", name, sorted.get(sorted.size() - 1));
  }

  /** Nearest rank, as the baseline counts. */
  private static double rank(List<Double> sorted, double p) {
    return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
