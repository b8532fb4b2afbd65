package cn.lianbao.process;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * Keeps what each agency answered in its own task of a task per agency (a parallel multi-instance
 * over a group list, element variable {@code agencyGroup}).
 *
 * <p>The task's form fields are local to its instance ({@code camunda:inputParameter} without a
 * value), so that one agency's answer neither overwrites another's nor fills in a required field
 * for it. When the task completes, its answer is added to a list on the process instance (JSON),
 * one entry per agency: {@code agencyGroup}, {@code agencyName}, each text field by its name, and
 * for the uploaded file its name ({@code <file>}) and the process variable that now holds it
 * ({@code <file>Variable} = {@code <file>_<agencyGroup>}), which a later form can offer for download.
 * A text field not submitted is {@code null}; an upload left empty (Tasklist sends a nameless file)
 * counts as none, so the entry has neither {@code <file>} nor {@code <file>Variable}.
 *
 * <p>The file is kept as the agency sent it (same content, name, mime type and encoding): a
 * {@link FileValue} can be set again under another name.
 */
@Component
public class AgencyAnswers {

  public static final String AGENCY_GROUP = "agencyGroup";
  public static final String AGENCY_NAME = "agencyName";
  public static final String FILE_VARIABLE_SUFFIX = "Variable";

  private final AgencyCatalog agencies;

  public AgencyAnswers(AgencyCatalog agencies) {
    this.agencies = agencies;
  }

  /** The process variable under which an agency's upload of {@code file} is kept. */
  public static String fileVariable(ProcessVariable<FileValue> file, String agencyGroup) {
    return file.name() + "_" + agencyGroup;
  }

  /**
   * Adds the answer of the completing task's agency to {@code answers}, replacing an earlier one
   * of the same agency.
   */
  public void record(DelegateTask task, ProcessVariable<List<Map<String, Object>>> answers,
      List<ProcessVariable<String>> texts, ProcessVariable<FileValue> file) {
    String agency = agencyOf(task);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put(AGENCY_GROUP, agency);
    answer.put(AGENCY_NAME, agencies.find(agency).map(Agency::name).orElse(agency));
    for (ProcessVariable<String> text : texts) {
      answer.put(text.name(), text.find(task).map(String::trim).orElse(null));
    }
    VariableScope instance = task.getExecution().getProcessInstance();
    if (file != null) {
      TypedValue upload = task.getVariableTyped(file.name());
      if (upload instanceof FileValue document && chosen(document)) {
        String kept = fileVariable(file, agency);
        instance.setVariable(kept, document);
        answer.put(file.name(), document.getFilename());
        answer.put(file.name() + FILE_VARIABLE_SUFFIX, kept);
      }
    }
    List<Map<String, Object>> all = new ArrayList<>(answers.find(instance).orElse(List.of()));
    all.removeIf(earlier -> agency.equals(earlier.get(AGENCY_GROUP)));
    all.add(answer);
    answers.set(instance, all);
  }

  /**
   * The agency whose task this is, from the task itself: its one candidate group that is an agency
   * or an agency's leaders group (set by the process from the element variable {@code agencyGroup}
   * when the task was created). Never from the variables of the submit, which the user chooses.
   */
  String agencyOf(DelegateTask task) {
    Set<String> found = new LinkedHashSet<>();
    for (IdentityLink link : task.getCandidates()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        agencies.find(link.getGroupId()).or(() -> agencies.ofLeadersGroup(link.getGroupId()))
            .ifPresent(agency -> found.add(agency.id()));
      }
    }
    if (found.size() != 1) {
      throw new IllegalStateException("task " + task.getId() + " (" + task.getTaskDefinitionKey()
          + ") should belong to exactly one agency, its candidate groups name " + found);
    }
    return found.iterator().next();
  }

  /** A document was chosen: Tasklist sends an empty, nameless file for an upload left empty. */
  private static boolean chosen(FileValue file) {
    return file.getValue() != null && file.getFilename() != null && !file.getFilename().isBlank();
  }
}
