package cn.lianbao.document;

import cn.lianbao.process.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The sign-off must say how the contributors' opinions were handled, when there were any (the
 * form cannot know that, so the field is not {@code required} there).
 */
@Component("documentSignOffCheck")
public class DocumentSignOffCheck implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    int opinions = OutcomeDocumentProcess.REVIEWS.find(task).map(reviews -> reviews.size()).orElse(0);
    boolean handled = OutcomeDocumentProcess.OPINION_HANDLING.find(task).filter(text -> !text.isBlank()).isPresent();
    if (opinions > 0 && !handled) {
      throw new InvalidInputException(OutcomeDocumentProcess.OPINION_HANDLING.name(),
          "字段 " + OutcomeDocumentProcess.OPINION_HANDLING.name() + "（意见处理情况）为必填项：已有 " + opinions
              + " 家单位提出意见，请说明采纳情况");
    }
  }
}
