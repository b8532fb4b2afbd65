package cn.lianbao;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.support.RunningJar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar operators run, started as the README says ({@code java -jar target/lianbao-….jar}) in a
 * process of its own, and looked at only over HTTP. Run by {@code ./mvnw verify} (Maven Failsafe,
 * after the jar is packaged); needs nothing but Java 17.
 */
class PackagedJarIT {

  private static final String PASSWORD = "Lianbao@2021";
  private static final String OFFICER = "suzhou-gov-officer";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  @Test
  void theJarDeploysUnderFolderNamesShowsItsFormsAndAnOfficerCompletesADraftWithItsFile() throws Exception {
    try (App app = App.jar(dataDir, "jar-first")) {
      assertThat(app.deploymentResources()).as("resources under their folder names")
          .contains("processes/annual-plan.bpmn", "processes/outcome-document.bpmn",
              "forms/annual-plan-start.html", "forms/outcome-document-draft.html")
          .allMatch(name -> name.matches("(processes/[^/]+\\.bpmn|forms/[^/]+\\.html)"));

      HttpResponse<String> startForm = app.get("supervisor",
          "/engine-rest/process-definition/key/annual-plan/deployed-start-form");
      assertThat(startForm.statusCode()).isEqualTo(200);
      assertThat(startForm.body()).contains("annualPlanStartForm", "实施年度");

      app.startPlan("supervisor", 2027);
      String task = app.draftTaskOf(OFFICER);
      HttpResponse<String> form = app.get(OFFICER, "/engine-rest/task/" + task + "/deployed-form");
      assertThat(form.statusCode()).as("the officer's task shows its form").isEqualTo(200);
      assertThat(form.body()).contains("outcomeDocumentDraftForm", "初稿");

      assertThat(app.post(OFFICER, "/engine-rest/task/" + task + "/claim", Map.of("userId", OFFICER)).statusCode())
          .isEqualTo(204);
      HttpResponse<String> done = app.post(OFFICER, "/engine-rest/task/" + task + "/submit-form", Map.of("variables",
          Map.of("draftDocument", file("排口清单初稿.docx", "初稿内容".getBytes(StandardCharsets.UTF_8)),
              "draftExplanation", Map.of("value", "按计划起草", "type", "String"))));
      assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
      assertThat(app.get(OFFICER, "/engine-rest/task/" + task).statusCode()).as("the draft is done").isEqualTo(404);

      JsonNode health = JSON.readTree(app.get(null, "/actuator/health").body());
      assertThat(health.path("status").asText()).isEqualTo("UP");
      long deployments = app.deploymentCount();
      app.stopCleanly();

      try (App classes = App.classes(dataDir, "classes-second")) {
        assertThat(classes.deploymentCount()).as("started from target/classes on the same data folder: no new deployment")
            .isEqualTo(deployments);
      }
    }
  }

  @Test
  void aDataFolderWrittenByTheOldJarIsRepairedOnTheNextStart() throws Exception {
    String task;
    try (App app = App.jar(dataDir, "repair-first")) {
      app.deployAsTheOldJarDid();
      // the administrator: on the misnamed deployment no start form can be read to check a supervisor's start
      app.startPlan("admin", 2027);
      task = app.draftTaskOf(OFFICER);
      assertThat(app.get(OFFICER, "/engine-rest/task/" + task + "/deployed-form").statusCode())
          .as("on the misnamed deployment the form is missing, as in the 0.1 jar").isEqualTo(404);
      app.stopCleanly();
    }
    try (App app = App.jar(dataDir, "repair-second")) {
      assertThat(app.latestDefinitions()).as("a correctly named deployment supersedes the old one")
          .allSatisfy(definition -> assertThat(definition.path("resource").asText()).startsWith("processes/"));
      for (JsonNode instance : app.adminList("/engine-rest/process-instance")) {
        JsonNode definition = JSON.readTree(app.get("admin",
            "/engine-rest/process-definition/" + instance.path("definitionId").asText()).body());
        assertThat(definition.path("resource").asText()).as("instance %s migrated", instance.path("id").asText())
            .startsWith("processes/");
      }
      HttpResponse<String> form = app.get(OFFICER, "/engine-rest/task/" + task + "/deployed-form");
      assertThat(form.statusCode()).as("the same task shows its form again").isEqualTo(200);
      assertThat(form.body()).contains("outcomeDocumentDraftForm");
      app.stopCleanly();
    }
  }

