package cn.lianbao.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * The database of a whole-application start test (surefire execution "startup"): an H2 file in the test's
 * data folder, or, with {@code -Dlianbao.test.db.url=jdbc:postgresql://host/db} (and
 * {@code -Dlianbao.test.db.user}, {@code -Dlianbao.test.db.password}), a fresh database of that PostgreSQL
 * server, named with the test's prefix and dropped by {@link #drop()}.
 */
public record StartupDatabase(String url, String driver, String user, String password, String server, String name) {

  public static StartupDatabase fresh(Path dataDir, String prefix) throws SQLException {
    String postgres = System.getProperty("lianbao.test.db.url", "");
    if (!postgres.startsWith("jdbc:postgresql:")) {
      return new StartupDatabase("jdbc:h2:file:" + dataDir.resolve("lianbao") + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=30000",
          "org.h2.Driver", "sa", "", null, null);
    }
    String user = System.getProperty("lianbao.test.db.user", "postgres");
    String password = System.getProperty("lianbao.test.db.password", "");
    String server = postgres.substring(0, postgres.lastIndexOf('/'));
    String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = DriverManager.getConnection(server + "/postgres", user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return new StartupDatabase(server + "/" + name, "org.postgresql.Driver", user, password, server, name);
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /** The arguments that point the application at this database (none for the data folder's H2 file). */
  public List<String> applicationArguments() {
    return server == null ? List.of() : List.of(
        "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
        "--spring.datasource.password=" + password);
  }

  public void drop() throws SQLException {
    if (server == null) {
      return;
    }
    try (Connection connection = DriverManager.getConnection(server + "/postgres", user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
