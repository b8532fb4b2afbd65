package cn.lianbao;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * The application's own settings, {@code lianbao.*}. Each is documented in the README.
 *
 * @param dataDir folder of the embedded H2 database (tasks, timers, uploaded documents)
 * @param timeZone the zone in which plan dates are days; also the JVM's default zone, which is
 *     where Camunda reads and writes its timestamps, so every node must use the same
 * @param followUpDays days before a deadline at which a task's follow-up date lies
 * @param agencies the agency data file
 * @param plans where the plan files lie, one file per plan ({@code plan-<id>.yml}): resource patterns,
 *     comma-separated, so that an operator adds a folder of their own beside the built-in plans
 * @param uploadMaxSize the largest document a form accepts
 * @param historyTimeToLive days for which the records of a finished plan year are kept
 * @param demo settings of the {@code demo} profile
 */
@ConfigurationProperties("lianbao")
public record LianbaoProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue("Asia/Shanghai") ZoneId timeZone,
    @DefaultValue("14") int followUpDays,
    @DefaultValue("classpath:lianbao/agencies.yml") Resource agencies,
    @DefaultValue("classpath*:plans/plan-*.yml") List<String> plans,
    @DefaultValue("20MB") DataSize uploadMaxSize,
    @DefaultValue("3650") int historyTimeToLive,
    @DefaultValue Demo demo) {

  /** @param password the password of every demo account (only read in the demo profile) */
  public record Demo(String password) {}
}
