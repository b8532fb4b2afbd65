package cn.lianbao.meeting;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.meeting.ConsultationMeetingProcess.Input;
import cn.lianbao.plan.WorkVariables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * When an agency completes "确认参会并提交意见", adds its answer to the meeting's list of inputs and
 * keeps its material on the process instance, so that the lead sees every agency's answer when
 * recording the meeting. Runs after the form check, so the answer is complete.
 */
@Component("meetingInputCollector")
public class MeetingInputCollector implements TaskListener {

  private final AgencyCatalog agencies;

  public MeetingInputCollector(AgencyCatalog agencies) {
    this.agencies = agencies;
  }

  @Override
  public void notify(DelegateTask task) {
    String agencyGroup = WorkVariables.AGENCY_GROUP.get(task);
    DelegateExecution meeting = task.getExecution().getProcessInstance();

    Map<String, Object> input = new LinkedHashMap<>();
    input.put(Input.AGENCY_GROUP, agencyGroup);
    input.put(Input.AGENCY_NAME, agencies.find(agencyGroup).map(Agency::name).orElse(agencyGroup));
    input.put(Input.ATTENDEES, ConsultationMeetingProcess.AGENCY_ATTENDEES.find(task).orElse(""));
    input.put(Input.VIEWS, ConsultationMeetingProcess.AGENCY_VIEWS.find(task).orElse(""));
    TypedValue upload = task.getVariableTyped(ConsultationMeetingProcess.AGENCY_MATERIAL.name());
    if (upload instanceof FileValue material && sent(material)) {
      String variable = ConsultationMeetingProcess.materialVariable(agencyGroup);
      meeting.setVariable(variable, copy(material));
      input.put(Input.MATERIAL_VARIABLE, variable);
      input.put(Input.MATERIAL_FILENAME, material.getFilename());
    }

    List<Map<String, Object>> inputs = new ArrayList<>(ConsultationMeetingProcess.INPUTS.find(meeting).orElse(List.of()));
    inputs.removeIf(earlier -> agencyGroup.equals(earlier.get(Input.AGENCY_GROUP)));
    inputs.add(input);
    ConsultationMeetingProcess.INPUTS.set(meeting, inputs);
  }

  /** A document was chosen (Tasklist sends an empty, nameless file when none was). */
  private static boolean sent(FileValue file) {
    return file.getValue() != null && file.getFilename() != null && !file.getFilename().isBlank();
  }

  private static FileValue copy(FileValue file) {
    try (InputStream content = file.getValue()) {
      return Variables.fileValue(file.getFilename())
          .file(content.readAllBytes())
          .mimeType(file.getMimeType())
          .encoding(file.getEncoding())
          .create();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the material " + file.getFilename(), e);
    }
  }
}
