package cn.lianbao.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import cn.lianbao.plan.WorkVariables;
import cn.lianbao.report.ProgressReportProcess;
import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The test JVM is started in America/Los_Angeles (pom.xml, surefire); deadlines must still be
 * China Standard Time days.
 */
@LianbaoTest
class ServerTimeZoneTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired PlanCalendar calendar;

  @Test
  void aServerStartedInAnotherZoneKeepsChinaStandardTimeDeadlines() throws Exception {
    assumeThat(System.getProperty("user.timezone")).as("the JVM was started in another zone")
        .isNotEqualTo("Asia/Shanghai");
    assertThat(TimeZone.getDefault().toZoneId()).isEqualTo(ZoneId.of("Asia/Shanghai"));

    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(ProgressReportProcess.KEY,
        WorkVariables.RESPONSIBLE_GROUPS.with(new ArrayList<>(List.of("js-water")))
            .putValue(WorkVariables.YEAR.name(), 2027)
            .putValue(WorkVariables.ITEM_NO.name(), "12")
            .putValue(WorkVariables.DEADLINE.name(), calendar.quarterEnd(2027, 3))
            .putValue(WorkVariables.FOLLOW_UP.name(), calendar.quarterFollowUp(2027, 3)));
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();

    var shown = new ObjectMapper().readTree(Http.as(port, "js-water-officer").get("/engine-rest/task/" + task.getId()).body());
    assertThat(shown.path("due").asText()).isEqualTo("2027-09-30T23:59:59.000+0800");
    assertThat(shown.path("followUp").asText()).isEqualTo("2027-09-16T23:59:59.000+0800");
  }
}
