package cn.lianbao.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one Spring Boot test context of the suite: the whole application with its demo accounts,
 * on a random port, with the job executor off (tests step jobs and timers themselves). Every test
 * class that uses it shares the same running application. Its database is an in-memory H2, or
 * the PostgreSQL server that {@code ./mvnw verify -Ppostgres} names. camunda-bpm-assert is bound to its
 * engine and the engine clock is reset after each test ({@link ProcessTestSetup}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "camunda.bpm.job-execution.enabled=false",
      "spring.datasource.url=${lianbao.test.db.url:jdbc:h2:mem:lianbao-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000}",
      "spring.datasource.username=${lianbao.test.db.user:sa}",
      "spring.datasource.password=${lianbao.test.db.password:}",
      // notices go to an SMTP server on a port of this JVM's own: the notice tests start GreenMail on it
      // (read it from the JavaMailSenderImpl); without it, sending only fails and is logged
      "spring.mail.host=localhost",
      "spring.mail.port=${random.int[20000,32000]}",
    })
@ActiveProfiles("demo")
@Tag("database")
@ExtendWith(ProcessTestSetup.class)
public @interface LianbaoTest {

  /** The demo password of application-demo.yml. */
  String PASSWORD = "Lianbao@2021";
}
