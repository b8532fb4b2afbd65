package cn.lianbao.plan;

import cn.lianbao.process.InvalidInputException;
import cn.lianbao.process.VariableLimits;
import java.sql.Timestamp;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Registers a year's plan when the annual-plan process starts, in the transaction of the start:
 * checks the plan file and the year, and claims the year in {@code LIANBAO_PLAN_YEAR}, whose primary
 * key refuses a second plan for the year (also when two starts race). Then lists the plan's items.
 *
 * <p>A year is taken while its plan runs or after it completed. A plan that ended otherwise (an
 * administrator deleted its instance, with or without its listeners) frees its year: that is decided
 * here, from the database, when the year is started again, not by a listener that a deletion may skip.
 */
@Component("planYearRegistry")
public class PlanYearRegistry implements JavaDelegate {

  static final int FIRST_YEAR = 2021;
  /**
   * A year's work runs into the next January (the second escalation level, rectification): its dates
   * must still lie within the dates the engine stores ({@link VariableLimits#LAST_YEAR}).
   */
  static final int LAST_YEAR = VariableLimits.LAST_YEAR - 1;

  private final PlanCatalog plans;
  private final JdbcTemplate jdbc;

  public PlanYearRegistry(PlanCatalog plans, JdbcTemplate jdbc) {
    this.plans = plans;
    this.jdbc = jdbc;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String planId = AnnualPlanProcess.PLAN_ID.find(execution).map(String::strip).filter(id -> !id.isEmpty())
        .orElseThrow(() -> new InvalidInputException("planId", "字段 planId（计划）为必填项"));
    Plan plan = plans.find(planId).orElseThrow(() -> new InvalidInputException("planId",
        "字段 planId（计划）：没有编号为 " + planId + " 的计划文件（现有：" + String.join("、", plans.ids()) + "）"));
    int year = year(execution.getVariable(AnnualPlanProcess.YEAR.name()));
    String businessKey = execution.getProcessBusinessKey();
    if (businessKey == null || businessKey.isBlank()) {
      execution.setProcessBusinessKey(String.valueOf(year));
    } else if (!businessKey.equals(String.valueOf(year))) {
      throw new InvalidInputException("businessKey",
          "年度计划的业务编号应为年份 " + year + "，收到“" + businessKey + "”");
    }
    AnnualPlanProcess.YEAR.set(execution, year);
    freeIfItsPlanWasCancelled(execution, year);
    try {
      jdbc.update("INSERT INTO LIANBAO_PLAN_YEAR (YEAR_, PLAN_ID_, PROC_INST_ID_, STARTED_BY_, STARTED_AT_) "
              + "VALUES (?, ?, ?, ?, ?)", year, plan.id(), execution.getProcessInstanceId(),
          AnnualPlanProcess.STARTER.find(execution).orElse(null), new Timestamp(ClockUtil.getCurrentTime().getTime()));
    } catch (DuplicateKeyException e) {
      throw new InvalidInputException("year", "字段 year（年度）：" + year + " 年的年度计划已经启动，每年只能有一份计划");
    }
    AnnualPlanProcess.ITEM_NOS.set(execution, plan.items().stream().map(PlanItem::no).toList());
  }

  /**
   * The plan file of a started year: the year's plan runs or completed. Empty for a year never
   * started or whose plan was cancelled.
   */
  public java.util.Optional<String> startedPlan(int year, ProcessEngineServices engine) {
    List<java.util.Map<String, Object>> rows = jdbc.queryForList(
        "SELECT PLAN_ID_, PROC_INST_ID_ FROM LIANBAO_PLAN_YEAR WHERE YEAR_ = ?", year);
    if (rows.isEmpty()) {
      return java.util.Optional.empty();
    }
    String instanceId = (String) rows.get(0).get("PROC_INST_ID_");
    boolean running = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instanceId).count() > 0;
    boolean completed = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .completed().count() > 0;
    return running || completed ? java.util.Optional.of((String) rows.get(0).get("PLAN_ID_")) : java.util.Optional.empty();
  }

  /**
   * Holds the year's record until the caller's transaction ends: another transaction that asks for it
   * waits until then. A step that numbers things of a year (an event campaign's milestone
   * {@code <year>-11-event-<n>}) holds it first, so that two such steps at the same moment count one after
   * the other.
   */
  public void holdYear(int year) {
    jdbc.queryForList("SELECT YEAR_ FROM LIANBAO_PLAN_YEAR WHERE YEAR_ = ? FOR UPDATE", Integer.class, year);
  }

  /** Deletes the year's record if the plan instance it names neither runs nor completed. */
  private void freeIfItsPlanWasCancelled(DelegateExecution execution, int year) {
    List<String> recorded = jdbc.queryForList("SELECT PROC_INST_ID_ FROM LIANBAO_PLAN_YEAR WHERE YEAR_ = ?",
        String.class, year);
    if (recorded.isEmpty()) {
      return;
    }
    String instanceId = recorded.get(0);
    ProcessEngineServices engine = execution.getProcessEngineServices();
    boolean running = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instanceId).count() > 0;
    boolean completed = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .completed().count() > 0;
    if (!running && !completed) {
      jdbc.update("DELETE FROM LIANBAO_PLAN_YEAR WHERE YEAR_ = ? AND PROC_INST_ID_ = ?", year, instanceId);
    }
  }

  private static int year(Object value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      throw new InvalidInputException("year", "字段 year（年度）为必填项");
    }
    long year;
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      year = ((Number) value).longValue();
    } else if (value instanceof String text && text.strip().matches("\\d{4}")) {
      year = Long.parseLong(text.strip());
    } else {
      throw new InvalidInputException("year", "字段 year（年度）应为四位年份，收到“" + value + "”");
    }
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw new InvalidInputException("year", "字段 year（年度）应在 " + FIRST_YEAR + " 至 " + LAST_YEAR + " 之间，收到 " + year);
    }
    return (int) year;
  }
}
