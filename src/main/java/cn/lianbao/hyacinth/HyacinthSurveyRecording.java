package cn.lianbao.hyacinth;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.process.AgencyAnswers;
import cn.lianbao.process.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Keeps an agency's survey of its waters when its task completes; a survey cannot be dated after
 * today (the form check has already refused a missing or malformed day).
 */
@Component("hyacinthSurveyRecording")
public class HyacinthSurveyRecording implements TaskListener {

  private final AgencyAnswers answers;
  private final PlanCalendar calendar;

  public HyacinthSurveyRecording(AgencyAnswers answers, PlanCalendar calendar) {
    this.answers = answers;
    this.calendar = calendar;
  }

  @Override
  public void notify(DelegateTask task) {
    LocalDate today = calendar.dayOf(ClockUtil.getCurrentTime());
    HyacinthCampaignProcess.SURVEY_DATE.find(task).map(this::day).filter(day -> day.isAfter(today))
        .ifPresent(day -> {
          throw new InvalidInputException(HyacinthCampaignProcess.SURVEY_DATE.name(),
              "字段 " + HyacinthCampaignProcess.SURVEY_DATE.name() + "（调查日期）不能晚于今天（" + today
                  + "），收到“" + day + "”");
        });
    answers.record(task, HyacinthCampaignProcess.SURVEYS,
        List.of(HyacinthCampaignProcess.SURVEY_DATE, HyacinthCampaignProcess.WATERS_SURVEYED,
            HyacinthCampaignProcess.HYACINTH_SITUATION),
        HyacinthCampaignProcess.SURVEY_RECORD);
  }

  private LocalDate day(String text) {
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
