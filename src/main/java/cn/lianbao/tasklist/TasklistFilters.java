package cn.lianbao.tasklist;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.agency.AgencyDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters every user finds on the left of Tasklist, created at start-up if absent
 * and shared (READ) with the agencies and the supervisors. Tasks sort by due date, the earliest
 * (and so the overdue) first. A filter an administrator changed in Tasklist is left as it is.
 */
@Component
@Order(50)
public class TasklistFilters extends AbstractProcessEnginePlugin {

  public static final String MINE = "我的待办";
  public static final String MY_AGENCY = "本单位待办";

  private final AgencyCatalog catalog;

  public TasklistFilters(AgencyCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    FilterService filters = engine.getFilterService();
    TaskQuery mine = engine.getTaskService().createTaskQuery()
        .taskAssigneeExpression("${currentUser()}")
        .orderByDueDate().asc();
    TaskQuery myAgency = engine.getTaskService().createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}")
        .includeAssignedTasks()
        .orderByDueDate().asc();
    share(engine.getAuthorizationService(), ensure(filters, MINE, "分配给我本人办理的任务，最早到期的在前", -20, mine));
    share(engine.getAuthorizationService(), ensure(filters, MY_AGENCY, "本单位（含已分配给同事）的全部任务，最早到期的在前", -10, myAgency));
  }

  private static Filter ensure(FilterService filters, String name, String description, int priority, TaskQuery query) {
    Filter existing = filters.createFilterQuery().filterName(name).singleResult();
    if (existing != null) {
      return existing;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("refresh", true);
    properties.put("showUndefinedVariable", false);
    Filter filter = filters.newTaskFilter(name).setQuery(query).setProperties(properties);
    return filters.saveFilter(filter);
  }

  private void share(AuthorizationService authorizations, Filter filter) {
    List<String> groups = new ArrayList<>();
    for (Agency agency : catalog.all()) {
      groups.add(agency.id());
      groups.add(agency.leadersGroupId());
    }
    groups.add(AgencyDirectory.SUPERVISORS);
    for (String group : groups) {
      boolean granted = authorizations.createAuthorizationQuery()
          .authorizationType(AUTH_TYPE_GRANT).groupIdIn(group)
          .resourceType(Resources.FILTER).resourceId(filter.getId()).count() > 0;
      if (!granted) {
        Authorization grant = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        grant.setGroupId(group);
        grant.setResource(Resources.FILTER);
        grant.setResourceId(filter.getId());
        grant.addPermission(Permissions.READ);
        authorizations.saveAuthorization(grant);
      }
    }
  }
}
