package cn.lianbao.plan;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.agency.AgencyDirectory;
import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.guidance.Guidance;
import cn.lianbao.process.TaskFacts;
import cn.lianbao.process.TaskRule;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Names every task of the plan so that it says at a glance what and where —
 * "【4a 排污口清单】苏州市 · 起草成果文件" — and describes it with the plan's own words: the
 * milestone and its deadline, the requirement (of the text and, where it differs, of the table), the
 * table's schedule, the expected outcome and the readings behind them.
 * A rule of {@link cn.lianbao.process.TaskRules}: it gives the {@link TaskTitle} to the rules after it.
 */
@Component
public class TaskTitles implements TaskRule {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
  /** "（如有重大需解决问题同步召开协调会议）" at the end of a meeting's title. */
  private static final Pattern TRAILING_REMARK = Pattern.compile("（[^（）]*）$");
  /** "第一次", "第二次" in a milestone's title. */
  private static final Pattern ORDINAL = Pattern.compile("第[一二三四五六七八九十]+次");

  private final PlanCatalog plans;
  private final AgencyCatalog agencies;
  private final PlanCalendar calendar;

  public TaskTitles(PlanCatalog plans, AgencyCatalog agencies, PlanCalendar calendar) {
    this.plans = plans;
    this.agencies = agencies;
    this.calendar = calendar;
  }

  @Override
  public void created(DelegateTask task, TaskFacts facts) {
    title(task).ifPresent(title -> {
      task.setName(title.name());
      task.setDescription(title.description());
      facts.give(TaskTitle.class, title);
    });
  }

  /** The title of a new task of the plan, from the BPMN's name and description; none for other tasks. */
  Optional<TaskTitle> title(DelegateTask task) {
    Optional<MilestonePart> found = part(task);
    if (found.isEmpty()) {
      return outsideThePlan(task);
    }
    MilestonePart part = found.get();
    PlanItem item = part.item();
    String itemName = itemName(item);
    String name = "【" + itemName + "】" + where(task, part) + " · " + task.getName() + which(part.milestone())
        + guidedPart(task, part);

    List<String> lines = new ArrayList<>();
    String deadline = WorkVariables.DEADLINE.find(task).map(day -> calendar.dayOf(day).format(DAY)).orElse("");
    lines.add("【节点】" + part.milestone().title() + (deadline.isEmpty() ? "" : "（截止 " + deadline + "）"));
    Optional<Integer> year = WorkVariables.YEAR.find(task);
    if (year.isPresent()) {
      plans.find(WorkVariables.PLAN_ID.find(task).orElseThrow())
          .flatMap(plan -> eventBefore(plan, part.milestone(), year.get()))
          .ifPresent(event -> lines.add("【保障活动】" + event));
    }
    if (task.getDescription() != null && !task.getDescription().isBlank()) {
      lines.add("【本任务】" + task.getDescription().strip());
    }
    if (part.milestone().document() != null) {
      lines.add("【成果文件】" + part.milestone().document());
    }
    lines.add("【工作要求】" + requirement(item));
    if (!item.schedule().isEmpty()) {
      lines.add("【进度安排】" + schedule(item));
    }
    lines.add("【预期成果】" + item.outcome());
    // the item's readings concern all its milestones; a milestone's own reading only its tasks
    List<String> readings = new ArrayList<>(item.readings());
    if (part.milestone().reading() != null && !readings.contains(part.milestone().reading())) {
      readings.add(part.milestone().reading());
    }
    if (!readings.isEmpty()) {
      lines.add("【说明】" + String.join(" ", readings));
    }
    // one line per part; Tasklist shows them as one paragraph, the labels keep them apart
    return Optional.of(new TaskTitle(itemName, name, String.join("\n", lines)));
  }

  /**
   * A task of a milestone started outside the plan file for an item of the plan (an event campaign of
   * item 11): named for the item and the task's agencies; the milestone's own title (which names the
   * event) and deadline, and the item's requirement, make its description.
   */
  private Optional<TaskTitle> outsideThePlan(DelegateTask task) {
    Optional<String> planId = WorkVariables.PLAN_ID.find(task);
    Optional<String> itemNo = WorkVariables.ITEM_NO.find(task);
    Optional<String> title = WorkVariables.MILESTONE_TITLE.find(task);
    if (planId.isEmpty() || itemNo.isEmpty() || title.isEmpty() || WorkVariables.PART_ID.find(task).isPresent()) {
      return Optional.empty();
    }
    Optional<PlanItem> found = plans.find(planId.get()).flatMap(plan -> plan.item(itemNo.get()));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    PlanItem item = found.get();
    String itemName = itemName(item);
    List<String> order = agencies.all().stream().map(Agency::id).toList();
    String where = task.getCandidates().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .map(IdentityLink::getGroupId)
        .filter(group -> group != null)
        .sorted(java.util.Comparator.comparingInt(group -> order.contains(group) ? order.indexOf(group) : order.size()))
        .map(this::groupName)
        .collect(java.util.stream.Collectors.joining("、"));
    List<String> lines = new ArrayList<>();
    String deadline = WorkVariables.DEADLINE.find(task).map(day -> calendar.dayOf(day).format(DAY)).orElse("");
    lines.add("【节点】" + title.get() + (deadline.isEmpty() ? "" : "（截止 " + deadline + "）"));
    if (task.getDescription() != null && !task.getDescription().isBlank()) {
      lines.add("【本任务】" + task.getDescription().strip());
    }
    lines.add("【工作要求】" + item.requirement());
    lines.add("【预期成果】" + item.outcome());
    return Optional.of(new TaskTitle(itemName, "【" + itemName + "】" + where + " · " + task.getName(),
        String.join("\n", lines)));
  }

