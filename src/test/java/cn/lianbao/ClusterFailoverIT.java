package cn.lianbao;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.support.RunningJar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of the packaged jar on one fresh PostgreSQL database (README: 集群 / clusters), one of them
 * killed with SIGKILL while the deadlines of a whole plan year escalate. A webapp login made on one node
 * holds on the other (the sessions live in the database).
 *
 * <p>The plan year is 2021, whose deadlines (and the second escalation level, 15 days after each) passed
 * long ago in real time: both nodes run on the real clock, no rehearsal clock is moved, and every
 * milestone escalates as soon as it opens. Not part of {@code ./mvnw verify} (H2); {@code .ci/run} runs it
 * on PostgreSQL after the jar is packaged:
 * {@code ./mvnw test-compile failsafe:integration-test failsafe:verify -Dit.test=ClusterFailoverIT
 * -Dlianbao.test.db.url=jdbc:postgresql://127.0.0.1:5432/postgres -Dlianbao.test.db.user=postgres}. The test
 * creates its own database there and drops it.
 */
class ClusterFailoverIT {

  private static final String PASSWORD = "Lianbao@2021";
  private static final int YEAR = 2021;
  /** A short job lock time, so that the dead node's jobs come free soon. */
  private static final Duration LOCK_TIME = Duration.ofSeconds(20);
  /** Time for the survivor to notice free jobs (its idle poll is at most 4 s) and to run them. */
  private static final Duration TAKEOVER_MARGIN = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path sharedDataDir;

  private final String adminUrl = System.getProperty("lianbao.test.db.url", "");
  private final String dbUser = System.getProperty("lianbao.test.db.user", "postgres");
  private final String dbPassword = System.getProperty("lianbao.test.db.password", "");
  private final String database = "lianbao_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private String databaseUrl;
  private GreenMail smtp;
  private final List<Node> nodes = new ArrayList<>();
  private Connection shared;

  @BeforeEach
  void freshDatabaseAndMailServer() throws SQLException {
    assertThat(adminUrl).as("-Dlianbao.test.db.url: a PostgreSQL server's maintenance database, e.g."
        + " jdbc:postgresql://127.0.0.1:5432/postgres").startsWith("jdbc:postgresql:");
    try (Connection admin = DriverManager.getConnection(adminUrl, dbUser, dbPassword);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
    databaseUrl = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
    smtp = new GreenMail(new ServerSetup(RunningJar.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterEach
  void stopAndDrop() throws SQLException {
    nodes.forEach(Node::close);
    if (shared != null) {
      shared.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
    try (Connection admin = DriverManager.getConnection(adminUrl, dbUser, dbPassword);
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  @Test
  void aLoginHoldsOnBothNodesAndTheSurvivorFinishesTheEscalationOfAKilledNode() throws Exception {
    Instant begin = Instant.now();
    // the first node alone creates the schema and deploys; the second starts once that is done
    Node a = new Node("node-a", sharedDataDir);
    nodes.add(a);
    await("node A created the schema and deployed (log: " + a.log + ")", Duration.ofSeconds(240), a,
        () -> deployed());
    Node b = new Node("node-b", sharedDataDir);
    nodes.add(b);
    a.awaitHealthy();
    b.awaitHealthy();
    System.out.printf("cluster: both nodes up after %d s%n", Duration.between(begin, Instant.now()).toSeconds());

    aWebappLoginOnOneNodeHoldsOnTheOther(a, b);

    HttpResponse<String> started = a.post("supervisor", "/engine-rest/process-definition/key/annual-plan/start",
        Map.of("businessKey", String.valueOf(YEAR), "variables", Map.of(
            "planId", Map.of("value", "2021", "type", "String"),
            "year", Map.of("value", YEAR, "type", "Integer"))));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    Instant planStarted = Instant.now();

    // in the middle of the escalation: some milestones escalated, jobs due, and node A holding some of them
    await("node A holds jobs while the escalation runs", Duration.ofSeconds(120), b, () ->
        count("SELECT count(*) FROM ACT_RU_VARIABLE WHERE NAME_ = 'lateAgencies'") >= 5
            && count("SELECT count(*) FROM ACT_RU_JOB WHERE LOCK_OWNER_ LIKE 'node-a/%' AND LOCK_EXP_TIME_ > ?", now()) > 0);
    long escalatedAtKill = count("SELECT count(*) FROM ACT_RU_VARIABLE WHERE NAME_ = 'lateAgencies'");
    a.kill();
    Instant killed = Instant.now();
    Set<String> orphanedJobs = strings("SELECT ID_ FROM ACT_RU_JOB WHERE LOCK_OWNER_ LIKE 'node-a/%'");
    // notices node A was sending when it died: sent again once its claim runs out (at least once, README)
    Set<String> claimedByA = strings("SELECT ID_ FROM LIANBAO_OUTBOX WHERE STATE_ = 'PENDING' AND CLAIMED_BY_ LIKE ?",
        a.pid() + "@%");
    System.out.printf("cluster: node A killed %d s after the plan started, %d milestones escalated by then;"
            + " it held %d jobs and %d notices%n", Duration.between(planStarted, killed).toSeconds(), escalatedAtKill,
        orphanedJobs.size(), claimedByA.size());
    assertThat(orphanedJobs).as("node A held jobs when it was killed").isNotEmpty();

    // the survivor takes the dead node's jobs once their locks run out
    await("node B took over every job of node A", LOCK_TIME.plus(TAKEOVER_MARGIN), b, () ->
        count("SELECT count(*) FROM ACT_RU_JOB WHERE LOCK_OWNER_ LIKE 'node-a/%'") == 0);
    Duration takeover = Duration.between(killed, Instant.now());
    System.out.printf("cluster: takeover of node A's %d jobs took %.1f s (lock time %d s)%n", orphanedJobs.size(),
        takeover.toMillis() / 1000.0, LOCK_TIME.toSeconds());

    // and finishes the year: no job due or locked, every notice sent
    await("the escalation and its notices are done", Duration.ofSeconds(180), b, () ->
        count("SELECT count(*) FROM ACT_RU_JOB WHERE SUSPENSION_STATE_ = 1 AND RETRIES_ > 0"
            + " AND (DUEDATE_ IS NULL OR DUEDATE_ <= ?)", now()) == 0
            && count("SELECT count(*) FROM ACT_RU_JOB WHERE LOCK_OWNER_ IS NOT NULL") == 0
            && count("SELECT count(*) FROM LIANBAO_OUTBOX WHERE STATE_ <> 'SENT'") == 0);
    System.out.printf("cluster: the year done %d s after the plan started (whole test so far %d s)%n",
        Duration.between(planStarted, Instant.now()).toSeconds(), Duration.between(begin, Instant.now()).toSeconds());

    everyOverdueMilestoneHasOneEscalationPerLateAgency();
    noJobStuckOrFailedAndNoIncident();
    theDeadNodesJobsRanOnTheSurvivor(orphanedJobs);
    everyNoticeWentOutOnce(claimedByA);
    assertThat(b.running.isAlive()).as("node B still runs").isTrue();
  }

  private void aWebappLoginOnOneNodeHoldsOnTheOther(Node a, Node b) throws IOException, InterruptedException {
    HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Map<String, String> cookies = new HashMap<>();
    // the page gives the CSRF cookie, the login form sends it back as the webapps' script does
    remember(cookies, browser.send(HttpRequest.newBuilder(URI.create(a.base + "/camunda/app/tasklist/default/"))
        .GET().build(), HttpResponse.BodyHandlers.discarding()));
    String form = "username=qingpu-gov-officer&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
            URI.create(a.base + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", cookieHeader(cookies))
        .header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"))
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as("login on node A: " + login.body()).isEqualTo(200);
    remember(cookies, login);
    // the login begins a new session, whose CSRF token the next page load gives
    remember(cookies, browser.send(HttpRequest.newBuilder(URI.create(a.base + "/camunda/app/tasklist/default/"))
        .header("Cookie", cookieHeader(cookies)).GET().build(), HttpResponse.BodyHandlers.discarding()));
    assertThat(cookies).containsKeys("JSESSIONID", "XSRF-TOKEN");

    String count = "/camunda/api/engine/engine/default/task/count";
    HttpResponse<String> onB = browser.send(HttpRequest.newBuilder(URI.create(b.base + count))
        .header("Accept", "application/json").header("Cookie", cookieHeader(cookies))
        .header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(onB.statusCode()).as("node B knows node A's login: " + onB.body()).isEqualTo(200);
    assertThat(JSON.readTree(onB.body()).has("count")).isTrue();
    HttpResponse<String> anonymous = browser.send(HttpRequest.newBuilder(URI.create(b.base + count))
        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).as("node B without the session cookie").isEqualTo(401);

    // node B checks the CSRF token of node A's session: Tasklist's filter count, a POST
    HttpResponse<String> filters = browser.send(HttpRequest.newBuilder(
            URI.create(b.base + "/camunda/api/engine/engine/default/filter?resourceType=Task"))
        .header("Accept", "application/json").header("Cookie", cookieHeader(cookies)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(filters.statusCode()).as(filters.body()).isEqualTo(200);
    String filterCount = "/camunda/api/engine/engine/default/filter/" + JSON.readTree(filters.body()).get(0).path("id").asText()
        + "/count";
    HttpResponse<String> withToken = browser.send(HttpRequest.newBuilder(URI.create(b.base + filterCount))
        .header("Accept", "application/json").header("Content-Type", "application/json")
        .header("Cookie", cookieHeader(cookies)).header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(withToken.statusCode()).as("a POST on node B with node A's CSRF token: " + withToken.body()).isEqualTo(200);
    HttpResponse<String> withoutToken = browser.send(HttpRequest.newBuilder(URI.create(b.base + filterCount))
        .header("Accept", "application/json").header("Content-Type", "application/json")
        .header("Cookie", cookieHeader(cookies)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(withoutToken.statusCode()).as("a POST without the CSRF token (Camunda then ends the session)").isEqualTo(403);
  }

  private void everyOverdueMilestoneHasOneEscalationPerLateAgency() throws SQLException, IOException {
    Set<String> milestones = strings("SELECT e.ID_ FROM ACT_RU_EXECUTION e JOIN ACT_RE_PROCDEF d ON d.ID_ = e.PROC_DEF_ID_"
        + " WHERE d.KEY_ = 'plan-milestone' AND e.ID_ = e.PROC_INST_ID_");
    Map<String, List<String>> expected = new TreeMap<>();
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT v.PROC_INST_ID_, b.BYTES_ FROM ACT_RU_VARIABLE v"
            + " JOIN ACT_GE_BYTEARRAY b ON b.ID_ = v.BYTEARRAY_ID_ WHERE v.NAME_ = 'lateAgencies'")) {
      while (rows.next()) {
        List<String> leaders = new ArrayList<>();
        JSON.readTree(rows.getBytes(2)).forEach(agency -> leaders.add(agency.asText() + "-leaders"));
        leaders.sort(null);
        assertThat(expected.put(rows.getString(1), leaders)).as("one lateAgencies per milestone").isNull();
      }
    }
    Map<String, List<String>> issued = new TreeMap<>();
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT t.PROC_INST_ID_, l.GROUP_ID_ FROM ACT_RU_TASK t"
            + " JOIN ACT_RU_IDENTITYLINK l ON l.TASK_ID_ = t.ID_"
            + " WHERE t.TASK_DEF_KEY_ = 'userTask_explainDelay' AND l.TYPE_ = 'candidate' AND l.GROUP_ID_ IS NOT NULL")) {
      while (rows.next()) {
        issued.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(rows.getString(2));
      }
    }
    issued.values().forEach(groups -> groups.sort(null));
    System.out.printf("cluster: %d milestones, %d escalated, %d 督办单%n", milestones.size(), expected.size(),
        issued.values().stream().mapToInt(List::size).sum());
    assertThat(milestones).as("the year's milestones").hasSizeBetween(50, 400);
    assertThat(expected.keySet()).as("every milestone is overdue and escalated").isEqualTo(milestones);
    assertThat(expected.values()).allSatisfy(leaders -> assertThat(leaders).isNotEmpty().doesNotHaveDuplicates());
    assertThat(issued).as("one 督办单 per late agency of each milestone").isEqualTo(expected);
    assertThat(count("SELECT count(*) FROM ACT_HI_TASKINST WHERE TASK_DEF_KEY_ = 'userTask_explainDelay'"))
        .as("no 督办单 made twice and taken back").isEqualTo(issued.values().stream().mapToInt(List::size).sum());
  }

  private void noJobStuckOrFailedAndNoIncident() throws SQLException {
    assertThat(count("SELECT count(*) FROM ACT_RU_JOB WHERE EXCEPTION_MSG_ IS NOT NULL OR EXCEPTION_STACK_ID_ IS NOT NULL"))
        .as("failed jobs").isZero();
    assertThat(count("SELECT count(*) FROM ACT_RU_JOB WHERE LOCK_OWNER_ IS NOT NULL AND LOCK_EXP_TIME_ < ?", now()))
        .as("jobs locked past their lock time").isZero();
    assertThat(count("SELECT count(*) FROM ACT_RU_INCIDENT")).as("incidents").isZero();
    System.out.printf("cluster: %d failed attempts in the job log (OptimisticLockingException between nodes included)%n",
        count("SELECT count(*) FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 1"));
  }

  private void theDeadNodesJobsRanOnTheSurvivor(Set<String> orphanedJobs) throws SQLException {
    Map<String, Long> byHost = new TreeMap<>();
    for (String job : orphanedJobs) {
      try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
          "SELECT HOSTNAME_, JOB_STATE_ FROM ACT_HI_JOB_LOG WHERE JOB_ID_ = ? AND JOB_STATE_ IN (2, 3)")) {
        query.setString(1, job);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            byHost.merge(rows.getString(1) + (rows.getInt(2) == 2 ? " ran" : " deleted"), 1L, Long::sum);
          }
        }
      }
    }
    System.out.printf("cluster: the dead node's jobs afterwards: %s%n", byHost);
    assertThat(count("SELECT count(*) FROM ACT_RU_JOB WHERE ID_ IN (" + String.join(",",
        orphanedJobs.stream().map(id -> "'" + id + "'").toList()) + ") AND (DUEDATE_ IS NULL OR DUEDATE_ <= ?)", now()))
        .as("none of node A's jobs is left").isZero();
    assertThat(byHost).as("node B ran node A's jobs").containsKey("node-b ran");
  }

  private void everyNoticeWentOutOnce(Set<String> claimedByA) throws SQLException, MessagingException {
    Set<String> notices = strings("SELECT ID_ FROM LIANBAO_OUTBOX");
    Map<String, Integer> mails = new HashMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      String[] id = message.getHeader("X-Lianbao-Notice");
      assertThat(id).as("a notice's mail").isNotNull().hasSize(1);
      mails.merge(id[0], 1, Integer::sum);
    }
    long twice = mails.entrySet().stream().filter(mail -> mail.getValue() > 1).count();
    System.out.printf("cluster: %d notices, %d mails, %d notices mailed twice (node A was sending %d)%n",
        notices.size(), mails.values().stream().mapToInt(Integer::intValue).sum(), twice, claimedByA.size());
    assertThat(notices).as("the escalation's notices").isNotEmpty();
    assertThat(mails.keySet()).as("every notice mailed").isEqualTo(notices);
    mails.forEach((id, times) -> assertThat(times)
        .as("mails of notice %s (node A was sending it when killed: %s)", id, claimedByA.contains(id))
        .isBetween(1, claimedByA.contains(id) ? 2 : 1));
  }

  // --- the nodes

  private boolean deployed() {
    try {
      return count("SELECT count(*) FROM ACT_RE_DEPLOYMENT WHERE NAME_ = 'lianbao'") > 0;
    } catch (SQLException noTablesYet) {
      return false;
    }
  }

  /** One node: the packaged jar in a process of its own, demo profile on PostgreSQL. */
  private final class Node implements AutoCloseable {

    final RunningJar running;
    final String base;
    final Path log;

    Node(String name, Path dataDir) throws IOException {
      running = RunningJar.start("cluster-" + name,
          // C1 only: a short life, started quickly
          List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"), RunningJar.packagedJar(), List.of(
          "--spring.profiles.active=demo,postgres", "--lianbao.data-dir=" + dataDir,
          "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.getSmtp().getPort(),
          "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME.toMillis(),
          "--camunda.bpm.generic-properties.properties.hostname=" + name,
          // a dead node's notices are sent by another once its claim runs out; every node looks every 5 s
          "--lianbao.notice.claim-time=20s", "--lianbao.notice.send-interval=5s",
          // two nodes' pools within a shared server's max_connections (100 by default): 8 job threads and
          // 4 web threads need fewer than 14 connections each (README: 集群 / clusters)
          "--server.tomcat.threads.max=4", "--spring.datasource.hikari.minimum-idle=2"),
          Map.of("LIANBAO_DB_URL", databaseUrl, "LIANBAO_DB_USER", dbUser, "LIANBAO_DB_PASSWORD", dbPassword,
              "LIANBAO_DB_POOL_SIZE", "14"));
      base = running.base();
      log = running.log();
    }

    long pid() {
      return running.pid();
    }

    void awaitHealthy() {
      running.awaitHealthy(Duration.ofSeconds(240));
    }

    HttpResponse<String> post(String user, String path, Object body) throws IOException, InterruptedException {
      return running.http().send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
          .header("Accept", "application/json").header("Content-Type", "application/json")
          .header("Authorization", "Basic " + Base64.getEncoder()
              .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    void kill() throws InterruptedException {
      running.kill();
    }

    @Override
    public void close() {
      running.close();
    }
  }

  // --- helpers

  private interface Condition {
    boolean holds() throws SQLException, IOException;
  }

  /** Polls {@code condition} every 500 ms until it holds; fails after {@code timeout} or when {@code node} dies. */
  private static void await(String what, Duration timeout, Node node, Condition condition) throws SQLException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      assertThat(node.running.isAlive()).as("%s: the node runs (log: %s)", what, node.log).isTrue();
      try {
        if (condition.holds()) {
          return;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(what + ": not within " + timeout.toSeconds() + " s");
      }
      node.running.waitFor(500);
    }
  }

  /**
   * The test's one connection to the nodes' database, kept open: a shared server may have no connection
   * to spare later. Closed by the callers' try-with-resources only in appearance (see {@link #shared}).
   */
  private Connection connect() throws SQLException {
    if (shared == null || shared.isClosed()) {
      shared = DriverManager.getConnection(databaseUrl, dbUser, dbPassword);
    }
    return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
          if (method.getName().equals("close")) {
            return null;
          }
          try {
            return method.invoke(shared, arguments);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static Timestamp now() {
    return new Timestamp(System.currentTimeMillis());
  }

  private long count(String sql, Object... parameters) throws SQLException {
    try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        query.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private Set<String> strings(String sql, Object... parameters) throws SQLException {
    Set<String> values = new HashSet<>();
    try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        query.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
    }
    return values;
  }

  private static void remember(Map<String, String> cookies, HttpResponse<?> response) {
    for (String header : response.headers().allValues("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int equals = pair.indexOf('=');
      cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
    }
  }

  private static String cookieHeader(Map<String, String> cookies) {
    Map<String, String> ordered = new LinkedHashMap<>(cookies);
    return String.join("; ", ordered.entrySet().stream().map(cookie -> cookie.getKey() + "=" + cookie.getValue()).toList());
  }
}
