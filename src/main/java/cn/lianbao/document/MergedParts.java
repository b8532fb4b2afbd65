package cn.lianbao.document;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.plan.Milestone;
import cn.lianbao.plan.Plan;
import cn.lianbao.plan.PlanCatalog;
import cn.lianbao.plan.PlanItem;
import cn.lianbao.plan.PlanItemProcess;
import cn.lianbao.plan.WorkVariables;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.springframework.stereotype.Component;

/**
 * The joint step of an item whose agencies each lead their own part (items 2 and 4a): the agency
 * that merges the parts ({@link Milestone#mergedBy}) sees on its draft form which agencies have
 * signed off their own document, with its file and the instance that holds it
 * ({@link OutcomeDocumentProcess#PART_DOCUMENTS}).
 *
 * <p>Two hooks of {@code outcome-document.bpmn}: the draft task's create listener writes the list
 * on a merge's work; the start of 报告节点完成 (a part's document is signed off) writes it again on
 * the running work of the merge that takes this part. A few bounded queries: one per agency that
 * each leads, and one for the merge's running work.
 */
@Component("mergedParts")
public class MergedParts implements TaskListener, ExecutionListener {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final PlanCatalog plans;
  private final AgencyCatalog agencies;
  private final PlanCalendar calendar;

  public MergedParts(PlanCatalog plans, AgencyCatalog agencies, PlanCalendar calendar) {
    this.plans = plans;
    this.calendar = calendar;
    this.agencies = agencies;
  }

  /** The draft task of a merge's work is created: the parts signed off so far. */
  @Override
  public void notify(DelegateTask task) {
    DelegateExecution work = task.getExecution();
    Optional<Order> order = order(work);
    if (order.isEmpty()) {
      return;
    }
    order.get().milestone(order.get().item)
        .filter(Milestone::isMerge)
        .ifPresent(merge -> OutcomeDocumentProcess.PART_DOCUMENTS.set(work.getProcessInstance(),
            describe(work.getProcessEngineServices(), order.get(), merge)));
  }

  /** A part's document is signed off: the merge that takes this part, if its work runs, learns of it. */
  @Override
  public void notify(DelegateExecution execution) {
    Optional<Order> order = order(execution);
    if (order.isEmpty()) {
      return;
    }
    Order part = order.get();
    String partsMilestone = part.partId.contains(":") ? part.partId.substring(0, part.partId.indexOf(':')) : null;
    if (partsMilestone == null) {
      return;
    }
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    for (Milestone merge : part.item.milestones()) {
      if (!partsMilestone.equals(merge.merges())) {
        continue;
      }
      String key = PlanItemProcess.businessKey(part.year, part.item.no()) + "-" + merge.id();
      for (ProcessInstance work : runtime.createProcessInstanceQuery().processDefinitionKey(OutcomeDocumentProcess.KEY)
          .processInstanceBusinessKey(key).active().listPage(0, 5)) {
        runtime.setVariable(work.getId(), OutcomeDocumentProcess.PART_DOCUMENTS.name(),
            describe(execution.getProcessEngineServices(), part, merge));
      }
    }
  }

  /** One line per agency that each leads: its signed-off document, or that it has none yet. */
  String describe(ProcessEngineServices engine, Order order, Milestone merge) {
    HistoryService history = engine.getHistoryService();
    String document = order.item.milestones().stream().filter(m -> m.id().equals(merge.merges()))
        .map(Milestone::document).filter(title -> title != null).findFirst().orElse(merge.title());
    List<String> lines = new ArrayList<>();
    for (String agency : order.item.roles().eachLeads()) {
      String name = agencies.find(agency).map(Agency::shortName).orElse(agency);
      String key = PlanItemProcess.businessKey(order.year, order.item.no()) + "-" + merge.merges() + ":" + agency;
      String line = name + "：尚未定稿报送";
      for (HistoricProcessInstance work : history.createHistoricProcessInstanceQuery()
          .processDefinitionKey(OutcomeDocumentProcess.KEY).processInstanceBusinessKey(key)
          .orderByProcessInstanceStartTime().desc().listPage(0, 3)) {
        HistoricVariableInstance signedOff = history.createHistoricVariableInstanceQuery()
            .processInstanceId(work.getId()).variableName(OutcomeDocumentProcess.FINAL_DOCUMENT.name())
            .disableBinaryFetching().listPage(0, 1).stream().findFirst().orElse(null);
        if (signedOff != null) {
          String file = signedOff.getTypedValue() instanceof FileValue value ? value.getFilename() : "定稿文件";
          line = name + "：已定稿《" + document + "》，文件“" + file + "”（"
              + calendar.dayOf(signedOff.getCreateTime()).format(DAY) + "定稿，办理实例 " + work.getId() + "）";
          break;
        }
      }
      lines.add(line);
    }
    return String.join("\n", lines);
  }

  /** The plan order of a work, or empty for work run on its own. */
  private Optional<Order> order(VariableScope work) {
    Optional<String> partId = WorkVariables.PART_ID.find(work);
    if (partId.isEmpty()) {
      return Optional.empty();
    }
    Optional<Plan> plan = plans.find(WorkVariables.PLAN_ID.get(work));
    Optional<PlanItem> item = plan.flatMap(found -> found.item(WorkVariables.ITEM_NO.get(work)));
    return item.map(found -> new Order(found, WorkVariables.YEAR.get(work), partId.get()));
  }

  /** A work's place in the plan. */
  record Order(PlanItem item, int year, String partId) {
    Optional<Milestone> milestone(PlanItem item) {
      return item.milestones().stream().filter(m -> m.id().equals(partId)).findFirst();
    }
  }
}
