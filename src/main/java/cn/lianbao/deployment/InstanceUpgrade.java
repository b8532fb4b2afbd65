package cn.lianbao.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves running instances from older versions of a process onto its newest version with Camunda's
 * migration API: every activity is mapped to the activity of the same id ({@code mapEqualActivities}),
 * open tasks keep their assignee and candidates, timers keep their due dates (the event triggers are
 * not updated), variables and history stay. Used at start-up for versions deployed under wrong
 * resource names; a later upgrade of the processes reuses {@link #moveInstances(Predicate)} with its
 * own choice of versions.
 *
 * <p>A version that cannot be migrated as a whole (the plan fails validation, or one of its instances
 * does) is left as it is and named in the log with Camunda's report; start-up goes on, since the
 * instances keep running on their old version.
 */
@Component
public class InstanceUpgrade {

  private static final Logger LOG = LoggerFactory.getLogger(InstanceUpgrade.class);

  private final ProcessEngine engine;

  public InstanceUpgrade(ProcessEngine engine) {
    this.engine = engine;
  }

  /** Running instances of versions deployed under a wrong resource name move to the newest version. */
  public List<Result> moveInstancesOffMisnamedVersions() {
    return moveInstances(ProcessDeployment::misnamed);
  }

  /**
   * Every running instance of a version the {@code versions} test picks, that is not the newest
   * version of its process, moves to the newest version.
   */
  public List<Result> moveInstances(Predicate<ProcessDefinition> versions) {
    RepositoryService repository = engine.getRepositoryService();
    RuntimeService runtime = engine.getRuntimeService();
    List<Result> results = new ArrayList<>();
    for (ProcessDefinition source : repository.createProcessDefinitionQuery().list()) {
      if (!versions.test(source)) {
        continue;
      }
      long running = runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).count();
      if (running == 0) {
        continue;
      }
      ProcessDefinition target = repository.createProcessDefinitionQuery()
          .processDefinitionKey(source.getKey()).latestVersion().singleResult();
      if (target.getId().equals(source.getId())) {
        continue;
      }
      results.add(migrate(source, target, running));
    }
    return results;
  }

  private Result migrate(ProcessDefinition source, ProcessDefinition target, long running) {
    RuntimeService runtime = engine.getRuntimeService();
    try {
      MigrationPlan plan = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().build();
      runtime.newMigration(plan)
          .processInstanceQuery(runtime.createProcessInstanceQuery().processDefinitionId(source.getId()))
          .execute();
      LOG.info("已将 {} 个运行中的实例从 {}（版本 {}）迁移到版本 {}", running, source.getKey(), source.getVersion(),
          target.getVersion());
      return new Result(source.getId(), target.getId(), running, null);
    } catch (MigrationPlanValidationException | MigratingProcessInstanceValidationException e) {
      LOG.error("无法将 {}（版本 {}）的 {} 个实例迁移到版本 {}，实例仍按旧版本运行：{}", source.getKey(),
          source.getVersion(), running, target.getVersion(), e.getMessage());
      return new Result(source.getId(), target.getId(), 0, e.getMessage());
    }
  }

  /** What one version's migration did: how many instances moved, or why none did. */
  public record Result(String sourceDefinitionId, String targetDefinitionId, long migrated, String refusal) {}
}
