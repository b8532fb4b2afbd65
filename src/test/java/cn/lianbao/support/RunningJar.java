package cn.lianbao.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application as an operator runs it, for the tests that start it outside the test JVM
 * ({@code PackagedJarIT}, {@code ClusterFailoverIT}): {@code java [jvm options] [launch] --server.port=<free>
 * [arguments]} in a process of its own, its output in {@code target/it-logs/<name>.log}. Closing it kills the
 * process and waits for it, so that no test leaves one behind.
 */
public final class RunningJar implements AutoCloseable {

  /** The packaged jar ({@code ./mvnw verify} packages it before the integration tests). */
  public static final Path JAR = Path.of(System.getProperty("lianbao.jar", "target/lianbao.jar"));
  static final Path LOGS = Path.of(System.getProperty("lianbao.it.logs", "target/it-logs"));

  private final Process process;
  private final Path log;
  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RunningJar(Process process, Path log, String base) {
    this.process = process;
    this.log = log;
    this.base = base;
  }

  /** {@code -jar target/lianbao.jar}, which must exist. */
  public static List<String> packagedJar() {
    assertThat(JAR).as("the packaged jar (./mvnw verify packages it before this test)").isRegularFile();
    return List.of("-jar", JAR.toString());
  }

  /** Starts the application on a free port; it is not ready yet ({@link #awaitHealthy}). */
  public static RunningJar start(String name, List<String> jvmOptions, List<String> launch, List<String> arguments,
      Map<String, String> environment) throws IOException {
    int port = freePort();
    Files.createDirectories(LOGS);
    Path log = LOGS.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dfile.encoding=UTF-8");
    command.addAll(jvmOptions);
    command.addAll(launch);
    command.add("--server.port=" + port);
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return new RunningJar(builder.start(), log, "http://127.0.0.1:" + port);
  }

  /** {@code http://127.0.0.1:<port>} */
  public String base() {
    return base;
  }

  public Path log() {
    return log;
  }

  public HttpClient http() {
    return http;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits up to {@code millis} for the process to end (a pause that ends early if it dies). */
  public void waitFor(long millis) {
    try {
      process.waitFor(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Until {@code /actuator/health} answers 200; fails when the process dies or after {@code timeout}. */
  public void awaitHealthy(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      assertThat(process.isAlive()).as("the application is running (log: %s)", log).isTrue();
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).timeout(Duration.ofSeconds(5))
            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // the port opens only when the application is ready
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      waitFor(500);
    }
    throw new AssertionError("the application did not become healthy within " + timeout.toSeconds() + " s (log: "
        + log + ")");
  }

  /** SIGTERM, as a service manager stops it; fails unless the process ends within {@code timeout}. */
  public void stop(Duration timeout) throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .as("stopped within %d s (log: %s)", timeout.toSeconds(), log).isTrue();
  }

  /** SIGKILL: no shutdown hook, no rollback sent, the connections just drop. */
  public void kill() throws InterruptedException {
    assertThat(process.toHandle().destroyForcibly()).isTrue();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
    assertThat(process.exitValue()).as("exit status of SIGKILL").isEqualTo(128 + 9);
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
