package cn.lianbao.notice;

import cn.lianbao.calendar.PlanCalendar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The Chinese text of every {@link NoticeStep}: {@code notices/<step.template()>.txt}, the first line
 * the subject, the rest the body, {@code ${name}} filled from the model. All are read at start-up: a
 * missing template stops the start.
 */
@Component
public class NoticeTemplates {

  private static final Logger LOG = LoggerFactory.getLogger(NoticeTemplates.class);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

  /** A notice as it is sent. */
  public record Text(String subject, String body) {}

  private final Map<NoticeStep, String> templates = new EnumMap<>(NoticeStep.class);
  private final PlanCalendar calendar;

  public NoticeTemplates(PlanCalendar calendar) {
    this.calendar = calendar;
    for (NoticeStep step : NoticeStep.values()) {
      String file = "notices/" + step.template() + ".txt";
      try (InputStream in = new ClassPathResource(file).getInputStream()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        if (text.indexOf('\n') < 1) {
          throw new IllegalStateException("Notice template " + file + " needs a subject line and a body");
        }
        templates.put(step, text);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the notice template " + file, e);
      }
    }
  }

  /** The step's subject and body with the model's values in place of their names. */
  public Text render(NoticeStep step, Map<String, ?> model) {
    String text = templates.get(step);
    int end = text.indexOf('\n');
    String subject = fill(step, text.substring(0, end), model).replaceAll("\\s+", " ").strip();
    String body = fill(step, text.substring(end + 1), model).strip() + "\n";
    return new Text(subject, body);
  }

  private String fill(NoticeStep step, String text, Map<String, ?> model) {
    Matcher placeholder = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (placeholder.find()) {
      Object value = model.get(placeholder.group(1));
      if (value == null) {
        LOG.warn("Notice template {} names ${{}}, which the notice's model does not have", step.template(),
            placeholder.group(1));
      }
      placeholder.appendReplacement(out, Matcher.quoteReplacement(format(value)));
    }
    return placeholder.appendTail(out).toString();
  }

  /** Dates as days of the plan's zone ("2027年9月30日"), everything else as it prints. */
  private String format(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Date date) {
      return calendar.dayOf(date).format(DAY);
    }
    if (value instanceof LocalDate day) {
      return day.format(DAY);
    }
    return value.toString();
  }
}
