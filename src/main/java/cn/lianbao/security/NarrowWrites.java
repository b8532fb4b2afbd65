package cn.lianbao.security;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.agency.AgencyDirectory;
import cn.lianbao.process.RefusedRequestException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The writes that Camunda's authorizations cannot make narrow enough, checked for every command a
 * logged-in user issues, whichever API carries it ({@code /engine-rest}, the webapps' own
 * {@code /camunda/api/engine}, Lianbao's code acting for a user). Commands the processes issue
 * themselves (nested in another command, or run by the job executor without a user) and
 * commands of {@code camunda-admin} are not checked. A refusal is an {@link AuthorizationException}
 * (HTTP 403) with a Chinese message; so are Camunda's own authorization refusals, translated.
 *
 * <ul>
 *   <li>A task's candidate groups are set by its process: no candidate group is added, and no
 *       identity link removed. Candidate users, owners, assignees and delegates other than the
 *       user are given only by a leader of one of the task's agencies ({@code <agency>-leaders}),
 *       and only to a member of that agency (400 if the user is no member of the task's groups).
 *   <li>Completing or submitting a task's form: its assignee or a member of a candidate group.
 *   <li>A task's name, due date, follow-up date, priority and description: only the processes.
 *   <li>Comments on a task: its candidates and assignee, the leaders of its agencies, the
 *       supervisors; comments on a process instance: the supervisors.
 *   <li>A user's profile (names, e-mail) and deleting a user: administrators only; users change
 *       their own password.
 * </ul>
 */
@Component
@Order(35)
public class NarrowWrites extends AbstractProcessEnginePlugin {

  private final AgencyCatalog catalog;
  private ProcessEngineConfigurationImpl configuration;

  public NarrowWrites(AgencyCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired();
    if (interceptors == null) {
      interceptors = new ArrayList<>();
      configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }
    interceptors.add(new Interceptor());
  }

  /** Checks the commands of logged-in users (see the class comment). */
  class Interceptor extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      Authentication user = Context.getCommandContext() == null
          ? configuration.getIdentityService().getCurrentAuthentication() : null;
      if (user == null || isAdministrator(user)) {
        return next.execute(command);
      }
      check(user, command);
      try {
        return next.execute(command);
      } catch (AuthorizationException e) {
        String taskId = taskOf(command);
        if (taskId != null && facts(taskId) == null) {
          // the task was completed or deleted by someone else while this command ran: on PostgreSQL the
          // command can read the task before that commit and its authorizations after it, and would answer
          // "no permission" (403, seen under load); it is the same lost race as a claimed task (409)
          throw new OptimisticLockingException("task " + taskId + " was completed or deleted by someone else"
              + " while " + command.getClass().getSimpleName() + " ran");
        }
        throw translated(user, e);
      }
    }
  }

  /** The task a command works on, or null. */
  private static String taskOf(Command<?> command) {
    if (command instanceof ClaimTaskCmd || command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd
        || command instanceof DelegateTaskCmd || command instanceof AbstractAddIdentityLinkCmd
        || command instanceof AddCommentCmd) {
      return (String) field(command, "taskId");
    }
    return null;
  }

  private boolean isAdministrator(Authentication user) {
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    List<String> adminGroups = configuration.getAdminGroups() == null
        ? List.of(AgencyDirectory.ADMINISTRATORS) : configuration.getAdminGroups();
    return groups.stream().anyMatch(adminGroups::contains)
        || configuration.getAdminUsers() != null && configuration.getAdminUsers().contains(user.getUserId());
  }

  void check(Authentication user, Command<?> command) {
    if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
      requireWorker(user, (String) field(command, "taskId"));
    } else if (command instanceof ClaimTaskCmd) {
      String assignee = (String) field(command, "userId");
      if (!Objects.equals(assignee, user.getUserId())) {
        requireAssigner(user, (String) field(command, "taskId"), assignee);
      }
    } else if (command instanceof DelegateTaskCmd) {
      requireAssigner(user, (String) field(command, "taskId"), (String) field(command, "userId"));
    } else if (command instanceof AbstractAddIdentityLinkCmd) {
      String taskId = (String) field(command, "taskId");
      String userId = (String) field(command, "userId");
      if (field(command, "groupId") != null) {
        throw refused(user, "任务的候选组由流程确定，不能增加");
      }
      boolean selfAssignment = command instanceof AssignTaskCmd
          && (userId == null || userId.equals(user.getUserId()));
      if (!selfAssignment) {
        requireAssigner(user, taskId, userId);
      }
    } else if (command instanceof AbstractSetTaskPropertyCmd<?> || command instanceof SaveTaskCmd) {
      throw refused(user, "任务的名称、截止日期、跟进日期等只能由流程或系统管理员修改");
    } else if (command instanceof DeleteIdentityLinkCmd) {
      throw refused(user, "任务的候选组、候选人和所有人由流程确定，不能删除");
    } else if (command instanceof AddCommentCmd) {
      requireCommenter(user, (String) field(command, "taskId"), (String) field(command, "processInstanceId"));
    } else if (command instanceof DeleteUserCmd) {
      throw refused(user, "只有系统管理员可以删除用户");
    } else if (command instanceof SaveUserCmd) {
      requireOnlyPassword(user, (User) field(command, "user"));
    }
  }

  /** The assignee, or a member of a candidate group. */
  private void requireWorker(Authentication user, String taskId) {
    TaskFacts task = facts(taskId);
    if (task == null || user.getUserId().equals(task.assignee()) || memberOfAny(user, task.candidateGroups())) {
      return;
    }
    throw refused(user, "只有任务的办理人或候选组成员可以办理任务“" + task.name() + "”");
  }

  /**
   * Gives the task to {@code assignee} (or makes them candidate, owner, delegate; null: takes it
   * back): a leader of one of the task's agencies, to a member of that agency.
   */
  private void requireAssigner(Authentication user, String taskId, String assignee) {
    TaskFacts task = facts(taskId);
    if (task == null) {
      return;
    }
    List<String> ledAgencies = task.agencies().stream()
        .filter(agency -> memberOfAny(user, List.of(agency + Agency.LEADERS_SUFFIX)))
        .toList();
    if (ledAgencies.isEmpty()) {
      throw refused(user, "只有任务所属单位的分管领导可以把任务“" + task.name() + "”交给其他人员");
    }
    if (assignee == null) {
      return; // taking the task back from whoever holds it
    }
    Set<String> groupsOfAssignee = groupsOf(assignee);
    if (task.candidateGroups().stream().noneMatch(groupsOfAssignee::contains)) {
      throw new RefusedRequestException("不能将任务“" + task.name() + "”交给 " + assignee
          + " 办理：该用户不属于任务的办理单位（" + String.join("、", task.candidateGroups()) + "）");
    }
    boolean inLedAgency = ledAgencies.stream().anyMatch(agency ->
        groupsOfAssignee.contains(agency) || groupsOfAssignee.contains(agency + Agency.LEADERS_SUFFIX));
    if (!inLedAgency) {
      throw refused(user, "分管领导只能把任务交给本单位的人员，" + assignee + " 不是本单位人员");
    }
  }

  /** A task's candidates and assignee, the leaders of its agencies, the supervisors. */
  private void requireCommenter(Authentication user, String taskId, String processInstanceId) {
    boolean supervisor = memberOfAny(user, List.of(AgencyDirectory.SUPERVISORS));
    if (taskId == null) {
      if (!supervisor) {
        throw refused(user, "只有督办人员可以对流程实例发表意见");
      }
      return;
    }
    TaskFacts task = facts(taskId);
    if (task == null) {
      return;
    }
    if (processInstanceId != null && !processInstanceId.equals(task.processInstanceId())) {
      throw refused(user, "意见只能记在任务所属的流程实例上");
    }
    List<String> leaders = task.agencies().stream().map(agency -> agency + Agency.LEADERS_SUFFIX).toList();
    if (supervisor || user.getUserId().equals(task.assignee()) || memberOfAny(user, task.candidateGroups())
        || memberOfAny(user, leaders)) {
      return;
    }
    throw refused(user, "只有任务的候选人、所属单位的分管领导和督办人员可以对任务“" + task.name() + "”发表意见");
  }

  /** Users change their own password only; names and e-mail are the administrators'. */
  private void requireOnlyPassword(Authentication user, User changed) {
    if (changed == null) {
      return;
    }
    User stored = withoutAuthorization(context -> context.getReadOnlyIdentityProvider().findUserById(changed.getId()));
    if (stored == null) {
      return; // a new user: Camunda's CREATE permission decides
    }
    if (!Objects.equals(stored.getFirstName(), changed.getFirstName())
        || !Objects.equals(stored.getLastName(), changed.getLastName())
        || !Objects.equals(stored.getEmail(), changed.getEmail())) {
      throw refused(user, "用户的姓名和电子邮箱只能由系统管理员修改；用户只能修改自己的密码");
    }
  }

  private static boolean memberOfAny(Authentication user, List<String> groups) {
    return user.getGroupIds() != null && groups.stream().anyMatch(user.getGroupIds()::contains);
  }

  private Set<String> groupsOf(String userId) {
    return withoutAuthorization(context -> {
      Set<String> groups = new LinkedHashSet<>();
      for (Group group : configuration.getIdentityService().createGroupQuery().groupMember(userId).list()) {
        groups.add(group.getId());
      }
      return groups;
    });
  }

  /** What the rules need of a task, read without the user's authorizations; null if there is no such task. */
  private TaskFacts facts(String taskId) {
    if (taskId == null) {
      return null;
    }
    return withoutAuthorization(context -> {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      if (task == null) {
        return null;
      }
      List<String> groups = new ArrayList<>();
      for (IdentityLinkEntity link : task.getIdentityLinks()) {
        if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
          groups.add(link.getGroupId());
        }
      }
      Set<String> agencies = new LinkedHashSet<>();
      for (String group : groups) {
        if (catalog.contains(group)) {
          agencies.add(group);
        } else {
          catalog.ofLeadersGroup(group).map(Agency::id).ifPresent(agencies::add);
        }
      }
      return new TaskFacts(task.getName(), task.getAssignee(), task.getProcessInstanceId(), List.copyOf(groups),
          List.copyOf(agencies));
    });
  }

  private <T> T withoutAuthorization(Function<CommandContext, T> read) {
    return configuration.getCommandExecutorTxRequired().execute(context ->
        context.runWithoutAuthorization(() -> read.apply(context)));
  }

  private static AuthorizationException refused(Authentication user, String why) {
    return new AuthorizationException("无权操作：" + why + "（用户 " + user.getUserId() + "）");
  }

  /** Camunda's own refusal, in Chinese, naming what is missing. */
  private static AuthorizationException translated(Authentication user, AuthorizationException e) {
    if (e.getMessage() != null && e.getMessage().startsWith("无权操作")) {
      return e;
    }
    List<String> missing = e.getMissingAuthorizations().stream()
        .map(info -> info.getViolatedPermissionName() + "@" + info.getResourceType()
            + (info.getResourceId() == null ? "" : "/" + info.getResourceId()))
        .toList();
    AuthorizationException chinese = new AuthorizationException("无权操作：用户 " + user.getUserId()
        + " 没有执行此操作所需的权限" + (missing.isEmpty() ? "" : "（缺少 " + String.join("、", missing) + "）"));
    chinese.initCause(e);
    return chinese;
  }

  private static Object field(Object command, String name) {
    for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(command);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read " + name + " of " + command.getClass().getName(), e);
      }
    }
    throw new IllegalStateException(command.getClass().getName() + " has no field " + name);
  }

  private record TaskFacts(String name, String assignee, String processInstanceId, List<String> candidateGroups,
      List<String> agencies) {}
}
