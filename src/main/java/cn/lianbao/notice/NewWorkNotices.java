package cn.lianbao.notice;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.plan.PlanCatalog;
import cn.lianbao.plan.TaskTitle;
import cn.lianbao.plan.TaskTitles;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.TaskFacts;
import cn.lianbao.process.TaskRule;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * New work for an agency: when a task of the plan (one with the variable {@code itemNo}) is created,
 * the members of its candidate agencies get a {@link NoticeStep#NEW_WORK} notice with a link to it.
 * Only agency groups are told: the supervision tasks of the escalation ladder, which go to
 * leaderships and supervisors, have notices of their own ({@link NoticeStep#LEVEL1} …). A rule of
 * {@link cn.lianbao.process.TaskRules} after {@link TaskTitles}: the {@link TaskTitle} it gives names
 * the item and the task as Tasklist shows them.
 */
@Component
public class NewWorkNotices implements TaskRule {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

  // looked up at the first task: the notices use the engine, which the task rules help to build
  private final ObjectProvider<Notices> notices;
  private final AgencyCatalog agencies;
  private final PlanCatalog plans;
  private final PlanCalendar calendar;

  public NewWorkNotices(ObjectProvider<Notices> notices, AgencyCatalog agencies, PlanCatalog plans,
      PlanCalendar calendar) {
    this.notices = notices;
    this.agencies = agencies;
    this.plans = plans;
    this.calendar = calendar;
  }

  @Override
  public void created(DelegateTask task, TaskFacts facts) {
    announce(task, facts.find(TaskTitle.class));
  }

  void announce(DelegateTask task, Optional<TaskTitle> title) {
    Optional<String> itemNo = WorkVariables.ITEM_NO.find(task);
    if (itemNo.isEmpty()) {
      return;
    }
    List<String> groups = task.getCandidates().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .map(IdentityLink::getGroupId)
        .filter(Objects::nonNull)
        .filter(agencies::contains)
        .distinct()
        .toList();
    if (groups.isEmpty()) {
      return;
    }
    Date due = task.getDueDate();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("item", title.map(TaskTitle::item).orElseGet(() -> item(task, itemNo.get())));
    model.put("milestone", WorkVariables.MILESTONE_TITLE.find(task).orElse(""));
    model.put("task", title.map(TaskTitle::name).orElseGet(task::getName));
    model.put("agency", String.join("、",
        groups.stream().map(group -> agencies.find(group).map(Agency::name).orElse(group)).toList()));
    model.put("deadline", due == null ? "未定" : calendar.dayOf(due).format(DAY));
    model.put("taskId", task.getId());
    notices.getObject().notify(task.getId(), NoticeStep.NEW_WORK, due != null ? due : task.getCreateTime(), groups,
        model);
  }

  /** "4a 排污口清单" for a task without a title of the plan (no milestone part): from the plan, else its number. */
  private String item(DelegateTask task, String itemNo) {
    return WorkVariables.PLAN_ID.find(task).flatMap(plans::find).flatMap(plan -> plan.item(itemNo))
        .map(TaskTitles::itemName).orElse(itemNo);
  }
}
