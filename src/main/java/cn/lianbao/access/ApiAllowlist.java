package cn.lianbao.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.core.io.Resource;

/**
 * Which resources of the REST API ({@code /engine-rest/**}) and the webapps' API
 * ({@code /camunda/api/**}) each role may reach: the rows of {@code security/api-allowlist.csv}.
 *
 * <p>A row is {@code role,method,path,reason}. The role is {@code officer}, {@code leader} or
 * {@code supervisor} ({@link Role}); the method an HTTP method ({@code GET} also allows {@code HEAD});
 * the path the request's whole path without its query string, where a segment in braces
 * ({@code {id}}) stands for any one segment and a last segment {@code **} for any rest.
 * Blank lines and lines starting with {@code #} are comments. A malformed row stops the start,
 * naming the line.
 */
public final class ApiAllowlist {

  /** Who a row is for, from the user's groups (see {@link ApiAllowlistFilter}). */
  public enum Role {
    /** A member of an agency's group: every officer, and every leader too. */
    officer,
    /** A member of an agency's leaders group ({@code <agency>-leaders}). */
    leader,
    /** A member of {@code supervisors}. */
    supervisor
  }

  /** One row of the file. */
  public record Entry(Role role, String method, String path, String reason, int line) {

    boolean matches(String requestMethod, String requestPath) {
      String m = "HEAD".equals(requestMethod) ? "GET" : requestMethod;
      return method.equals(m) && pathMatches(path, requestPath);
    }
  }

  private final List<Entry> entries;

  private ApiAllowlist(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** Whether one of the roles may send this method to this path. */
  public boolean allows(Collection<Role> roles, String method, String path) {
    return entries.stream().anyMatch(entry -> roles.contains(entry.role()) && entry.matches(method, path));
  }

  /** A pattern of the file against a request's path, segment by segment. */
  static boolean pathMatches(String pattern, String path) {
    String[] want = pattern.split("/", -1);
    String[] have = path.split("/", -1);
    for (int i = 0; i < want.length; i++) {
      if (want[i].equals("**") && i == want.length - 1) {
        return have.length > i && !have[i].isEmpty();
      }
      if (i >= have.length) {
        return false;
      }
      boolean placeholder = want[i].length() > 2 && want[i].startsWith("{") && want[i].endsWith("}");
      if (placeholder ? have[i].isEmpty() : !want[i].equals(have[i])) {
        return false;
      }
    }
    return want.length == have.length;
  }

  public static ApiAllowlist read(Resource file) {
    try (InputStream in = file.getInputStream()) {
      return read(in, file.getDescription());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the API allowlist " + file.getDescription(), e);
    }
  }

  static ApiAllowlist read(InputStream in, String name) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Set<String> methods = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String text;
    int line = 0;
    boolean header = true;
    while ((text = reader.readLine()) != null) {
      line++;
      String row = text.strip();
      if (row.isEmpty() || row.startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        if (row.equals("role,method,path,reason")) {
          continue;
        }
        throw new IllegalStateException(name + ", line " + line + ": the first row must be role,method,path,reason");
      }
      String[] cells = row.split(",", 4);
      if (cells.length < 4 || cells[3].isBlank()) {
        throw new IllegalStateException(name + ", line " + line + ": a row is role,method,path,reason: " + row);
      }
      Role role;
      try {
        role = Role.valueOf(cells[0].strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(name + ", line " + line + ": unknown role " + cells[0].strip()
            + " (officer, leader, supervisor)");
      }
      String method = cells[1].strip();
      if (!methods.contains(method)) {
        throw new IllegalStateException(name + ", line " + line + ": unknown method " + method);
      }
      String path = cells[2].strip();
      if (!path.startsWith("/engine-rest/") && !path.startsWith("/camunda/api/")) {
        throw new IllegalStateException(name + ", line " + line
            + ": a path starts with /engine-rest/ or /camunda/api/: " + path);
      }
      entries.add(new Entry(role, method, path, cells[3].strip(), line));
    }
    return new ApiAllowlist(entries);
  }
}
