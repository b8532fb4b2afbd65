package cn.lianbao.form;

import java.util.List;
import cn.lianbao.process.EngineHooks;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives every user task with an embedded form ({@code embedded:deployment:forms/…}) a check of its
 * submit against that form ({@link SubmitCheck}), when the task completes.
 */
@Component
@Order(60)
public class FormCheckPlugin extends AbstractProcessEnginePlugin {

  public static final String EMBEDDED_DEPLOYMENT = "embedded:deployment:";

  private final FormDefinitions forms;
  private final SubmitCheck check;

  public FormCheckPlugin(FormDefinitions forms, SubmitCheck check) {
    this.forms = forms;
    this.check = check;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineHooks.onEveryUserTask(configuration, (element, definition) -> {
      String formKey = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formKey");
      if (formKey != null && formKey.startsWith(EMBEDDED_DEPLOYMENT)) {
        String resource = formKey.substring(EMBEDDED_DEPLOYMENT.length());
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> checkSubmit(task, resource));
      }
    });
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
