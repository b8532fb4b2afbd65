package cn.lianbao.document;

import cn.lianbao.process.AgencyAnswers;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Keeps a contributor's opinion and material when its review task completes. */
@Component("documentReviewRecording")
public class DocumentReviewRecording implements TaskListener {

  private final AgencyAnswers answers;

  public DocumentReviewRecording(AgencyAnswers answers) {
    this.answers = answers;
  }

  @Override
  public void notify(DelegateTask task) {
    answers.record(task, OutcomeDocumentProcess.REVIEWS,
        List.of(OutcomeDocumentProcess.REVIEW_OPINION), OutcomeDocumentProcess.REVIEW_MATERIAL);
  }
}
