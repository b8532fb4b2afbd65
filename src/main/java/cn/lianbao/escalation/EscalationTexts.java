package cn.lianbao.escalation;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.plan.PlanCatalog;
import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.AgencyAnswers;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * What the ladder writes for people, in one place: the fields of its notices (the templates under
 * {@code notices/}) and the case history the supervisors read.
 */
@Component
public class EscalationTexts {

  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final PlanCalendar calendar;
  private final AgencyCatalog agencies;
  private final PlanCatalog plans;

  public EscalationTexts(PlanCalendar calendar, AgencyCatalog agencies, PlanCatalog plans) {
    this.calendar = calendar;
    this.agencies = agencies;
    this.plans = plans;
  }

  /** The fields every notice of the milestone fills in. */
  public Map<String, Object> model(VariableScope milestone) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("item", itemTitle(milestone));
    model.put("milestone", WorkVariables.MILESTONE_TITLE.find(milestone).orElse(""));
    model.put("deadline", calendar.dayOf(WorkVariables.DEADLINE.get(milestone)).format(DAY));
    model.put("daysOverdue", PlanMilestoneProcess.DAYS_OVERDUE.find(milestone).orElse(0));
    model.put("agency", String.join("、", WorkVariables.RESPONSIBLE_GROUPS.get(milestone).stream()
        .map(agency -> agencies.find(agency).map(Agency::name).orElse(agency)).toList()));
    return model;
  }

  /** What the supervisors read: the milestone, its deadline, the leaders' answers, earlier instructions. */
  public String caseHistory(VariableScope milestone) {
    StringBuilder history = new StringBuilder();
    history.append("节点：").append(WorkVariables.MILESTONE_TITLE.find(milestone).orElse(""))
        .append("；截止 ").append(calendar.dayOf(WorkVariables.DEADLINE.get(milestone)).format(DAY))
        .append("，已逾期 ").append(PlanMilestoneProcess.DAYS_OVERDUE.find(milestone).orElse(0)).append(" 天。\n");
    List<Map<String, Object>> explained = Escalation.DELAY_EXPLANATIONS.find(milestone).orElse(List.of());
    if (explained.isEmpty()) {
      history.append("单位领导尚未作出情况说明。\n");
    }
    for (Map<String, Object> answer : explained) {
      history.append(answer.get(AgencyAnswers.AGENCY_NAME)).append("：")
          .append(answer.get(Escalation.DELAY_EXPLANATION.name()))
          .append("（承诺 ").append(answer.get(Escalation.COMMITTED_DAY.name())).append(" 完成）\n");
    }
    for (String round : Escalation.SUPERVISION_ROUNDS.find(milestone).orElse(List.of())) {
      history.append(round).append("\n");
    }
    return history.toString().strip();
  }

  /** One round of the supervisors' word, as the case history keeps it. */
  public String round(String label, String instruction, String finalDay) {
    return label + "：" + instruction + "；最终期限 " + finalDay;
  }

  private String itemTitle(VariableScope milestone) {
    String itemNo = WorkVariables.ITEM_NO.find(milestone).orElse("");
    return WorkVariables.PLAN_ID.find(milestone).flatMap(plans::find).flatMap(plan -> plan.item(itemNo))
        .map(item -> item.no() + " " + item.shortTitle()).orElse(itemNo);
  }
}
