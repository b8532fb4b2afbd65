package cn.lianbao.enforcement;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.enforcement.JointEnforcementPatrolProcess.Team;
import cn.lianbao.plan.WorkVariables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * When an implementing agency completes "确认执法人员", adds its team to the patrol's list of
 * confirmed teams, which the lead sees when recording the patrol. Runs after the form check.
 */
@Component("enforcementTeamCollector")
public class EnforcementTeamCollector implements TaskListener {

  private final AgencyCatalog agencies;

  public EnforcementTeamCollector(AgencyCatalog agencies) {
    this.agencies = agencies;
  }

  @Override
  public void notify(DelegateTask task) {
    String agencyGroup = WorkVariables.AGENCY_GROUP.get(task);
    DelegateExecution patrol = task.getExecution().getProcessInstance();

    Map<String, Object> team = new LinkedHashMap<>();
    team.put(Team.AGENCY_GROUP, agencyGroup);
    team.put(Team.AGENCY_NAME, agencies.find(agencyGroup).map(Agency::name).orElse(agencyGroup));
    team.put(Team.OFFICERS, JointEnforcementPatrolProcess.TEAM_OFFICERS.find(task).orElse(""));
    team.put(Team.NOTE, JointEnforcementPatrolProcess.TEAM_NOTE.find(task).orElse(""));

    List<Map<String, Object>> teams = new ArrayList<>(JointEnforcementPatrolProcess.TEAMS.find(patrol).orElse(List.of()));
    teams.removeIf(earlier -> agencyGroup.equals(earlier.get(Team.AGENCY_GROUP)));
    teams.add(team);
    JointEnforcementPatrolProcess.TEAMS.set(patrol, teams);
  }
}
