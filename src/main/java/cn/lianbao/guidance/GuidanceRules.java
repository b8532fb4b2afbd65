package cn.lianbao.guidance;

import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.plan.WorkVariables;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/** Which task the guiding agencies of a milestone get (the gateway 有无指导单位、是否会议？ reads it). */
@Component("guidanceRules")
public class GuidanceRules {

  static final String MEETING = "consultation-meeting";

  /** The milestone's item has no guiding agency: nobody to invite. */
  public boolean none(VariableScope milestone) {
    return guiding(milestone).isEmpty();
  }

  /** The milestone is a meeting or seminar: the guiding agencies are invited to it (指导参会). */
  public boolean meeting(VariableScope milestone) {
    return !none(milestone) && MEETING.equals(PlanMilestoneProcess.WORK_KIND.find(milestone).orElse(null));
  }

  private static List<String> guiding(VariableScope milestone) {
    return WorkVariables.GUIDING_GROUPS.find(milestone).orElse(List.of());
  }
}
