package cn.lianbao.demo;

import cn.lianbao.LianbaoProperties;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The rehearsal clock (profile {@code demo} only): moves the engine's clock forward so that a
 * whole plan year, escalations included, can be watched in minutes.
 *
 * <p>The move is an offset ({@link ClockUtil#offset(Long)}): the engine's time keeps running from
 * the new instant. It is held in this JVM only: it belongs to the node and is gone after a restart
 * (the engine's time is then the real time again; what happened in between stays done). After a
 * move the job executor is woken ({@link JobExecutor#jobWasAdded()}), so that timers now due fire
 * within seconds instead of at its next poll (up to a minute later).
 */
@Component
@Profile("demo")
public class RehearsalClock {

  private static final Logger LOG = LoggerFactory.getLogger(RehearsalClock.class);

  private final ProcessEngineConfigurationImpl configuration;
  private final ZoneId zone;

  public RehearsalClock(ProcessEngine engine, LianbaoProperties properties) {
    this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    this.zone = properties.timeZone();
  }

  /** The engine's time, and how far it is ahead of the server's real time. */
  public record Reading(String now, long offsetMillis) {}

  /** The clock refuses to go back: timers that fired cannot be taken back. */
  public static class BackwardsException extends RuntimeException {
    BackwardsException(String message) {
      super(message);
    }
  }

  public Reading read() {
    Date now = ClockUtil.getCurrentTime();
    return reading(now, now.getTime() - realTime());
  }

  /**
   * Moves the engine's clock to {@code target}, from where it keeps running, and wakes the job
   * executor. Refuses a target before the engine's current time.
   */
  public synchronized Reading moveTo(Instant target, String by) {
    Date current = ClockUtil.getCurrentTime();
    if (target.isBefore(current.toInstant())) {
      String was = format(current);
      throw new BackwardsException("now 不能早于流程引擎的当前时间 " + was + "：演练时钟只能向前拨。"
          + " / now must not lie before the engine's current time " + was + ": the rehearsal clock only moves forward.");
    }
    long offset = target.toEpochMilli() - realTime();
    Date now = ClockUtil.offset(offset);
    LOG.info("Rehearsal clock moved to {} by {} (offset {} ms; this node only, until restart)",
        format(now), by, offset);
    wakeJobExecutor();
    return reading(now, offset);
  }

  private void wakeJobExecutor() {
    JobExecutor executor = configuration.getJobExecutor();
    if (executor == null) {
      return;
    }
    if (!executor.isActive()) {
      LOG.warn("The job executor does not run on this node: timers now due fire where it runs");
    }
    executor.jobWasAdded();
  }

  /** The one place that reads the real time: the offset is relative to it. */
  private static long realTime() {
    return System.currentTimeMillis();
  }

  private Reading reading(Date now, long offset) {
    return new Reading(format(now), offset);
  }

  private String format(Date instant) {
    return OffsetDateTime.ofInstant(instant.toInstant(), zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
