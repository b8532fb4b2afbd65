package cn.lianbao.deployment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The health contributor {@code processUpgrade}: what this node's start did to running instances of older
 * process versions ({@link InstanceUpgrade}). Always UP — instances that could not move keep running on
 * their version — with the detail {@code stayed}: one entry per version some of whose instances stayed
 * (process, versions, how many, Camunda's report), for the operator to migrate in Cockpit.
 */
@Component("processUpgradeHealthIndicator")
public class UpgradeHealthIndicator extends AbstractHealthIndicator {

  private final InstanceUpgrade upgrade;

  public UpgradeHealthIndicator(InstanceUpgrade upgrade) {
    super("The upgrade of running instances cannot be read");
    this.upgrade = upgrade;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    List<InstanceUpgrade.Result> results = upgrade.lastStart();
    List<Map<String, Object>> stayed = results.stream().filter(result -> result.refused() > 0).map(result -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("process", result.processKey());
      entry.put("version", result.sourceVersion());
      entry.put("newestVersion", result.targetVersion());
      entry.put("instances", result.refused());
      entry.put("report", result.refusal());
      return entry;
    }).toList();
    health.up()
        .withDetail("migrateRunningInstances", upgrade.migratesRunningInstances())
        .withDetail("migrated", results.stream().mapToLong(InstanceUpgrade.Result::migrated).sum())
        .withDetail("stayed", stayed);
  }
}
