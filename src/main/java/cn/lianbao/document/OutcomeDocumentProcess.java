package cn.lianbao.document;

import cn.lianbao.plan.WorkVariables;
import cn.lianbao.process.AgencyAnswers;
import cn.lianbao.process.ProcessVariable;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.value.FileValue;

/**
 * Descriptor of {@code processes/outcome-document.bpmn} (成果文件): the responsible agency drafts
 * the document named {@code documentTitle} (管理要求, 排污口清单, 行动方案, 总结报告, …), every
 * contributor (implementing and cooperating agencies) contributes to or reviews the draft in its
 * own task, and the responsible agency signs the final document off, which meets the milestone.
 * It receives the {@link WorkVariables}; an empty {@code contributorGroups} skips the reviews.
 */
public final class OutcomeDocumentProcess {

  public static final String KEY = "outcome-document";
  public static final String RESOURCE = "processes/" + KEY + ".bpmn";
  public static final String FORM_DRAFT = "forms/" + KEY + "-draft.html";
  public static final String FORM_REVIEW = "forms/" + KEY + "-review.html";
  public static final String FORM_SIGN_OFF = "forms/" + KEY + "-sign-off.html";

  /** Element ids of the diagram. */
  public static final class Elements {
    public static final String START = "startEvent_documentDue";
    public static final String DRAFT = "userTask_draftDocument";
    public static final String REVIEW = "userTask_reviewDocument";
    public static final String SIGN_OFF = "userTask_signOffDocument";
    public static final String REPORT_DELIVERY = "throwEvent_milestoneDelivered";
    public static final String END = "endEvent_documentSignedOff";

    private Elements() {}
  }

  /** Shown on every form: which document this is. */
  public static final ProcessVariable<String> DOCUMENT_TITLE = WorkVariables.DOCUMENT_TITLE;

  /** Draft (responsible agency). */
  public static final ProcessVariable<FileValue> DRAFT_DOCUMENT = ProcessVariable.of("draftDocument", FileValue.class);
  public static final ProcessVariable<String> DRAFT_EXPLANATION = ProcessVariable.of("draftExplanation", String.class);

  /** Review (each contributor, local to its task). */
  public static final ProcessVariable<String> REVIEW_OPINION = ProcessVariable.of("reviewOpinion", String.class);
  public static final ProcessVariable<FileValue> REVIEW_MATERIAL = ProcessVariable.of("reviewMaterial", FileValue.class);
  /** Every contributor's opinion and material, one entry per agency (see {@link AgencyAnswers}). */
  public static final ProcessVariable<List<Map<String, Object>>> REVIEWS = ProcessVariable.mapList("reviews");

  /** Sign-off (responsible agency). */
  public static final ProcessVariable<FileValue> FINAL_DOCUMENT = ProcessVariable.of("finalDocument", FileValue.class);
  public static final ProcessVariable<String> OPINION_HANDLING = ProcessVariable.of("opinionHandling", String.class);

  /**
   * The joint step's draft (an item whose agencies each lead, {@link MergedParts}): which agencies have
   * signed off their own part, one line each, for the merging agency to merge.
   */
  public static final ProcessVariable<String> PART_DOCUMENTS = ProcessVariable.of("partDocuments", String.class);

  private OutcomeDocumentProcess() {}
}
