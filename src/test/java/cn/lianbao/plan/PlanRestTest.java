package cn.lianbao.plan;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.support.Http;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.camunda.bpm.engine.ProcessEngine;

import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.type.ValueType;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The year's plan through the REST API: who starts it, and who reads the documents of an item. */
@LianbaoTest
class PlanRestTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  @Test
  void aSupervisorStartsTheYearsPlanOnceAndAnOfficerCannot() {
    String start = "/engine-rest/process-definition/key/annual-plan/start";
    String body = "{\"businessKey\":\"2040\",\"variables\":{\"planId\":{\"value\":\"2021\",\"type\":\"String\"},"
        + "\"year\":{\"value\":2040,\"type\":\"Integer\"}}}";

    HttpResponse<String> form = Http.as(port, "supervisor")
        .get("/engine-rest/process-definition/key/annual-plan/deployed-start-form");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("cam-variable-name=\"year\"").contains("实施年度");

    assertThat(Http.as(port, "qingpu-gov-officer").post(start, body).statusCode()).isEqualTo(403);
    assertThat(Http.as(port, "supervisor").post(start, body).statusCode()).isEqualTo(200);
    HttpResponse<String> again = Http.as(port, "supervisor").post(start, body);
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("2040 年的年度计划已经启动");

    HttpResponse<String> viaForm = Http.as(port, "supervisor").post(
        "/engine-rest/process-definition/key/annual-plan/submit-form", body.replace("\"businessKey\":\"2040\",", ""));
    assertThat(viaForm.statusCode()).isEqualTo(400);
    assertThat(viaForm.body()).contains("2040 年的年度计划已经启动");
  }

  @Test
  void theAgenciesOfAnItemAndTheSupervisorsDownloadItsDocumentsOthersDoNot() {
    int year = 2041;
    PlanDriver driver = new PlanDriver(engine, year);
    driver.clockAt(PlanDriver.at(LocalDate.of(year, 1, 4), 9));
    driver.start("2021");
    Task draft = driver.openTasks().stream()
        .filter(task -> driver.businessKey(task).equals(year + "-4b-action-plan")).findFirst().orElseThrow();
    driver.complete(draft);
    VariableInstance document = engine.getRuntimeService().createVariableInstanceQuery()
        .processInstanceIdIn(draft.getProcessInstanceId()).list().stream()
        .filter(variable -> variable.getTypedValue().getType() == ValueType.FILE).findFirst().orElseThrow();
    String data = "/engine-rest/variable-instance/" + document.getId() + "/data";

    assertThat(Http.as(port, "suzhou-gov-officer").get(data).statusCode()).as("the lead").isEqualTo(200);
    assertThat(Http.as(port, "qingpu-gov-officer").get(data).statusCode()).as("an implementing agency").isEqualTo(200);
    assertThat(Http.as(port, "exec-committee-leader").get(data).statusCode()).as("a guiding agency").isEqualTo(200);
    assertThat(Http.as(port, "supervisor").get(data).statusCode()).isEqualTo(200);
    assertThat(Http.as(port, "supervisor").get(data).body()).startsWith("%PDF");
    assertThat(Http.as(port, "sh-water-officer").get(data).statusCode()).as("an agency outside item 4b")
        .isIn(403, 404);
  }
}
