package cn.lianbao.form;

import java.util.List;

/**
 * One input of an embedded form, as the form declares it: what the server checks a submit against.
 *
 * @param name the process variable ({@code cam-variable-name})
 * @param type its Camunda type ({@code cam-variable-type}: String, Integer, Long, Double, Boolean, Date, File, Json)
 * @param label the text of its {@code <label>}, for messages
 * @param required the HTML {@code required} attribute (never on a read-only field)
 * @param maxLength the HTML {@code maxlength}, or null
 * @param day an {@code <input type="date">}: a day written {@code yyyy-MM-dd}
 * @param min the HTML {@code min} of a number, or null
 * @param max the HTML {@code max} of a number, or null
 * @param maxFileSize {@code cam-max-filesize} in bytes, or null
 * @param extensions the file endings of {@code accept}, lower case without dot; empty accepts any
 * @param readonly shown only ({@code readonly} or {@code disabled}): the task does not set it
 */
public record FormField(String name, String type, String label, boolean required, Integer maxLength, boolean day,
    Long min, Long max, Long maxFileSize, List<String> extensions, boolean readonly) {

  /** "字段 name（label）", the way every message names a field. */
  public String display() {
    return "字段 " + name + (label == null || label.isBlank() ? "" : "（" + label + "）");
  }
}
