package cn.lianbao.report;

import cn.lianbao.process.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Checks a progress report on the server before its task completes, whether it came from the
 * form in Tasklist or from the REST API: a report without text is refused, naming the field, and
 * the task stays open.
 */
@Component("progressReportCheck")
public class ProgressReportCheck implements TaskListener {

  static final int MAX_SUMMARY_LENGTH = 2000;

  @Override
  public void notify(DelegateTask task) {
    String summary = ProgressReportProcess.SUMMARY.find(task).map(String::strip).orElse("");
    if (summary.isEmpty()) {
      throw new InvalidInputException(ProgressReportProcess.SUMMARY.name(),
          "字段 " + ProgressReportProcess.SUMMARY.name() + "（本季度工作进展）为必填项");
    }
    if (summary.length() > MAX_SUMMARY_LENGTH) {
      throw new InvalidInputException(ProgressReportProcess.SUMMARY.name(), "字段 " + ProgressReportProcess.SUMMARY.name()
          + "（本季度工作进展）不能超过 " + MAX_SUMMARY_LENGTH + " 字");
    }
  }
}
