package cn.lianbao.form;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
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
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        String formKey = userTaskElement.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formKey");
        if (formKey != null && formKey.startsWith(EMBEDDED_DEPLOYMENT)) {
          String resource = formKey.substring(EMBEDDED_DEPLOYMENT.length());
          ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
              .addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> checkSubmit(task, resource));
        }
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
