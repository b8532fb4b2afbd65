package cn.lianbao.demo;

import cn.lianbao.demo.RehearsalClock.Reading;
import cn.lianbao.process.VariableLimits;
import cn.lianbao.security.JsonAnswers;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.Principal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/demo/clock} (profile {@code demo} only; without it the path does not exist, 404):
 * {@code GET} reads the engine's time, {@code POST {"now": "2027-10-02T09:00:00+08:00"}} moves it
 * forward (ISO-8601 date-time with offset, in the years 2000–2100). Only {@code camunda-admin} may call it (see
 * {@code WebSecurityConfiguration}); a malformed or backward {@code now} is refused with 400.
 */
@RestController
@Profile("demo")
@RequestMapping(path = "/api/demo/clock", produces = MediaType.APPLICATION_JSON_VALUE)
public class RehearsalClockController {

  static final String NOW = "now";

  private final RehearsalClock clock;

  public RehearsalClockController(RehearsalClock clock) {
    this.clock = clock;
  }

  @GetMapping
  public Reading read() {
    return clock.read();
  }

  @PostMapping
  public ResponseEntity<?> move(@RequestBody(required = false) JsonNode body, Principal user) {
    JsonNode now = body == null ? null : body.get(NOW);
    if (now == null || now.isNull() || !now.isTextual() || now.asText().isBlank()) {
      return refused("缺少 now：请给出要拨到的时间，如 {\"now\": \"2027-10-02T09:00:00+08:00\"}。"
          + " / now is missing: give the time to move to, e.g. {\"now\": \"2027-10-02T09:00:00+08:00\"}.");
    }
    OffsetDateTime target;
    try {
      target = OffsetDateTime.parse(now.asText());
    } catch (DateTimeParseException e) {
      return refused("now 的格式不对：「" + now.asText() + "」，应为带时区偏移的 ISO-8601 时间，如 2027-10-02T09:00:00+08:00。"
          + " / now is malformed: \"" + now.asText() + "\"; expected an ISO-8601 date-time with offset,"
          + " e.g. 2027-10-02T09:00:00+08:00.");
    }
    if (target.getYear() < VariableLimits.FIRST_YEAR || target.getYear() > VariableLimits.LAST_YEAR) {
      return refused("now 超出允许范围：须在 " + VariableLimits.FIRST_YEAR + " 年至 " + VariableLimits.LAST_YEAR
          + " 年之间，收到「" + now.asText() + "」。 / now is out of range: it must lie in the years "
          + VariableLimits.FIRST_YEAR + "-" + VariableLimits.LAST_YEAR + ".");
    }
    try {
      return ResponseEntity.ok(clock.moveTo(target.toInstant(), user == null ? "?" : user.getName()));
    } catch (RehearsalClock.BackwardsException e) {
      return refused(e.getMessage());
    }
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  public ResponseEntity<?> unreadable(HttpMessageNotReadableException e) {
    return refused("请求体不是 JSON，应为 {\"now\": \"2027-10-02T09:00:00+08:00\"}。"
        + " / The body is not JSON; expected {\"now\": \"2027-10-02T09:00:00+08:00\"}.");
  }

  private static ResponseEntity<Map<String, String>> refused(String message) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("type", JsonAnswers.type(HttpStatus.BAD_REQUEST.value()), "message", message));
  }
}
