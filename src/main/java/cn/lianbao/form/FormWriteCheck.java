package cn.lianbao.form;

import static cn.lianbao.process.EngineHooks.field;

import cn.lianbao.agency.AgencyDirectory;
import cn.lianbao.process.EngineHooks;
import cn.lianbao.process.InvalidInputException;
import cn.lianbao.process.RefusedRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.PrimitiveValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A task writes only its form's writable fields: {@code complete} and {@code submit-form} of a task
 * with an embedded form (REST API, Tasklist, Java API alike) accept exactly the fields of that form
 * that are not {@code readonly}. Any other variable is refused (400, naming it) before anything is
 * done, so the task stays as it was; process state ({@code overdue}, {@code deadline}, the group
 * lists, {@code agencyGroup}, …) is thus written only by the processes.
 *
 * <p>One tolerance, for Tasklist: its embedded forms send back variables they only showed
 * (a read-only field, a variable a form script fetched) with the value they read. A submitted
 * variable that is not a writable field is accepted when its value equals the value the task
 * already sees under that name (a text, number, yes/no or date): writing it changes nothing.
 *
 * <p>Starting a process: a logged-in user who is not an administrator may pass only the writable
 * fields of the process's start form (none where it has no embedded start form), and may not start
 * a process at one of its later steps. The processes' own starts (call activities) and the Java API
 * without a user are not checked.
 */
@Component
@Order(61)
public class FormWriteCheck extends AbstractProcessEnginePlugin {

  private final FormDefinitions forms;

  public FormWriteCheck(FormDefinitions forms) {
    this.forms = forms;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineHooks.checkEveryCallersCommand(configuration, this::check);
  }

  void check(Command<?> command) {
    if (command instanceof CompleteTaskCmd complete) {
      checkTask(field(complete, "taskId"), field(complete, "variables"));
    } else if (command instanceof SubmitTaskFormCmd submit) {
      checkTask(field(submit, "taskId"), field(submit, "properties"));
    } else if (command instanceof SubmitStartFormCmd submit) {
      checkStart(field(submit, "processDefinitionId"), null, field(submit, "variables"));
    } else if (command instanceof StartProcessInstanceCmd start) {
      ProcessInstantiationBuilderImpl builder = field(start, "instantiationBuilder");
      checkStart(builder.getProcessDefinitionId(), builder.getProcessDefinitionKey(), builder.getVariables());
    } else if (command instanceof StartProcessInstanceAtActivitiesCmd && !byAdministratorOrProcess()) {
      throw new RefusedRequestException("只有管理员可以从流程中的某一步开始发起流程。");
    }
  }

  /** No user (the processes' own code, the Java API) or a member of {@code camunda-admin}. */
  private static boolean byAdministratorOrProcess() {
    Authentication user = Context.getCommandContext().getAuthentication();
    return user == null || user.getGroupIds() != null && user.getGroupIds().contains(AgencyDirectory.ADMINISTRATORS);
  }

  private void checkTask(String taskId, Map<String, Object> submitted) {
    if (taskId == null || submitted == null || submitted.isEmpty()) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null || task.getProcessDefinitionId() == null) {
      return; // the command itself answers for a missing task; standalone tasks have no form
    }
    task.initializeFormKey();
    String resource = embeddedForm(task.getFormKey());
    if (resource == null) {
      return;
    }
    List<FormField> fields = fields(task.getProcessDefinitionId(), resource);
    VariableMap typed = Variables.fromMap(submitted);
    List<String> refused = new ArrayList<>();
    for (String name : typed.keySet()) {
      if (!writable(fields).contains(name) && !unchanged(typed.getValueTyped(name), task.getVariableTyped(name))) {
        refused.add(name);
      }
    }
    refuse(refused, fields, "任务“" + task.getName() + "”");
  }

  private void checkStart(String definitionId, String definitionKey, Map<String, Object> submitted) {
    if (submitted == null || submitted.isEmpty()) {
      return;
    }
    if (byAdministratorOrProcess()) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    RepositoryService repository = context.getProcessEngineConfiguration().getRepositoryService();
    ProcessDefinition definition = context.runWithoutAuthorization(() -> definitionId != null
        ? repository.getProcessDefinition(definitionId)
        : repository.createProcessDefinitionQuery().processDefinitionKey(definitionKey).latestVersion()
            .singleResult());
    if (definition == null) {
      return;
    }
    String resource = embeddedForm(context.runWithoutAuthorization(() ->
        context.getProcessEngineConfiguration().getFormService().getStartFormKey(definition.getId())));
    List<FormField> fields = resource == null ? List.of() : fields(definition.getId(), resource);
    List<String> refused = submitted.keySet().stream().filter(name -> !writable(fields).contains(name)).toList();
    refuse(refused, fields, "流程“" + (definition.getName() == null ? definition.getKey() : definition.getName()) + "”的发起");
  }

  private static void refuse(List<String> refused, List<FormField> fields, String what) {
    if (refused.isEmpty()) {
      return;
    }
    List<String> writable = fields.stream().filter(field -> !field.readonly()).map(FormField::name).toList();
    throw new InvalidInputException(refused.get(0), what + "不接受变量 " + String.join("、", refused)
        + "：只能填写表单中可编辑的字段（" + (writable.isEmpty() ? "无" : String.join("、", writable))
        + "）。流程状态（如是否逾期、截止时间、办理单位）由流程自己记录。");
  }

  private static Set<String> writable(List<FormField> fields) {
    return fields.stream().filter(field -> !field.readonly()).map(FormField::name).collect(Collectors.toSet());
  }

  /** A plain value equal to the one the task already sees: Tasklist sending back what it showed. */
  private static boolean unchanged(TypedValue submitted, TypedValue current) {
    return submitted instanceof PrimitiveValue<?> && current instanceof PrimitiveValue<?>
        && submitted.getValue() != null
        && Objects.equals(submitted.getValue(), current.getValue());
  }

  private List<FormField> fields(String processDefinitionId, String resource) {
    CommandContext context = Context.getCommandContext();
    RepositoryService repository = context.getProcessEngineConfiguration().getRepositoryService();
    return context.runWithoutAuthorization(() -> {
      String deploymentId = repository.getProcessDefinition(processDefinitionId).getDeploymentId();
      return forms.fields(deploymentId, resource, () -> repository.getResourceAsStream(deploymentId, resource));
    });
  }

  private static String embeddedForm(String formKey) {
    return formKey != null && formKey.startsWith(FormCheckOnComplete.EMBEDDED_DEPLOYMENT)
        ? formKey.substring(FormCheckOnComplete.EMBEDDED_DEPLOYMENT.length()) : null;
  }
}
