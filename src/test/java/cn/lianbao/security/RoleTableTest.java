package cn.lianbao.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.security.RoleMatrixTest.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's role tables (Chinese and English) say what the role-matrix test checks, cell by cell. */
class RoleTableTest {

  @Test
  void bothReadmeTablesAgreeWithTheTestedTable() throws IOException {
    List<String> readme = Files.readAllLines(Path.of("README.md"));
    int english = readme.indexOf("## English");
    assertThat(english).as("the README's English section").isPositive();
    Map<String, Map<String, String>> tested = new LinkedHashMap<>();
    for (Row row : RoleMatrixTest.readTable()) {
      tested.putIfAbsent(kind(row.user()), row.rules());
      assertThat(row.rules()).as("every " + kind(row.user()) + " has the same rules: " + row.user())
          .isEqualTo(tested.get(kind(row.user())));
    }
    for (String anonymous : List.of("匿名", "anonymous")) {
      List<String> section = anonymous.equals("匿名") ? readme.subList(0, english) : readme.subList(english, readme.size());
      Map<String, Map<String, String>> documented = new LinkedHashMap<>();
      for (String line : section) {
        List<String> cells = cells(line);
        if (cells.size() != 17 || !(cells.get(0).startsWith("`") || cells.get(0).equals(anonymous))) {
          continue;
        }
        String user = cells.get(0).replace("`", "");
        Map<String, String> rules = new LinkedHashMap<>();
        List<String> operations = new ArrayList<>(tested.values().iterator().next().keySet());
        for (int i = 0; i < operations.size(); i++) {
          rules.put(operations.get(i), cells.get(i + 1));
        }
        documented.put(kind(user.equals(anonymous) ? "anonymous" : user), rules);
      }
      assertThat(documented).as("the README's table (" + anonymous + ")").isEqualTo(tested);
    }
  }

  private static String kind(String user) {
    return user.endsWith("-officer") ? "officer" : user.endsWith("-leader") ? "leader" : user;
  }

  private static List<String> cells(String line) {
    if (!line.startsWith("|")) {
      return List.of();
    }
    List<String> cells = new ArrayList<>();
    for (String cell : line.substring(1).split("\\|")) {
      cells.add(cell.trim());
    }
    return cells;
  }
}
