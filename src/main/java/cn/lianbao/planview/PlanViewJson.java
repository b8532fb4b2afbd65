package cn.lianbao.planview;

import java.util.List;

/** The JSON of the plan view's answers ({@code /api/plans/**}); instants are ISO-8601 with the plan zone's offset. */
public final class PlanViewJson {

  private PlanViewJson() {}

  /** {@code GET /api/plans}. */
  public record Plans(List<PlanFile> plans, List<Year> years) {}

  public record PlanFile(String id, String title, String file) {}

  public record Year(int year, String planId, String processInstanceId, String startedAt) {}

  public record AgencyRef(String id, String name) {}

  /** One milestone part in {@code GET /api/plans/{year}/progress}. */
  public record Progress(String item, String milestone, String title, String itemTitle, String category,
      AgencyRef agency, List<AgencyRef> leadAgencies, int quarter, String deadline, PartState state,
      String deliveredAt, int daysOverdue, int escalationLevel, String finalDeadline, String processInstanceId) {}

  /** One agency's record in {@code GET /api/plans/{year}/agencies}. */
  public record AgencyRecord(AgencyRef agency, int openTasks, int dueSoon, int overdue, int deliveredOnTime,
      int deliveredLate, Double onTimeRate, int daysOverdueTotal, int escalationsLevel1, int escalationsLevel2) {}
}
