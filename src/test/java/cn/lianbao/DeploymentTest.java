package cn.lianbao;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.report.ProgressReportProcess;
import cn.lianbao.support.LianbaoTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** processes/ and forms/ reach the engine as one deployment, under their folder names. */
@LianbaoTest
class DeploymentTest {

  @Autowired ProcessEngine engine;
  @Autowired PlanCalendar calendar;

  @Test
  void everyFileOfProcessesAndFormsIsInTheDeploymentUnderItsFolderName() throws IOException {
    Deployment deployment = engine.getRepositoryService().createDeploymentQuery()
        .deploymentName("lianbao").orderByDeploymentTime().desc().list().get(0);
    List<String> deployed = engine.getRepositoryService().getDeploymentResources(deployment.getId()).stream()
        .map(Resource::getName).toList();

    assertThat(deployed).contains(ProgressReportProcess.RESOURCE, ProgressReportProcess.FORM);
    assertThat(deployed).containsAll(sourceFiles("processes"));
    assertThat(deployed).containsAll(sourceFiles("forms"));
    assertThat(deployed).allMatch(name -> name.startsWith("processes/") || name.startsWith("forms/"));
  }

  @Test
  void everyProcessKeepsItsRecordsForTheConfiguredTenYears() {
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().list())
        .isNotEmpty()
        .allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).as(definition.getKey()).isEqualTo(3650));
  }

  @Test
  void aTaskFindsItsEmbeddedFormInItsOwnDeployment() throws IOException {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(ProgressReportProcess.KEY,
        WorkVariables.RESPONSIBLE_GROUPS.with(new ArrayList<>(List.of("taihu-basin")))
            .putValue(WorkVariables.YEAR.name(), 2027)
            .putValue(WorkVariables.ITEM_NO.name(), "10")
            .putValue(WorkVariables.DEADLINE.name(), calendar.quarterEnd(2027, 2))
            .putValue(WorkVariables.FOLLOW_UP.name(), calendar.quarterFollowUp(2027, 2)));
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();

    assertThat(engine.getFormService().getTaskFormKey(instance.getProcessDefinitionId(), task.getTaskDefinitionKey()))
        .isEqualTo("embedded:deployment:" + ProgressReportProcess.FORM);
    try (InputStream form = engine.getFormService().getDeployedTaskForm(task.getId())) {
      assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(Path.of(ProgressReportProcess.FORM)));
    }
  }

  private static List<String> sourceFiles(String folder) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(folder))) {
      return files.map(file -> folder + "/" + file.getFileName()).toList();
    }
  }
}
