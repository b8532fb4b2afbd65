package cn.lianbao.meeting;

import cn.lianbao.process.AgencyAnswers;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * When an agency completes "确认参会并提交意见", adds its answer to the meeting's list of inputs and
 * keeps its material on the process instance, so that the lead sees every agency's answer when
 * recording the meeting. Runs after the form check, so the answer is complete.
 */
@Component("meetingInputCollector")
public class MeetingInputCollector implements TaskListener {

  private final AgencyAnswers answers;

  public MeetingInputCollector(AgencyAnswers answers) {
    this.answers = answers;
  }

  @Override
  public void notify(DelegateTask task) {
    answers.record(task, ConsultationMeetingProcess.INPUTS,
        List.of(ConsultationMeetingProcess.AGENCY_ATTENDEES, ConsultationMeetingProcess.AGENCY_VIEWS),
        ConsultationMeetingProcess.AGENCY_MATERIAL);
  }
}
