package cn.lianbao.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Moves running instances from older versions of a process onto its newest version with Camunda's
 * migration API: every activity is mapped to the activity of the same id ({@code mapEqualActivities}),
 * open tasks keep their ids, assignees and candidates, timers keep their due dates (the event triggers are
 * not updated), variables and history stay. A called process instance is not touched by its caller's
 * migration: each process (plan-item, plan-milestone, a work process) moves on its own.
 *
 * <p>At start-up, after the deployment, {@link #upgradeRunningInstances()} moves the instances of every
 * older version of Lianbao's processes (those deployed from {@code processes/}) to the newest version. The
 * whole set of processes and forms is deployed again when any file changes, so this also brings a form
 * that was corrected to the tasks already open: an embedded form is read from the deployment of the task's
 * process version. Versions deployed under misnamed resources (their tasks find no form) always move; with
 * {@code lianbao.upgrade.migrate-running-instances=false} only those do.
 *
 * <p>A version whose migration plan fails validation stays as it is; when single instances fail (one
 * waits in an activity the newest version no longer has), the others move one by one and those stay on
 * their version. Both are logged as ERROR with Camunda's report and shown by the health contributor
 * {@code processUpgrade}; start-up goes on, since the instances keep running on their old version.
 *
 * <p>Two nodes starting together on one database both try: a migration that meets the other node's
 * (optimistic locking, or instances that moved meanwhile) is rolled back and tried again with what is
 * left to move, so neither start fails and every instance ends on the newest version once.
 */
@Component
public class InstanceUpgrade {

  static final int ATTEMPTS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(InstanceUpgrade.class);

  private final ProcessEngine engine;
  private final boolean migrateRunningInstances;
  private volatile List<Result> lastStart = List.of();

  public InstanceUpgrade(ProcessEngine engine,
      @Value("${lianbao.upgrade.migrate-running-instances:true}") boolean migrateRunningInstances) {
    this.engine = engine;
    this.migrateRunningInstances = migrateRunningInstances;
  }

  /**
   * The start's step: running instances of older versions of Lianbao's processes move to the newest
   * version (only those of misnamed versions when the switch is off). Remembered for {@link #lastStart()}.
   */
  public List<Result> upgradeRunningInstances() {
    List<Result> results;
    if (migrateRunningInstances) {
      Set<String> ours = lianbaoProcessKeys();
      results = moveInstances(definition -> ProcessDeployment.misnamed(definition) || ours.contains(definition.getKey()));
    } else {
      results = moveInstances(ProcessDeployment::misnamed);
      LOG.info("lianbao.upgrade.migrate-running-instances=false：运行中的实例不自动迁移到流程的新版本");
    }
    lastStart = List.copyOf(results);
    return results;
  }

  /** What this node's last start did, for the health contributor. */
  public List<Result> lastStart() {
    return lastStart;
  }

  public boolean migratesRunningInstances() {
    return migrateRunningInstances;
  }

  /**
   * Every running instance of a version the {@code versions} test picks, that is not the newest
   * version of its process, moves to the newest version.
   */
  private List<Result> moveInstances(Predicate<ProcessDefinition> versions) {
    RepositoryService repository = engine.getRepositoryService();
    List<Result> results = new ArrayList<>();
    for (ProcessDefinition source : repository.createProcessDefinitionQuery()
        .orderByProcessDefinitionKey().asc().orderByProcessDefinitionVersion().asc().list()) {
      if (running(source) == 0 || !versions.test(source)) {
        continue;
      }
      ProcessDefinition target = repository.createProcessDefinitionQuery()
          .processDefinitionKey(source.getKey()).latestVersion().singleResult();
      if (target.getId().equals(source.getId())) {
        continue;
      }
      results.add(migrate(source, target));
    }
    return results;
  }

  /** Keys of the processes whose newest version was deployed from {@code processes/} under its own name. */
  private Set<String> lianbaoProcessKeys() {
    return engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list().stream()
        .filter(definition -> !ProcessDeployment.misnamed(definition))
        .map(ProcessDefinition::getKey)
        .collect(Collectors.toSet());
  }

  private long running(ProcessDefinition source) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionId(source.getId()).count();
  }

  private Result migrate(ProcessDefinition source, ProcessDefinition target) {
    RuntimeService runtime = engine.getRuntimeService();
    MigrationPlan plan;
    try {
      plan = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().build();
    } catch (MigrationPlanValidationException e) {
      long running = running(source);
      LOG.error("无法将流程 {} 版本 {} 的 {} 个运行中实例迁移到版本 {}：迁移计划未通过校验，这些实例仍按旧版本运行，"
          + "可让其在旧版本上办完，或用 REST 迁移接口手动迁移（见 README“升级”）。Camunda 的报告：{}", source.getKey(), source.getVersion(), running,
          target.getVersion(), e.getMessage());
      return Result.of(source, target, 0, running, e.getMessage());
    }
    ProcessEngineException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      long running = running(source);
      if (running == 0) {
        // another node moved them meanwhile
        return Result.of(source, target, 0, 0, null);
      }
      try {
        runtime.newMigration(plan)
            .processInstanceQuery(runtime.createProcessInstanceQuery().processDefinitionId(source.getId()))
            .execute();
        LOG.info("已将流程 {} 的 {} 个运行中实例从版本 {} 迁移到版本 {}", source.getKey(), running, source.getVersion(),
            target.getVersion());
        return Result.of(source, target, running, 0, null);
      } catch (MigratingProcessInstanceValidationException e) {
        return migrateOneByOne(plan, source, target);
      } catch (OptimisticLockingException e) {
        last = e;
        LOG.info("流程 {} 版本 {} 的实例正被另一节点同时迁移或修改，重试（第 {} 次）", source.getKey(),
            source.getVersion(), attempt);
      } catch (ProcessEngineException e) {
        // typically: an instance of the query was moved by another node between the query and its migration
        last = e;
        LOG.info("流程 {} 版本 {} 的实例迁移未成功，重试（第 {} 次）：{}", source.getKey(), source.getVersion(), attempt,
            e.getMessage());
      }
    }
    long left = running(source);
    LOG.error("多次尝试后仍未能将流程 {} 版本 {} 的 {} 个运行中实例迁移到版本 {}，这些实例仍按旧版本运行，"
        + "下次启动时再试，或用 REST 迁移接口手动迁移（见 README“升级”）：{}", source.getKey(), source.getVersion(), left, target.getVersion(),
        last.getMessage());
    return Result.of(source, target, 0, left, last.getMessage());
  }

  /** Some instances cannot move: every other one moves in a transaction of its own. */
  private Result migrateOneByOne(MigrationPlan plan, ProcessDefinition source, ProcessDefinition target) {
    RuntimeService runtime = engine.getRuntimeService();
    long migrated = 0;
    List<String> refused = new ArrayList<>();
    List<String> reports = new ArrayList<>();
    for (ProcessInstance instance : runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).list()) {
      try {
        runtime.newMigration(plan).processInstanceIds(instance.getId()).execute();
        migrated++;
      } catch (MigratingProcessInstanceValidationException e) {
        refused.add(instance.getId());
        reports.add(e.getMessage());
      } catch (ProcessEngineException e) {
        // moved or ended meanwhile (another node): whatever it is now, it is not ours to move any more
        LOG.info("流程 {} 的实例 {} 未迁移（可能已由另一节点迁移）：{}", source.getKey(), instance.getId(), e.getMessage());
      }
    }
    String report = String.join("\n", reports);
    LOG.error("流程 {} 版本 {}：{} 个实例已迁移到版本 {}，{} 个实例无法迁移，仍按旧版本运行（实例 {}），可让其在旧版本上办完，"
        + "或用 REST 迁移接口手动迁移（见 README“升级”）。Camunda 的报告：{}", source.getKey(), source.getVersion(), migrated, target.getVersion(),
        refused.size(), refused, report);
    return Result.of(source, target, migrated, refused.size(), report);
  }

  /**
   * What one version's migration did: how many instances moved, how many stayed on the version and
   * Camunda's report of why ({@code null} when none stayed).
   */
  public record Result(String processKey, int sourceVersion, int targetVersion, String sourceDefinitionId,
      String targetDefinitionId, long migrated, long refused, String refusal) {

    static Result of(ProcessDefinition source, ProcessDefinition target, long migrated, long refused, String refusal) {
      return new Result(source.getKey(), source.getVersion(), target.getVersion(), source.getId(), target.getId(),
          migrated, refused, refusal);
    }
  }
}
