package cn.lianbao.meeting;

import cn.lianbao.plan.Milestone;
import cn.lianbao.plan.MilestonePart;
import cn.lianbao.plan.PlanCatalog;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.InvalidInputException;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * The coordination meeting held with a meeting ("如有重大需解决问题同步召开协调会议", item 1's annual
 * summary meeting, {@code coordinationMeeting: true} in the plan): the minutes task records whether
 * one was needed, whether it was held with the meeting, and its minutes. Marks the minutes task of
 * such a meeting when it is created (the form shows the fields only then) and refuses, in Chinese,
 * inconsistent answers when it completes: a needed meeting not held without a reason, a held meeting
 * without minutes, a meeting held that was not needed. Other meetings are not asked.
 */
@Component("coordinationMeetingCheck")
public class CoordinationMeetingCheck {

  private final PlanCatalog plans;

  public CoordinationMeetingCheck(PlanCatalog plans) {
    this.plans = plans;
  }

  /** On create: tells the minutes task (local variable) whether it records a coordination meeting. */
  public void mark(DelegateTask minutes) {
    minutes.setVariableLocal(ConsultationMeetingProcess.COORDINATION_MEETING.name(), withCoordination(minutes));
  }

  /** On complete: the coordination meeting's answers are consistent, or the completion is refused. */
  public void check(DelegateTask minutes) {
    if (!withCoordination(minutes)) {
      return;
    }
    Boolean needed = ConsultationMeetingProcess.COORDINATION_NEEDED.find(minutes).orElse(null);
    Boolean held = ConsultationMeetingProcess.COORDINATION_HELD.find(minutes).orElse(null);
    String reason = ConsultationMeetingProcess.COORDINATION_REASON.find(minutes).map(String::strip).orElse("");
    if (needed == null) {
      throw refusal(ConsultationMeetingProcess.COORDINATION_NEEDED.name(),
          "请选择“是否需要召开协调会议”（有重大需解决问题时同步召开协调会议）。");
    }
    if (!needed) {
      if (Boolean.TRUE.equals(held)) {
        throw refusal(ConsultationMeetingProcess.COORDINATION_HELD.name(),
            "已选择“不需要召开协调会议”，却又选择“已同步召开”：请核对后重新填写。");
      }
      return;
    }
    if (held == null) {
      throw refusal(ConsultationMeetingProcess.COORDINATION_HELD.name(), "需要召开协调会议：请选择“是否已同步召开”。");
    }
    if (!held && reason.isEmpty()) {
      throw refusal(ConsultationMeetingProcess.COORDINATION_REASON.name(),
          "需要召开协调会议但未同步召开：请说明原因及拟召开时间。");
    }
    if (held && !fileGiven(minutes.getVariableTyped(ConsultationMeetingProcess.COORDINATION_MINUTES.name()))) {
      throw refusal(ConsultationMeetingProcess.COORDINATION_MINUTES.name(),
          "已同步召开协调会议：请上传协调会议纪要。");
    }
  }

  /** Whether the meeting of this task is one the plan holds a coordination meeting with. */
  boolean withCoordination(DelegateTask task) {
    return milestone(task).map(Milestone::coordinationMeeting).orElse(false);
  }

  private Optional<Milestone> milestone(DelegateTask task) {
    Optional<String> planId = WorkVariables.PLAN_ID.find(task);
    Optional<String> itemNo = WorkVariables.ITEM_NO.find(task);
    Optional<String> partId = WorkVariables.PART_ID.find(task);
    if (planId.isEmpty() || itemNo.isEmpty() || partId.isEmpty()) {
      return Optional.empty();
    }
    return plans.find(planId.get()).flatMap(plan -> plan.item(itemNo.get()))
        .flatMap(item -> item.parts().stream().filter(part -> part.id().equals(partId.get())).findFirst())
        .map(MilestonePart::milestone);
  }

  private static boolean fileGiven(TypedValue value) {
    return value instanceof FileValue file && file.getFilename() != null && !file.getFilename().isBlank();
  }

  private static InvalidInputException refusal(String field, String message) {
    return new InvalidInputException(field, message);
  }
}
