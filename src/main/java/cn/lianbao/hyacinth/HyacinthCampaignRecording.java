package cn.lianbao.hyacinth;

import cn.lianbao.process.AgencyAnswers;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Keeps an agency's report of the campaign in its jurisdiction when its task completes. */
@Component("hyacinthCampaignRecording")
public class HyacinthCampaignRecording implements TaskListener {

  private final AgencyAnswers answers;

  public HyacinthCampaignRecording(AgencyAnswers answers) {
    this.answers = answers;
  }

  @Override
  public void notify(DelegateTask task) {
    answers.record(task, HyacinthCampaignProcess.CAMPAIGNS,
        List.of(HyacinthCampaignProcess.CAMPAIGN_MEASURES, HyacinthCampaignProcess.CLEARANCE_AMOUNT,
            HyacinthCampaignProcess.IN_FORCE_FROM),
        null);
  }
}
