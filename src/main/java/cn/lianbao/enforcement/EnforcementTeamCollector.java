package cn.lianbao.enforcement;

import cn.lianbao.process.AgencyAnswers;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * When an implementing agency completes "确认执法人员", adds its team to the patrol's list of
 * confirmed teams, which the lead sees when recording the patrol. Runs after the form check.
 */
@Component("enforcementTeamCollector")
public class EnforcementTeamCollector implements TaskListener {

  private final AgencyAnswers answers;

  public EnforcementTeamCollector(AgencyAnswers answers) {
    this.answers = answers;
  }

  @Override
  public void notify(DelegateTask task) {
    answers.record(task, JointEnforcementPatrolProcess.TEAMS,
        List.of(JointEnforcementPatrolProcess.TEAM_OFFICERS, JointEnforcementPatrolProcess.TEAM_NOTE), null);
  }
}
