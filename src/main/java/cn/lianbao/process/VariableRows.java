package cn.lianbao.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Date;
import java.util.List;

/**
 * A variable's value from a row of Camunda's variable tables ({@code ACT_RU_VARIABLE}, {@code
 * ACT_HI_VARINST}), for the views that read many instances' variables in one statement instead of one
 * engine query per instance: dates, booleans, integers, strings, and the lists the processes store as
 * JSON. Any other type reads as {@code null}; nothing is deserialized but JSON into plain lists.
 */
public final class VariableRows {

  private static final ObjectMapper JSON = new ObjectMapper();

  private VariableRows() {}

  /**
   * The value of the row's variable; {@code typeColumn} names the column with the engine's type name
   * ({@code TYPE_} at runtime, {@code VAR_TYPE_} in history).
   */
  public static Object value(ResultSet row, String typeColumn) throws SQLException {
    String type = row.getString(typeColumn);
    if (type == null) {
      return null;
    }
    long number = row.getLong("LONG_");
    boolean missing = row.wasNull();
    return switch (type) {
      case "date" -> missing ? null : new Date(number);
      case "boolean" -> missing ? null : number != 0;
      case "integer", "long", "short" -> missing ? null : (int) number;
      case "string" -> row.getString("TEXT_");
      default -> {
        // lists are stored as JSON (Spin's "spin://application/json", or a JSON value)
        if (!type.startsWith("spin://") && !type.equals("object") && !type.equals("json")) {
          yield null;
        }
        byte[] bytes = row.getBytes("BYTES_");
        try {
          yield bytes == null ? null : JSON.readValue(new String(bytes, StandardCharsets.UTF_8), List.class);
        } catch (JsonProcessingException e) {
          yield null;
        }
      }
    };
  }
}
