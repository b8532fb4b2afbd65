package cn.lianbao.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.plan.MilestoneDelivery;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.report.ProgressReportProcess;
import cn.lianbao.support.LianbaoTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Expressions of the processes resolve the beans the processes name, and no other bean. */
@LianbaoTest
class ProcessBeansTest {

  @Autowired ProcessEngine engine;
  @Autowired PlanCalendar calendar;

  @Test
  void anExpressionResolvesTheProcessesBeansButNotTheRestOfTheApplication() {
    ProcessInstance report = engine.getRuntimeService().startProcessInstanceByKey(ProgressReportProcess.KEY,
        "beans-" + UUID.randomUUID(),
        WorkVariables.RESPONSIBLE_GROUPS.with(new ArrayList<>(List.of("qingpu-gov")))
            .putValue(WorkVariables.YEAR.name(), 2027)
            .putValue(WorkVariables.ITEM_NO.name(), "5")
            .putValue(WorkVariables.DEADLINE.name(), calendar.quarterEnd(2027, 1))
            .putValue(WorkVariables.FOLLOW_UP.name(), calendar.quarterFollowUp(2027, 1)));

    assertThat(evaluate(report, "${milestoneDelivery}")).isInstanceOf(MilestoneDelivery.class);
    for (String bean : List.of("jdbcTemplate", "dataSource", "identityService", "processEngine", "agencyCatalog")) {
      assertThatThrownBy(() -> evaluate(report, "${" + bean + "}")).as(bean)
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Unknown property used in expression");
    }
  }

  private Object evaluate(ProcessInstance instance, String text) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired().execute(context -> {
      ExecutionEntity execution = context.getExecutionManager().findExecutionById(instance.getId());
      return configuration.getExpressionManager().createExpression(text).getValue(execution);
    });
  }
}
