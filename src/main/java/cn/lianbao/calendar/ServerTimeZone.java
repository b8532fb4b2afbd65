package cn.lianbao.calendar;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Fixes the JVM's default time zone to {@code lianbao.time-zone} (default Asia/Shanghai) before
 * any bean, and so before the process engine, exists. Camunda writes and reads its timestamps
 * (due dates, timers) in the JVM's default zone: nodes that disagree on it would move every
 * deadline by hours.
 */
public class ServerTimeZone implements EnvironmentPostProcessor, Ordered {

  public static final String PROPERTY = "lianbao.time-zone";
  public static final String DEFAULT_ZONE = "Asia/Shanghai";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String configured = environment.getProperty(PROPERTY, DEFAULT_ZONE);
    ZoneId zone;
    try {
      zone = ZoneId.of(configured.trim());
    } catch (DateTimeException e) {
      throw new IllegalStateException(
          PROPERTY + "=" + configured + " is not a time zone id (for example Asia/Shanghai)", e);
    }
    TimeZone.setDefault(TimeZone.getTimeZone(zone));
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
