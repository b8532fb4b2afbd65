package cn.lianbao.hyacinth;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.plan.MilestonePart;
import cn.lianbao.plan.PlanCatalog;
import cn.lianbao.plan.PlanItem;
import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.plan.PlanYearRegistry;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Checks the start of an event campaign ({@link EventCampaignProcess}) in the transaction of the
 * start, so a refusal (a Chinese 400 naming the field) leaves nothing started: the year must be a
 * started plan year, the event's name given and not too long, its date after today (the campaign is
 * due the day before) and within the year. Then writes the milestone's work order: item 11's hyacinth
 * campaign with its lead and implementing agencies, due the event's eve ({@link PlanCalendar#eveOf}).
 */
@Component("eventCampaignStart")
public class EventCampaignStart implements JavaDelegate {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final PlanYearRegistry years;
  private final PlanCatalog plans;
  private final PlanCalendar calendar;

  public EventCampaignStart(PlanYearRegistry years, PlanCatalog plans, PlanCalendar calendar) {
    this.years = years;
    this.plans = plans;
    this.calendar = calendar;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int year = year(execution.getVariable(EventCampaignProcess.YEAR.name()));
    // the year is held until this start commits: a second start waits and numbers its milestone after this one's
    String planId = Context.getCommandContext().runWithoutAuthorization(() -> {
      years.holdYear(year);
      return years.startedPlan(year, execution.getProcessEngineServices());
    })
        .orElseThrow(() -> new InvalidInputException("year",
            "字段 year（年度）：" + year + " 年的年度计划尚未启动，只能为已启动的计划年度发起专项行动"));
    String eventName = eventName(execution.getVariable(EventCampaignProcess.EVENT_NAME.name()));
    LocalDate eventDay = eventDay(execution.getVariable(EventCampaignProcess.EVENT_DATE.name()), year);

    MilestonePart campaign = plans.get(planId).parts().stream()
        .filter(part -> HyacinthCampaignProcess.KEY.equals(part.milestone().work()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("plan " + planId + " has no hyacinth campaign"));
    PlanItem item = campaign.item();
    Date deadline = calendar.eveOf(eventDay);
    String key = milestoneKey(execution, year, item.no());

    execution.setProcessBusinessKey(key);
    EventCampaignProcess.YEAR.set(execution, year);
    EventCampaignProcess.EVENT_NAME.set(execution, eventName);
    EventCampaignProcess.EVENT_DATE.set(execution, eventDay.toString());
    EventCampaignProcess.MILESTONE_KEY.set(execution, key);
    WorkVariables.PLAN_ID.set(execution, planId);
    WorkVariables.ITEM_NO.set(execution, item.no());
    PlanMilestoneProcess.WORK_KIND.set(execution, HyacinthCampaignProcess.KEY);
    WorkVariables.MILESTONE_TITLE.set(execution,
        "示范区重大活动保障：" + eventName + "（" + eventDay.format(DAY) + "）前落实水葫芦专项整治行动");
    WorkVariables.DEADLINE.set(execution, deadline);
    WorkVariables.RESPONSIBLE_GROUPS.set(execution, new ArrayList<>(campaign.responsibleGroups()));
    WorkVariables.IMPLEMENTING_GROUPS.set(execution, new ArrayList<>(campaign.implementingGroups()));
    WorkVariables.COOPERATING_GROUPS.set(execution, new ArrayList<>(campaign.cooperatingGroups()));
    WorkVariables.CONTRIBUTOR_GROUPS.set(execution, new ArrayList<>(campaign.contributorGroups()));
    WorkVariables.GUIDING_GROUPS.set(execution, new ArrayList<>(item.roles().guiding()));
    WorkVariables.ITEM_GROUPS.set(execution, new ArrayList<>(item.roles().all()));
    EventCampaignProcess.STEP_DEADLINES_NOTE.set(execution, stepNote(deadline));
  }

  /** How the survey's and the action plan's deadlines follow from the time left. */
  private String stepNote(Date deadline) {
    Date now = ClockUtil.getCurrentTime();
    List<Date> steps = calendar.stepDeadlines(now, deadline, HyacinthCampaignProcess.SURVEY_DAYS_BEFORE,
        HyacinthCampaignProcess.ACTION_PLAN_DAYS_BEFORE);
    String dates = "调研检查 " + calendar.dayOf(steps.get(0)).format(DAY) + "，行动方案 "
        + calendar.dayOf(steps.get(1)).format(DAY) + "，落实到位 " + calendar.dayOf(deadline).format(DAY);
    if (calendar.stepsShortened(now, deadline, HyacinthCampaignProcess.SURVEY_DAYS_BEFORE)) {
      return "活动临近，来不及在截止日前 " + HyacinthCampaignProcess.SURVEY_DAYS_BEFORE + " 天、"
          + HyacinthCampaignProcess.ACTION_PLAN_DAYS_BEFORE + " 天完成调研检查和行动方案："
          + "从发起之日到截止日的时间三等分，" + dates + "。";
    }
    return "按计划解读：调研检查于截止日前 " + HyacinthCampaignProcess.SURVEY_DAYS_BEFORE + " 天、行动方案于截止日前 "
        + HyacinthCampaignProcess.ACTION_PLAN_DAYS_BEFORE + " 天完成，" + dates + "。";
  }

  /**
   * {@code <year>-<item>-event-<n>}: one more than the event milestones the year already has (counted while
   * the year is held, {@link PlanYearRegistry#holdYear}).
   */
  private static String milestoneKey(DelegateExecution execution, int year, String itemNo) {
    String prefix = year + "-" + itemNo + "-event-";
    long existing = Context.getCommandContext().runWithoutAuthorization(() -> execution.getProcessEngineServices()
        .getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(PlanMilestoneProcess.KEY)
        .processInstanceBusinessKeyLike(prefix + "%")
        .count());
    return prefix + (existing + 1);
  }

  private static int year(Object value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      throw new InvalidInputException("year", "字段 year（年度）为必填项");
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return (int) ((Number) value).longValue();
    }
    if (value instanceof String text && text.strip().matches("\\d{4}")) {
      return Integer.parseInt(text.strip());
    }
    throw new InvalidInputException("year", "字段 year（年度）应为四位年份，收到“" + value + "”");
  }

  private static String eventName(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new InvalidInputException("eventName", "字段 eventName（活动名称）为必填项");
    }
    String name = text.strip();
    if (name.length() > EventCampaignProcess.EVENT_NAME_MAX_LENGTH) {
      throw new InvalidInputException("eventName", "字段 eventName（活动名称）不能超过 "
          + EventCampaignProcess.EVENT_NAME_MAX_LENGTH + " 字（收到 " + name.length() + " 字）");
    }
    return name;
  }

  private LocalDate eventDay(Object value, int year) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new InvalidInputException("eventDate", "字段 eventDate（活动日期）为必填项");
    }
    LocalDate day;
    try {
      day = LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("eventDate",
          "字段 eventDate（活动日期）应为日期，格式 yyyy-MM-dd（如 2021-06-30），收到“" + text + "”");
    }
    LocalDate today = calendar.dayOf(ClockUtil.getCurrentTime());
    if (!day.isAfter(today)) {
      throw new InvalidInputException("eventDate", "字段 eventDate（活动日期）须晚于今天（" + today.format(DAY)
          + "）：专项行动须在活动前一天落实到位，收到 " + day.format(DAY));
    }
    if (day.getYear() != year) {
      throw new InvalidInputException("eventDate", "字段 eventDate（活动日期）须在所选年度 " + year + " 年内，收到 "
          + day.format(DAY));
    }
    return day;
  }
}
