package cn.lianbao.form;

import cn.lianbao.LianbaoProperties;
import cn.lianbao.process.InvalidInputException;
import cn.lianbao.process.VariableLimits;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.impl.value.FileValueImpl;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * Checks what a task holds when it completes against the fields of its form: required fields
 * present, values of the declared type and length, days written {@code yyyy-MM-dd}, documents
 * within the size limit and of an accepted kind. The same check applies to Tasklist's form submit
 * and to {@code /task/{id}/complete} of the REST API; a refusal names every field at fault.
 */
@Component
public class SubmitCheck {

  private final long uploadMaxBytes;

  public SubmitCheck(LianbaoProperties properties) {
    this.uploadMaxBytes = properties.uploadMaxSize().toBytes();
  }

  public void check(List<FormField> fields, VariableScope submitted) {
    List<String> problems = new ArrayList<>();
    String firstField = null;
    for (FormField field : fields) {
      if (field.readonly()) {
        continue;
      }
      String problem = problem(field, submitted.getVariableTyped(field.name()));
      if (problem != null) {
        problems.add(field.display() + problem);
        firstField = firstField == null ? field.name() : firstField;
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(firstField, String.join("；", problems));
    }
  }

  private String problem(FormField field, TypedValue typed) {
    Object value = typed == null ? null : typed.getValue();
    boolean file = "File".equalsIgnoreCase(field.type());
    if (value == null || (value instanceof String text && text.isBlank()) || noFileChosen(typed)) {
      return field.required() ? "为必填项" : null;
    }
    if (file) {
      return fileProblem(field, typed);
    }
    switch (field.type().toLowerCase(Locale.ROOT)) {
      case "string", "json" -> {
        if (!(value instanceof String text)) {
          return "应为文字";
        }
        if (field.maxLength() != null && text.length() > field.maxLength()) {
          return "不能超过 " + field.maxLength() + " 字";
        }
        if (field.day()) {
          LocalDate day;
          try {
            day = LocalDate.parse(text.trim());
          } catch (DateTimeParseException e) {
            return "应为日期，格式 yyyy-MM-dd（如 2021-06-30），收到“" + text + "”";
          }
          if (!VariableLimits.inRange(day)) {
            return "的日期须在 " + VariableLimits.FIRST_YEAR + " 年至 " + VariableLimits.LAST_YEAR + " 年之间，收到“" + text + "”";
          }
        }
        return null;
      }
      case "integer", "long", "short" -> {
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short)) {
          return "应为整数";
        }
        long number = ((Number) value).longValue();
        if (field.min() != null && number < field.min()) {
          return "不能小于 " + field.min();
        }
        if (field.max() != null && number > field.max()) {
          return "不能大于 " + field.max();
        }
        return null;
      }
      case "double" -> {
        return value instanceof Number ? null : "应为数字";
      }
      case "boolean" -> {
        return value instanceof Boolean ? null : "应为是或否";
      }
      case "date" -> {
        return value instanceof Date ? null : "应为日期时间";
      }
      default -> {
        return null;
      }
    }
  }

  /** Tasklist sends an empty, nameless file for an upload left empty: nothing was submitted. */
  private static boolean noFileChosen(TypedValue typed) {
    return typed instanceof FileValue document
        && (document.getFilename() == null || document.getFilename().isBlank())
        && (!(document instanceof FileValueImpl stored) || stored.getByteArray() == null
            || stored.getByteArray().length == 0);
  }

  private String fileProblem(FormField field, TypedValue typed) {
    if (!(typed instanceof FileValue document)) {
      return "应为上传的文件";
    }
    long size = document instanceof FileValueImpl stored && stored.getByteArray() != null
        ? stored.getByteArray().length : -1;
    if (size == 0) {
      return field.required() ? "为必填项（上传的文件是空的）" : "上传的文件是空的";
    }
    long limit = field.maxFileSize() == null ? uploadMaxBytes : Math.min(field.maxFileSize(), uploadMaxBytes);
    if (size > limit) {
      return "的文件不能超过 " + megabytes(limit) + " MB（收到 " + megabytes(size) + " MB）";
    }
    String name = document.getFilename() == null ? "" : document.getFilename().toLowerCase(Locale.ROOT);
    String ending = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
    if (!field.extensions().isEmpty() && !field.extensions().contains(ending)) {
      return "只接受 " + String.join("、", field.extensions()) + " 文件，收到“" + document.getFilename() + "”";
    }
    return null;
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / 1024.0).replace(".0", "");
  }
}
