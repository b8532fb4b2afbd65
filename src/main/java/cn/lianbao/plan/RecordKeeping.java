package cn.lianbao.plan;

import cn.lianbao.LianbaoProperties;
import cn.lianbao.process.TaskRule;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import cn.lianbao.deployment.ProcessesDeployed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * How the records of a plan year are kept and who may read them.
 * <ul>
 *   <li>Every process keeps its history for {@code lianbao.history-time-to-live} days (default
 *       3650, ten years), whatever its BPMN file says: new deployments take it when parsed, and
 *       definitions deployed before a change of the setting are updated after the deployment.
 *   <li>Every agency of an item may read the instances of its work and their history (the
 *       documents uploaded in them included): READ on the instance and its history, granted when
 *       the instance starts with the item's groups ({@code itemGroups}).
 * </ul>
 * A rule of {@link cn.lianbao.process.TaskRules}, on every process's parse and start.
 */
@Component
public class RecordKeeping implements TaskRule {

  private final int historyTimeToLive;

  public RecordKeeping(LianbaoProperties properties) {
    this.historyTimeToLive = properties.historyTimeToLive();
  }

  @Override
  public void parsed(ProcessDefinitionEntity process) {
    process.setHistoryTimeToLive(historyTimeToLive);
  }

  @Override
  public void started(DelegateExecution instance) {
    shareWithItemAgencies(instance);
  }

  @EventListener
  public void applyToDeployedDefinitions(ProcessesDeployed event) {
    RepositoryService repository = event.engine().getRepositoryService();
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().list()) {
      if (!Integer.valueOf(historyTimeToLive).equals(definition.getHistoryTimeToLive())) {
        repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), historyTimeToLive);
      }
    }
  }

  static void shareWithItemAgencies(DelegateExecution execution) {
    if (execution.getId().equals(execution.getProcessInstanceId())) {
      shareInstance(execution);
    }
  }

  /**
   * Grants the item's groups ({@code itemGroups}) READ on the execution's process instance and its
   * history. Runs when an instance starts with its item's groups, and from the steps that first set
   * them ({@link ItemOpener}, {@link MilestoneOpener}): a plan item or milestone learns its item's
   * agencies only once it has started.
   */
  static void shareInstance(DelegateExecution execution) {
    List<String> groups = WorkVariables.ITEM_GROUPS.find(execution).orElse(List.of());
    AuthorizationService authorizations = execution.getProcessEngineServices().getAuthorizationService();
    Context.getCommandContext().runWithoutAuthorization(() -> {
      for (String group : groups) {
        grant(authorizations, group, Resources.PROCESS_INSTANCE, execution.getProcessInstanceId(),
            ProcessInstancePermissions.READ);
        grant(authorizations, group, Resources.HISTORIC_PROCESS_INSTANCE, execution.getProcessInstanceId(),
            HistoricProcessInstancePermissions.READ);
      }
      return null;
    });
  }

  private static void grant(AuthorizationService authorizations, String group, Resources resource, String id,
      org.camunda.bpm.engine.authorization.Permission permission) {
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(group);
    grant.setResource(resource);
    grant.setResourceId(id);
    grant.addPermission(permission);
    authorizations.saveAuthorization(grant);
  }
}
