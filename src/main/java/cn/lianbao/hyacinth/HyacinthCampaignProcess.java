package cn.lianbao.hyacinth;

import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.AgencyAnswers;
import cn.lianbao.process.ProcessVariable;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.value.FileValue;

/**
 * Descriptor of {@code processes/hyacinth-campaign.bpmn} (水葫芦防控专项行动, item 11): each
 * implementing agency surveys and inspects its own waters, the lead compiles the joint survey and
 * drafts the action plan of the special campaign 《“清剿水葫芦，美化水环境”联合专项整治行动方案》,
 * each implementing agency puts the campaign in force in its jurisdiction, and the lead confirms it
 * is in force everywhere before the Import Expo opens (the milestone's {@code deadline}), which
 * meets the milestone. It receives the {@link WorkVariables}; the work summary is a milestone of
 * its own (outcome-document).
 */
public final class HyacinthCampaignProcess {

  public static final String KEY = "hyacinth-campaign";
  public static final String RESOURCE = "processes/" + KEY + ".bpmn";
  public static final String FORM_SURVEY = "forms/" + KEY + "-survey.html";
  public static final String FORM_ACTION_PLAN = "forms/" + KEY + "-action-plan.html";
  public static final String FORM_CARRY_OUT = "forms/" + KEY + "-carry-out.html";
  public static final String FORM_CONFIRM = "forms/" + KEY + "-confirm.html";

  /** The survey is due this many days before the milestone's deadline (the reading of item 11). */
  public static final int SURVEY_DAYS_BEFORE = 42;
  /** The action plan is due this many days before the milestone's deadline. */
  public static final int ACTION_PLAN_DAYS_BEFORE = 21;

  /** Element ids of the diagram. */
  public static final class Elements {
    public static final String START = "startEvent_campaignOpened";
    public static final String SURVEY = "userTask_surveyJurisdiction";
    public static final String DRAFT_ACTION_PLAN = "userTask_draftActionPlan";
    public static final String CARRY_OUT = "userTask_carryOutCampaign";
    public static final String CONFIRM = "userTask_confirmCampaign";
    public static final String REPORT_DELIVERY = "throwEvent_milestoneDelivered";
    public static final String END = "endEvent_campaignInForce";

    private Elements() {}
  }

  /** Survey and inspection (each implementing agency, local to its task). */
  public static final ProcessVariable<String> SURVEY_DATE = ProcessVariable.of("surveyDate", String.class);
  public static final ProcessVariable<String> WATERS_SURVEYED = ProcessVariable.of("watersSurveyed", String.class);
  public static final ProcessVariable<String> HYACINTH_SITUATION = ProcessVariable.of("hyacinthSituation", String.class);
  public static final ProcessVariable<FileValue> SURVEY_RECORD = ProcessVariable.of("surveyRecord", FileValue.class);
  /** Every agency's survey, one entry per agency (see {@link AgencyAnswers}). */
  public static final ProcessVariable<List<Map<String, Object>>> SURVEYS = ProcessVariable.mapList("surveys");

  /** Joint survey and action plan (lead). */
  public static final ProcessVariable<String> SURVEY_SUMMARY = ProcessVariable.of("surveySummary", String.class);
  public static final ProcessVariable<FileValue> ACTION_PLAN = ProcessVariable.of("actionPlan", FileValue.class);

  /** The campaign in one jurisdiction (each implementing agency, local to its task). */
  public static final ProcessVariable<String> CAMPAIGN_MEASURES = ProcessVariable.of("campaignMeasures", String.class);
  public static final ProcessVariable<String> CLEARANCE_AMOUNT = ProcessVariable.of("clearanceAmount", String.class);
  public static final ProcessVariable<String> IN_FORCE_FROM = ProcessVariable.of("campaignInForceFrom", String.class);
  /** Every agency's campaign report, one entry per agency. */
  public static final ProcessVariable<List<Map<String, Object>>> CAMPAIGNS = ProcessVariable.mapList("campaigns");

  /** Confirmation (lead). */
  public static final ProcessVariable<String> CONFIRMATION_NOTE = ProcessVariable.of("confirmationNote", String.class);

  private HyacinthCampaignProcess() {}
}