  private static Map<String, Object> file(String name, byte[] content) {
    return Map.of("value", Base64.getEncoder().encodeToString(content), "type", "File",
        "valueInfo", Map.of("filename", name, "mimetype",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
  }

  /** The application in a process of its own, on a free port, in demo mode. */
  private static final class App implements AutoCloseable {

    private final RunningJar running;
    private final String base;
    private final HttpClient http;

    static App jar(Path dataDir, String name) throws IOException {
      return new App(RunningJar.packagedJar(), dataDir, name);
    }

    /** As {@code ./mvnw spring-boot:run} starts it: from target/classes and the dependency jars. */
    static App classes(Path dataDir, String name) throws IOException {
      return new App(List.of("-cp", System.getProperty("java.class.path"), LianbaoApplication.class.getName()),
          dataDir, name);
    }

    private App(List<String> launch, Path dataDir, String name) throws IOException {
      running = RunningJar.start(name, List.of("-Xmx768m"), launch, List.of("--spring.profiles.active=demo",
          "--lianbao.data-dir=" + dataDir, "--spring.mail.host=127.0.0.1",
          "--spring.mail.port=" + RunningJar.freePort()), Map.of());
      base = running.base();
      http = running.http();
      try {
        running.awaitHealthy(Duration.ofSeconds(240));
      } catch (RuntimeException | AssertionError notHealthy) {
        // no try-with-resources closes an App that was never made: stop the process here, or it outlives the build
        close();
        throw notHealthy;
      }
    }

    HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
      return http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String user, String path, Object body) throws IOException, InterruptedException {
      return http.send(request(user, path).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String user, String path) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
          .header("Accept", "application/json, text/html");
      if (user != null) {
        request.header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
      }
      return request;
    }

    JsonNode adminList(String path) throws IOException, InterruptedException {
      HttpResponse<String> response = get("admin", path);
      assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    }

    List<String> deploymentResources() throws IOException, InterruptedException {
      JsonNode latest = adminList("/engine-rest/deployment?name=lianbao&sortBy=deploymentTime&sortOrder=desc");
      assertThat(latest).as("a deployment named lianbao").isNotEmpty();
      List<String> names = new ArrayList<>();
      adminList("/engine-rest/deployment/" + latest.get(0).path("id").asText() + "/resources")
          .forEach(resource -> names.add(resource.path("name").asText()));
      return names;
    }

    long deploymentCount() throws IOException, InterruptedException {
      return adminList("/engine-rest/deployment/count").path("count").asLong();
    }

    List<JsonNode> latestDefinitions() throws IOException, InterruptedException {
      List<JsonNode> definitions = new ArrayList<>();
      adminList("/engine-rest/process-definition?latestVersion=true").forEach(definitions::add);
      return definitions;
    }

    void startPlan(String user, int year) throws IOException, InterruptedException {
      HttpResponse<String> started = post(user, "/engine-rest/process-definition/key/annual-plan/start",
          Map.of("businessKey", String.valueOf(year), "variables", Map.of(
              "planId", Map.of("value", "2021", "type", "String"),
              "year", Map.of("value", year, "type", "Integer"))));
      assertThat(started.statusCode()).as(user + " starts the plan: " + started.body()).isEqualTo(200);
    }

    /**
     * The officer's first outcome-document draft task, as the officer sees it: the year's items and
     * milestones open in jobs after the start answers, so it is waited for (up to 60 s).
     */
    String draftTaskOf(String officer) throws IOException, InterruptedException {
      Instant deadline = Instant.now().plusSeconds(60);
      JsonNode list;
      do {
        HttpResponse<String> tasks = get(officer, "/engine-rest/task?processDefinitionKey=outcome-document"
            + "&taskDefinitionKey=userTask_draftDocument&sortBy=dueDate&sortOrder=asc");
        assertThat(tasks.statusCode()).isEqualTo(200);
        list = JSON.readTree(tasks.body());
        if (list.isEmpty()) {
          assertThat(running.isAlive()).as("the application is running (log: %s)", running.log()).isTrue();
          running.waitFor(500);
        }
      } while (list.isEmpty() && Instant.now().isBefore(deadline));
      assertThat(list).as("%s has an outcome-document draft to write", officer).isNotEmpty();
      return list.get(0).path("id").asText();
    }

    /** Every process and form again under the names Camunda's archive scanning gave them in the 0.1 jar. */
    void deployAsTheOldJarDid() throws IOException, InterruptedException {
      Map<String, byte[]> files = new LinkedHashMap<>();
      try (ZipFile zip = new ZipFile(RunningJar.JAR.toFile())) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
          ZipEntry entry = entries.nextElement();
          if (entry.getName().matches("BOOT-INF/classes/(processes/[^/]+\\.bpmn|forms/[^/]+\\.html)")) {
            try (InputStream content = zip.getInputStream(entry)) {
              files.put(entry.getName(), content.readAllBytes());
            }
          }
        }
      }
      String boundary = "----lianbao" + UUID.randomUUID();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      part(body, boundary, "deployment-name", null, "lianbao".getBytes(StandardCharsets.UTF_8));
      part(body, boundary, "deployment-source", null, "process application".getBytes(StandardCharsets.UTF_8));
      files.forEach((name, content) -> part(body, boundary, name, name, content));
      body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> created = http.send(request("admin", "/engine-rest/deployment/create")
          .header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
      assertThat(latestDefinitions()).allSatisfy(definition ->
          assertThat(definition.path("resource").asText()).startsWith("BOOT-INF/classes/processes/"));
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, String fileName, byte[] content) {
      String header = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
          + (fileName == null ? "" : "; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream")
          + "\r\n\r\n";
      body.writeBytes(header.getBytes(StandardCharsets.UTF_8));
      body.writeBytes(content);
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    /** SIGTERM, as a service manager stops it: the application shuts down by itself and says nothing alarming. */
    void stopCleanly() throws IOException, InterruptedException {
      running.stop(Duration.ofSeconds(60));
      String output = Files.readString(running.log(), StandardCharsets.UTF_8);
      assertThat(output.lines().filter(line -> line.contains(" ERROR ") || line.startsWith("Exception")))
          .as("errors in %s", running.log()).isEmpty();
    }

    @Override
    public void close() {
      running.close();
    }
  }
}
