package cn.lianbao.security;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import cn.lianbao.process.RefusedRequestException;
import cn.lianbao.process.TaskFacts;
import cn.lianbao.process.TaskRule;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Two rules for every user task of every process, the rule {@code assignment} of
 * {@link cn.lianbao.process.TaskRules#LIST}:
 * <ol>
 *   <li>When a task is created for an agency's group, that agency's leaders may (re)assign it
 *       ({@code TASK_ASSIGN} on the task): holidays and absences are theirs to cover.
 *   <li>A task that has candidate groups can only be assigned to a member of one of them, whoever
 *       assigns it.
 * </ol>
 */
@Component
public class TaskAssignmentPolicy implements TaskRule {

  private final AgencyCatalog catalog;

  public TaskAssignmentPolicy(AgencyCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void created(DelegateTask task, TaskFacts facts) {
    grantLeaders(task);
  }

  @Override
  public void assigned(DelegateTask task, TaskFacts facts) {
    checkAssignee(task);
  }

  void grantLeaders(DelegateTask task) {
    AuthorizationService authorizations = task.getProcessEngineServices().getAuthorizationService();
    for (String group : candidateGroups(task)) {
      catalog.find(group).map(Agency::leadersGroupId).ifPresent(leaders ->
          Context.getCommandContext().runWithoutAuthorization(() -> {
            Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setGroupId(leaders);
            grant.setResource(Resources.TASK);
            grant.setResourceId(task.getId());
            grant.addPermission(TaskPermissions.READ);
            grant.addPermission(TaskPermissions.TASK_ASSIGN);
            return authorizations.saveAuthorization(grant);
          }));
    }
  }

  void checkAssignee(DelegateTask task) {
    String assignee = task.getAssignee();
    List<String> groups = candidateGroups(task);
    if (assignee == null || groups.isEmpty()) {
      return;
    }
    long memberships = Context.getCommandContext().runWithoutAuthorization(() ->
        task.getProcessEngineServices().getIdentityService().createGroupQuery()
            .groupMember(assignee)
            .groupIdIn(groups.toArray(String[]::new))
            .count());
    if (memberships == 0) {
      throw new RefusedRequestException("不能将任务“" + task.getName() + "”交给 " + assignee
          + " 办理：该用户不属于任务的办理单位（" + String.join("、", groups) + "）");
    }
  }

  private static List<String> candidateGroups(DelegateTask task) {
    return task.getCandidates().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .map(IdentityLink::getGroupId)
        .filter(group -> group != null)
        .toList();
  }
}
