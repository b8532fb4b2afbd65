package cn.lianbao.form;

import cn.lianbao.process.TaskFacts;
import cn.lianbao.process.TaskRule;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * Checks the submit of every user task with an embedded form ({@code embedded:deployment:forms/…})
 * against that form ({@link SubmitCheck}) when the task completes. A rule of
 * {@link cn.lianbao.process.TaskRules}.
 */
@Component
public class FormCheckOnComplete implements TaskRule {

  public static final String EMBEDDED_DEPLOYMENT = "embedded:deployment:";

  private final FormDefinitions forms;
  private final SubmitCheck check;

  public FormCheckOnComplete(FormDefinitions forms, SubmitCheck check) {
    this.forms = forms;
    this.check = check;
  }

  @Override
  public void completing(DelegateTask task, TaskFacts facts) {
    String resource = embeddedForm(task);
    if (resource != null) {
      checkSubmit(task, resource);
    }
  }

  /** The deployment resource of the task's embedded form ({@code forms/x.html}), or null. */
  private static String embeddedForm(DelegateTask task) {
    TaskEntity entity = (TaskEntity) task;
    entity.initializeFormKey();
    String formKey = entity.getFormKey();
    return formKey != null && formKey.startsWith(EMBEDDED_DEPLOYMENT)
        ? formKey.substring(EMBEDDED_DEPLOYMENT.length()) : null;
  }

  void checkSubmit(DelegateTask task, String resource) {
    RepositoryService repository = task.getProcessEngineServices().getRepositoryService();
    List<FormField> fields = Context.getCommandContext().runWithoutAuthorization(() -> {
      String deploymentId = repository.getProcessDefinition(task.getProcessDefinitionId()).getDeploymentId();
      return forms.fields(deploymentId, resource, () -> repository.getResourceAsStream(deploymentId, resource));
    });
    check.check(fields, task);
  }
}
