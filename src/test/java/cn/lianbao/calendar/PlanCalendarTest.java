package cn.lianbao.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.lianbao.LianbaoProperties;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.time.MonthDay;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanCalendarTest {

  private final PlanCalendar calendar = new PlanCalendar(
      new LianbaoProperties(Path.of("data"), ZoneId.of("Asia/Shanghai"), 14, null, null, DataSize.ofMegabytes(20), 3650, null));

  @ParameterizedTest
  @CsvSource({
      "2021, 1, 2021-03-31T15:59:59Z",
      "2021, 2, 2021-06-30T15:59:59Z",
      "2021, 3, 2021-09-30T15:59:59Z",
      "2021, 4, 2021-12-31T15:59:59Z",
      "2028, 1, 2028-03-31T15:59:59Z",
  })
  void aQuartersDeadlineIsTheLastSecondOfItsLastDayInChinaStandardTime(int year, int quarter, String instant) {
    assertThat(calendar.quarterEnd(year, quarter).toInstant()).isEqualTo(Instant.parse(instant));
  }

  @Test
  void theFollowUpDateLiesFourteenDaysBeforeTheDeadline() {
    assertThat(calendar.quarterFollowUp(2027, 3).toInstant()).isEqualTo(Instant.parse("2027-09-16T15:59:59Z"));
  }

  @Test
  void anEarlierStepsDeadlineIsTheLastSecondOfTheDayThatManyDaysBefore() {
    assertThat(calendar.daysBefore(calendar.endOfDay(LocalDate.of(2021, 11, 4)), 42).toInstant())
        .isEqualTo(Instant.parse("2021-09-23T15:59:59Z"));
    assertThatThrownBy(() -> calendar.daysBefore(calendar.endOfDay(LocalDate.of(2021, 11, 4)), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEventsCampaignIsDueAtTheEndOfTheEventsEve() {
    assertThat(calendar.eveOf(LocalDate.of(2083, 3, 1)).toInstant()).isEqualTo(Instant.parse("2083-02-28T15:59:59Z"));
  }

  @Test
  void earlierStepsKeepTheirRecordedDaysWhenThereIsTimeAndShareTheRestInThreeWhenNot() {
    java.util.Date deadline = calendar.endOfDay(LocalDate.of(2083, 11, 4));
    // opened in time: 42 and 21 days before the deadline
    java.util.Date early = calendar.endOfDay(LocalDate.of(2083, 6, 1));
    assertThat(calendar.stepDeadlines(early, deadline, 42, 21)).containsExactly(
        calendar.endOfDay(LocalDate.of(2083, 9, 23)), calendar.endOfDay(LocalDate.of(2083, 10, 14)));
    assertThat(calendar.stepsShortened(early, deadline, 42)).isFalse();
    // opened 30 days before the deadline: 10 and 20 days after opening
    java.util.Date late = Date.from(Instant.parse("2083-10-05T02:00:00Z"));
    assertThat(calendar.stepDeadlines(late, deadline, 42, 21)).containsExactly(
        calendar.endOfDay(LocalDate.of(2083, 10, 15)), calendar.endOfDay(LocalDate.of(2083, 10, 25)));
    assertThat(calendar.stepsShortened(late, deadline, 42)).isTrue();
    // opened on the first step's day: shortened too
    java.util.Date onTheDay = Date.from(Instant.parse("2083-09-23T01:00:00Z"));
    assertThat(calendar.stepsShortened(onTheDay, deadline, 42)).isTrue();
    // opened on the deadline's day: everything is due that day
    java.util.Date lastDay = Date.from(Instant.parse("2083-11-04T01:00:00Z"));
    assertThat(calendar.stepDeadlines(lastDay, deadline, 42, 21)).containsExactly(deadline, deadline);
    // no opening time: the recorded days
    assertThat(calendar.stepDeadlines(null, deadline, 42, 21)).containsExactly(
        calendar.endOfDay(LocalDate.of(2083, 9, 23)), calendar.endOfDay(LocalDate.of(2083, 10, 14)));
  }

  @Test
  void aPlanDateKeepsMonthAndDayInAnotherYear() {
    assertThat(calendar.endOfDay(2027, MonthDay.of(11, 5)).toInstant())
        .isEqualTo(Instant.parse("2027-11-05T15:59:59Z"));
    assertThat(calendar.dayOf(calendar.endOfDay(LocalDate.of(2027, 11, 5)))).isEqualTo(LocalDate.of(2027, 11, 5));
  }

  @Test
  void thereIsNoFifthQuarter() {
    assertThatThrownBy(() -> calendar.quarterEnd(2027, 5)).hasMessageContaining("quarter must be 1 to 4, was 5");
  }
}
