package cn.lianbao.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessApplicationDeployment;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A data folder written by the 0.1 jar: Camunda's process-archive scanning inside the fat jar had
 * deployed every file as {@code BOOT-INF/classes/processes/…} and {@code BOOT-INF/classes/forms/…},
 * so no task found its form. The test builds such a deployment, runs a plan year on it, and starts
 * the deployment step again as the next start of the application would.
 */
@LianbaoTest
class MisnamedDeploymentRepairTest {

  private static final int YEAR = 2091;
  private static final String JAR_PREFIX = "BOOT-INF/classes/";

  @Autowired ProcessEngine engine;
  @Autowired ProcessDeployment deployment;

  @Test
  void theNextStartSupersedesAMisnamedDeploymentAndItsRunningPlanShowsItsFormsAgain() throws IOException {
    RepositoryService repository = engine.getRepositoryService();
    deployAsTheOldJarDid(repository);
    ProcessInstance plan = new PlanDriver(engine, YEAR).start("2021");
    List<Task> tasks = yearTasks();
    assertThat(tasks).as("the year opened its work").isNotEmpty();
    Task someTask = tasks.stream().filter(task -> task.getFormKey() != null).findFirst().orElseThrow();
    assertThatThrownBy(() -> engine.getFormService().getDeployedTaskForm(someTask.getId()))
        .as("the bug: the form is not found under the name the task asks for")
        .isInstanceOf(NotFoundException.class);
    Map<String, Date> dueDatesBefore = timersOfTheYear();

    deployment.deploy();

    assertThat(repository.createProcessDefinitionQuery().latestVersion().list())
        .as("a correctly named deployment supersedes the misnamed one")
        .allSatisfy(definition -> assertThat(definition.getResourceName()).matches("processes/[^/]+\\.bpmn"));
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().list())
        .as("no instance stays on a misnamed version")
        .allSatisfy(instance -> assertThat(repository.getProcessDefinition(instance.getProcessDefinitionId())
            .getResourceName()).startsWith("processes/"));
    assertThat(yearTasks()).extracting(Task::getId)
        .as("the open tasks are the same tasks").containsExactlyInAnyOrderElementsOf(ids(tasks));
    String formKey = someTask.getFormKey().substring("embedded:deployment:".length());
    try (InputStream form = engine.getFormService().getDeployedTaskForm(someTask.getId())) {
      assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8))
          .as("the task shows its form again").isEqualTo(Files.readString(Path.of(formKey)));
    }
    assertThat(timersOfTheYear()).as("deadlines did not move").isEqualTo(dueDatesBefore);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(plan.getId()).count())
        .isOne();

    long deployments = repository.createDeploymentQuery().count();
    deployment.deploy();
    assertThat(repository.createDeploymentQuery().count()).as("an unchanged start deploys nothing").isEqualTo(deployments);
  }

  /** Every file of the current deployment again, under the names the 0.1 jar gave them. */
  private void deployAsTheOldJarDid(RepositoryService repository) throws IOException {
    Deployment current = repository.createDeploymentQuery().deploymentName(ProcessDeployment.NAME)
        .orderByDeploymentTime().desc().list().get(0);
    DeploymentBuilder old = repository.createDeployment().name(ProcessDeployment.NAME)
        .source(ProcessApplicationDeployment.PROCESS_APPLICATION_DEPLOYMENT_SOURCE);
    for (Resource resource : repository.getDeploymentResources(current.getId())) {
      try (InputStream content = repository.getResourceAsStream(current.getId(), resource.getName())) {
        old.addString(JAR_PREFIX + resource.getName(), new String(content.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    old.deploy();
    assertThat(repository.createProcessDefinitionQuery().latestVersion().list())
        .allSatisfy(definition -> assertThat(definition.getResourceName()).startsWith(JAR_PREFIX));
  }

  private List<Task> yearTasks() {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike(YEAR + "%").initializeFormKeys().list();
  }

  private Map<String, Date> timersOfTheYear() {
    List<String> instances = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKeyLike(YEAR + "%").list().stream().map(ProcessInstance::getId).toList();
    return engine.getManagementService().createJobQuery().timers().list().stream()
        .filter(job -> instances.contains(job.getProcessInstanceId()))
        .collect(Collectors.toMap(Job::getId, Job::getDuedate));
  }

  private static List<String> ids(List<Task> tasks) {
    return tasks.stream().map(Task::getId).toList();
  }
}