  /** "4a 排污口清单": an item as the tasks, notices and reports name it. */
  public static String itemName(PlanItem item) {
    return item.no() + " " + item.shortTitle();
  }

  /**
   * The item's requirement in the plan's words: "正文：…（…牵头…）", followed by " 附表：…" where the
   * table words it otherwise (the item's readings say which is followed).
   */
  public static String requirement(PlanItem item) {
    return "正文：" + item.requirement() + (item.tableRequirement() == null ? "" : " 附表：" + item.tableRequirement());
  }

  /**
   * The item's schedule in the table's words, cell by cell: "第二季度：完成第一次共同巡河；第三、四季度：…";
   * empty for an item without one.
   */
  public static String schedule(PlanItem item) {
    return String.join("；", item.schedule().stream().map(ScheduleCell::line).toList());
  }

  /**
   * Tells apart the tasks of an item's milestones of one kind, in the milestone's own words: the
   * document, the quarter reported on, the meeting ("召开年度总结会议（…）" → "（年度总结会议）") or
   * which patrol ("完成第一次共同巡河" → "（第一次）").
   */
  static String which(Milestone milestone) {
    if (milestone.document() != null) {
      return "《" + milestone.document() + "》";
    }
    if ("progress-report".equals(milestone.work()) && milestone.quarter() != null) {
      return "（第" + "一二三四".charAt(milestone.quarter() - 1) + "季度）";
    }
    if ("consultation-meeting".equals(milestone.work())) {
      String meeting = TRAILING_REMARK.matcher(milestone.title()).replaceFirst("");
      meeting = meeting.startsWith("召开") ? meeting.substring("召开".length()) : meeting;
      return meeting.isBlank() ? "" : "（" + meeting + "）";
    }
    Matcher ordinal = ORDINAL.matcher(milestone.title());
    return ordinal.find() ? "（" + ordinal.group() + "）" : "";
  }

  /**
   * What happens on the plan's date a milestone is due before — "第四届中国国际进口博览会（2021年11月5日）" —
   * or nothing for a milestone due at a quarter's end or on a date of its own.
   */
  static Optional<String> eventBefore(Plan plan, Milestone milestone, int year) {
    if (milestone.date() == null || milestone.daysBefore() <= 0) {
      return Optional.empty();
    }
    return plan.dates().entrySet().stream()
        .filter(date -> date.getValue().equals(milestone.date()))
        .map(date -> plan.dateNames().get(date.getKey()) + "（" + date.getValue().atYear(year).format(DAY) + "）")
        .findFirst();
  }

  /** A guiding agency's task of one agency's part: "（苏州市）", telling the parts apart. */
  private String guidedPart(DelegateTask task, MilestonePart part) {
    if (!Guidance.TASKS.contains(task.getTaskDefinitionKey()) || part.ownAgency() == null) {
      return "";
    }
    return "（" + agencies.find(part.ownAgency()).map(Agency::shortName).orElse(part.ownAgency()) + "）";
  }

  /** An agency's short name, or its leadership as "苏州市领导". */
  private String groupName(String group) {
    return agencies.find(group).map(Agency::shortName)
        .or(() -> agencies.ofLeadersGroup(group).map(agency -> agency.shortName() + "领导"))
        .orElse(group);
  }

  private Optional<MilestonePart> part(DelegateTask task) {
    Optional<String> planId = WorkVariables.PLAN_ID.find(task);
    Optional<String> itemNo = WorkVariables.ITEM_NO.find(task);
    Optional<String> partId = WorkVariables.PART_ID.find(task);
    if (planId.isEmpty() || itemNo.isEmpty() || partId.isEmpty()) {
      return Optional.empty();
    }
    return plans.find(planId.get()).flatMap(plan -> plan.item(itemNo.get()))
        .map(item -> item.parts().stream().filter(part -> part.id().equals(partId.get())).findFirst().orElse(null));
  }

  /**
   * The agencies whose task it is, by their short names in the order of the agency file (Shanghai,
   * Jiangsu, Zhejiang, …): the candidate groups, or the part's own agency.
   */
  private String where(DelegateTask task, MilestonePart part) {
    List<String> order = agencies.all().stream().map(Agency::id).toList();
    List<String> groups = task.getCandidates().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .map(IdentityLink::getGroupId)
        .filter(group -> group != null)
        .toList();
    if (groups.contains(AgencyDirectory.SUPERVISORS)) {
      // the supervisors' cases are named for the agencies whose milestone is late
      groups = part.responsibleGroups();
    }
    List<String> names = groups.stream()
        .sorted(java.util.Comparator.comparingInt(group -> order.contains(group) ? order.indexOf(group) : order.size()))
        .map(this::groupName)
        .toList();
    if (names.isEmpty() && part.ownAgency() != null) {
      names = List.of(agencies.find(part.ownAgency()).map(Agency::shortName).orElse(part.ownAgency()));
    }
    return String.join("、", names);
  }
}
