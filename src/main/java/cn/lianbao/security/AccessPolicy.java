package cn.lianbao.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.agency.AgencyDirectory;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Who may do what, as Camunda authorizations, granted idempotently at every start (permissions
 * are only added, never taken away, so an administrator's extra grants survive).
 *
 * <ul>
 *   <li>Every agency group and its leaders group: Tasklist, reading definitions, users and groups.
 *       Their tasks they see and work through the candidate-group authorization the engine gives
 *       each task ({@code TASK_WORK}); leaders get {@code TASK_ASSIGN} on their agency's tasks from
 *       {@link TaskAssignmentPolicy}.
 *   <li>{@code supervisors}: Tasklist and Cockpit, reading every definition, instance, task and
 *       their history; starting the year's plan and an event campaign. Nothing that modifies, cancels or deletes.
 *   <li>{@code camunda-admin}: everything.
 * </ul>
 */
@Component
@Order(20)
public class AccessPolicy extends AbstractProcessEnginePlugin {

  /** A process a supervisor starts: the year's plan. */
  public static final String ANNUAL_PLAN_KEY = "annual-plan";
  /** A process a supervisor starts: a hyacinth campaign for a major event of the zone (item 11). */
  public static final String EVENT_CAMPAIGN_KEY = "event-campaign";

  private final AgencyCatalog catalog;

  public AccessPolicy(AgencyCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    apply(engine.getAuthorizationService());
  }

  void apply(AuthorizationService authorizations) {
    for (Agency agency : catalog.all()) {
      for (String group : List.of(agency.id(), agency.leadersGroupId())) {
        grantAgencyMember(authorizations, group);
      }
    }
    grantSupervisor(authorizations, AgencyDirectory.SUPERVISORS);
    for (Resources resource : Resources.values()) {
      grant(authorizations, AgencyDirectory.ADMINISTRATORS, resource, ANY, Permissions.ALL);
    }
  }

  private static void grantAgencyMember(AuthorizationService authorizations, String group) {
    grant(authorizations, group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(authorizations, group, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
    grant(authorizations, group, Resources.USER, ANY, Permissions.READ);
    grant(authorizations, group, Resources.GROUP, ANY, Permissions.READ);
  }

  private static void grantSupervisor(AuthorizationService authorizations, String group) {
    grant(authorizations, group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(authorizations, group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(authorizations, group, Resources.PROCESS_DEFINITION, ANY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK);
    grant(authorizations, group, Resources.PROCESS_DEFINITION, ANNUAL_PLAN_KEY,
        ProcessDefinitionPermissions.CREATE_INSTANCE);
    grant(authorizations, group, Resources.PROCESS_DEFINITION, EVENT_CAMPAIGN_KEY,
        ProcessDefinitionPermissions.CREATE_INSTANCE);
    grant(authorizations, group, Resources.PROCESS_INSTANCE, ANY,
        ProcessInstancePermissions.READ, ProcessInstancePermissions.CREATE);
    grant(authorizations, group, Resources.TASK, ANY, TaskPermissions.READ);
    grant(authorizations, group, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
    grant(authorizations, group, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
    grant(authorizations, group, Resources.DEPLOYMENT, ANY, Permissions.READ);
    grant(authorizations, group, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(authorizations, group, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    grant(authorizations, group, Resources.USER, ANY, Permissions.READ);
    grant(authorizations, group, Resources.GROUP, ANY, Permissions.READ);
  }

  /** Adds the permissions to the group's grant on the resource, creating the grant if absent. */
  static void grant(AuthorizationService authorizations, String group, Resource resource, String resourceId,
      Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(group)
        .resourceType(resource)
        .resourceId(resourceId)
        .singleResult();
    Authorization grant = existing != null ? existing : authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    boolean missing = existing == null
        || Arrays.stream(permissions).anyMatch(permission -> !existing.isPermissionGranted(permission));
    if (!missing) {
      return;
    }
    if (existing == null) {
      grant.setGroupId(group);
      grant.setResource(resource);
      grant.setResourceId(resourceId);
    }
    for (Permission permission : permissions) {
      grant.addPermission(permission);
    }
    authorizations.saveAuthorization(grant);
  }
}
