package cn.lianbao.process;

import cn.lianbao.LianbaoProperties;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.DateValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.FileValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.StringValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.impl.value.FileValueImpl;
import org.camunda.bpm.engine.variable.value.DateValue;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What the database can hold, checked where every variable is written (REST API, Tasklist, Java),
 * so that a value it cannot hold is refused with a message naming the variable (HTTP 400) instead
 * of failing when the transaction commits (HTTP 500):
 * <ul>
 *   <li>a String variable holds at most {@value #MAX_STRING} characters (its column);
 *   <li>dates, of Date variables and of tasks (due, follow-up), lie in the years
 *       {@value #FIRST_YEAR}–{@value #LAST_YEAR};
 *   <li>a document has a file name; control characters and folder parts are removed from it (the
 *       name becomes a download's header); it holds at most {@code lianbao.upload-max-size} bytes.
 * </ul>
 * An engine plugin for the variables' serializers; a rule of {@link TaskRules} for the tasks' dates.
 */
@Component
@Order(10)
public class VariableLimits extends AbstractProcessEnginePlugin implements TaskRule {

  public static final int MAX_STRING = 4000;
  public static final int FIRST_YEAR = 2000;
  public static final int LAST_YEAR = 2100;

  private final long uploadMaxBytes;
  private final ZoneId zone;

  public VariableLimits(LianbaoProperties properties) {
    this.uploadMaxBytes = properties.uploadMaxSize().toBytes();
    this.zone = properties.timeZone();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    @SuppressWarnings("rawtypes")
    List<TypedValueSerializer> serializers = configuration.getCustomPreVariableSerializers();
    if (serializers == null) {
      serializers = new ArrayList<>();
      configuration.setCustomPreVariableSerializers(serializers);
    }
    serializers.add(new LimitedStrings());
    serializers.add(new LimitedDates());
    serializers.add(new CheckedFiles());
  }

  @Override
  public void updated(DelegateTask task, TaskFacts facts) {
    checkDate("任务的截止日期", "due", task.getDueDate());
    checkDate("任务的跟进日期", "followUp", task.getFollowUpDate());
  }

  /** Whether {@code day} lies in the years a date may have. */
  public static boolean inRange(LocalDate day) {
    return day.getYear() >= FIRST_YEAR && day.getYear() <= LAST_YEAR;
  }

  void checkDate(String what, String field, Date date) {
    if (date != null && !inRange(date.toInstant().atZone(zone).toLocalDate())) {
      throw new InvalidInputException(field, what + "超出允许范围：日期须在 " + FIRST_YEAR + " 年至 " + LAST_YEAR
          + " 年之间（收到 " + date.toInstant().atZone(zone).toLocalDate() + "）");
    }
  }

  private static String variable(ValueFields fields) {
    return "变量 " + fields.getName();
  }

  /** Strings up to their column's length. */
  static final class LimitedStrings extends StringValueSerializer {
    @Override
    public void writeValue(StringValue value, ValueFields fields) {
      String text = value.getValue();
      if (text != null && text.length() > MAX_STRING) {
        throw new InvalidInputException(fields.getName(), variable(fields) + " 的文字不能超过 " + MAX_STRING
            + " 字（收到 " + text.length() + " 字）");
      }
      super.writeValue(value, fields);
    }
  }

  /** Dates in the years Lianbao plans for. */
  final class LimitedDates extends DateValueSerializer {
    @Override
    public void writeValue(DateValue value, ValueFields fields) {
      checkDate(variable(fields) + " 的日期", fields.getName(), value.getValue());
      super.writeValue(value, fields);
    }
  }

  /** Documents with a clean name, within the size limit. */
  final class CheckedFiles extends FileValueSerializer {
    @Override
    public void writeValue(FileValue value, ValueFields fields) {
      byte[] bytes = value instanceof FileValueImpl stored ? stored.getByteArray() : null;
      boolean empty = bytes == null || bytes.length == 0;
      String name = value.getFilename() == null ? "" : cleanFileName(value.getFilename());
      if (name.isEmpty() && !empty) {
        throw new InvalidInputException(fields.getName(), variable(fields) + " 的文件缺少文件名（valueInfo.filename）");
      }
      if (bytes != null && bytes.length > uploadMaxBytes) {
        throw new InvalidInputException(fields.getName(), variable(fields) + " 的文件不能超过 "
            + megabytes(uploadMaxBytes) + " MB（" + uploadMaxBytes + " 字节），收到 " + bytes.length + " 字节");
      }
      super.writeValue(value, fields);
      if (!name.isEmpty()) {
        fields.setTextValue(name);
      }
    }
  }

  /**
   * The name of an uploaded document as it is kept: the last part of a path, without control
   * characters (a line break in a name would break its download header for good), and not a name
   * of dots only.
   */
  public static String cleanFileName(String name) {
    String cleaned = name.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]", "");
    int slash = Math.max(cleaned.lastIndexOf('/'), cleaned.lastIndexOf('\\'));
    cleaned = cleaned.substring(slash + 1).strip();
    return cleaned.replace(".", "").isEmpty() ? "" : cleaned;
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / 1024.0).replace(".0", "");
  }
}
