package cn.lianbao.escalation;

import cn.lianbao.notice.NoticeStep;
import cn.lianbao.notice.Notices;
import cn.lianbao.plan.MilestoneState;
import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.AgencyAnswers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The steps of a milestone's escalation ladder, one method per step of plan-milestone.bpmn
 * ({@code ${escalationLadder.openLevel1(execution)}} …): each applies the {@link EscalationRules},
 * keeps the milestone's state through {@link MilestoneState}, and sends the notice
 * {@link EscalationTexts} fills in. No rule and no text lives here.
 */
@Component("escalationLadder")
public class EscalationLadder {

  private final EscalationRules rules;
  private final EscalationTexts texts;
  private final MilestoneState state;
  private final AgencyAnswers answers;
  private final Notices notices;

  public EscalationLadder(EscalationRules rules, EscalationTexts texts, MilestoneState state, AgencyAnswers answers,
      Notices notices) {
    this.rules = rules;
    this.texts = texts;
    this.state = state;
    this.answers = answers;
    this.notices = notices;
  }

  /** Reminder at the follow-up date: the agencies holding open work are told, unless it is done or late already. */
  public void remind(DelegateExecution milestone) {
    if (PlanMilestoneProcess.DELIVERED.find(milestone).orElse(false)
        || ClockUtil.getCurrentTime().after(WorkVariables.DEADLINE.get(milestone))) {
      return;
    }
    notices.notify(milestone.getProcessBusinessKey(), NoticeStep.REMINDER, WorkVariables.FOLLOW_UP.get(milestone),
        rules.lateAgencies(milestone), texts.model(milestone));
  }

  /** Level 1: the deadline passed undelivered; each late agency's leaders get a 督办单. */
  public void openLevel1(DelegateExecution milestone) {
    List<String> late = rules.lateAgencies(milestone);
    Escalation.LATE_AGENCIES.set(milestone, late);
    Date deadline = WorkVariables.DEADLINE.get(milestone);
    Escalation.LEVEL2_DUE.set(milestone, rules.level2Due(deadline));
    PlanMilestoneProcess.ESCALATION_LEVEL.set(milestone, 1);
    state.updateDaysOverdue(milestone);
    List<String> leaders = rules.leaders(late);
    Escalation.ESCALATED_GROUPS.set(milestone, leaders);
    notices.notify(milestone.getProcessBusinessKey(), NoticeStep.LEVEL1, deadline, leaders, texts.model(milestone));
  }

  /**
   * A leader's answer at level 1: its committed day must lie ahead; the answer is kept with the
   * other agencies'; a later committed day given before level 2 postpones level 2.
   */
  public void recordExplanation(DelegateTask task) {
    LocalDate committed = rules.dayAhead(Escalation.COMMITTED_DAY.name(), "承诺完成时间",
        Escalation.COMMITTED_DAY.find(task).orElse(""));
    answers.record(task, Escalation.DELAY_EXPLANATIONS,
        List.of(Escalation.DELAY_EXPLANATION, Escalation.COMMITTED_DAY), null);
    rules.postponeLevel2(task.getExecution(), committed);
  }

  /** Level 2: still undelivered; the supervisors and the guiding agencies' leaders get the case. */
  public void openLevel2(DelegateExecution milestone) {
    List<String> groups = rules.level2Groups(milestone);
    Escalation.LEVEL2_GROUPS.set(milestone, groups);
    Escalation.SUPERVISE_DUE.set(milestone, rules.superviseDue());
    PlanMilestoneProcess.ESCALATION_LEVEL.set(milestone, 2);
    state.updateDaysOverdue(milestone);
    Escalation.CASE_HISTORY.set(milestone, texts.caseHistory(milestone));
    Set<String> escalated = new LinkedHashSet<>(Escalation.ESCALATED_GROUPS.find(milestone).orElse(List.of()));
    escalated.addAll(groups);
    Escalation.ESCALATED_GROUPS.set(milestone, new ArrayList<>(escalated));
    notices.notify(milestone.getProcessBusinessKey(), NoticeStep.LEVEL2, Escalation.LEVEL2_DUE.get(milestone),
        groups, texts.model(milestone));
  }

  /** The supervisors' final day must lie ahead; their instruction joins the case history. */
  public void recordSupervision(DelegateTask task) {
    LocalDate day = rules.dayAhead(Escalation.FINAL_DAY.name(), "最终完成期限", Escalation.FINAL_DAY.get(task));
    addRound(task, "督办意见", Escalation.INSTRUCTION.get(task), day);
  }

  /**
   * The returned case: the supervisors' 处理意见 and a new final day (ahead of today). The 处理意见
   * becomes the instruction the responsible agencies' leaders are told with the new final day.
   */
  public void recordReturnInstruction(DelegateTask task) {
    LocalDate day = rules.dayAhead(Escalation.FINAL_DAY.name(), "新的最终完成期限", Escalation.FINAL_DAY.get(task));
    String instruction = Escalation.RETURN_INSTRUCTION.get(task);
    addRound(task, "处理意见", instruction, day);
    Escalation.INSTRUCTION.set(task, instruction);
  }

  /** The supervisors set a final day: the responsible agencies' leaders are told. */
  public void setFinalDate(DelegateExecution milestone) {
    LocalDate day = LocalDate.parse(Escalation.FINAL_DAY.get(milestone).strip());
    Date finalDue = rules.endOfDay(day);
    Escalation.FINAL_DUE.set(milestone, finalDue);
    Escalation.SUPERVISE_AGAIN_DUE.set(milestone, rules.superviseAgainDue(finalDue));
    Map<String, Object> model = texts.model(milestone);
    model.put("finalDay", day.format(EscalationTexts.DAY));
    model.put("instruction", Escalation.INSTRUCTION.find(milestone).orElse(""));
    notices.notify(milestone.getProcessBusinessKey(), NoticeStep.FINAL_DATE, finalDue,
        rules.leaders(WorkVariables.RESPONSIBLE_GROUPS.get(milestone)), model);
  }

  /** The final day passed undelivered: the case returns to the supervisors once more. */
  public void returnCase(DelegateExecution milestone) {
    state.updateDaysOverdue(milestone);
    Escalation.CASE_HISTORY.set(milestone, texts.caseHistory(milestone));
    notices.notify(milestone.getProcessBusinessKey(), NoticeStep.FINAL_DATE_MISSED, Escalation.FINAL_DUE.get(milestone),
        Escalation.LEVEL2_GROUPS.get(milestone), texts.model(milestone));
  }

  /** The milestone was delivered after its escalation began: everyone the case reached is told it is closed. */
  public void closeCase(DelegateExecution milestone) {
    notices.notify(milestone.getProcessBusinessKey(), NoticeStep.CLOSED,
        PlanMilestoneProcess.DELIVERED_AT.get(milestone),
        Escalation.ESCALATED_GROUPS.find(milestone).orElse(List.of()), texts.model(milestone));
  }

  private void addRound(DelegateTask task, String label, String instruction, LocalDate day) {
    List<String> rounds = new ArrayList<>(Escalation.SUPERVISION_ROUNDS.find(task).orElse(List.of()));
    rounds.add(texts.round(label, instruction, day.format(EscalationTexts.DAY)));
    Escalation.SUPERVISION_ROUNDS.set(task.getExecution().getProcessInstance(), rounds);
  }
}
