package cn.lianbao.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.lianbao.LianbaoProperties;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
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
