package cn.lianbao.planview;

import cn.lianbao.plan.PlanMilestoneProcess;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.report.ProgressReportProcess;
import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import cn.lianbao.support.ProcessTests;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the plan view's tests set up alike. */
final class PlanViewFixtures {

  private PlanViewFixtures() {}

  /**
   * A year registered as started on 1 July that has only two milestones, hyacinth campaigns of item 11
   * for Jiaxing due 30 September ({@code <year>-11-campaign-a}, {@code -b}): the small case beside a
   * whole plan year, for counting the statements of a request.
   */
  static void twoCampaignYear(ProcessEngine engine, JdbcTemplate jdbc, int year, String registeredAs) {
    ClockUtil.setCurrentTime(PlanDriver.at(LocalDate.of(year, 7, 1), 9));
    jdbc.update("INSERT INTO LIANBAO_PLAN_YEAR (YEAR_, PLAN_ID_, PROC_INST_ID_, STARTED_BY_, STARTED_AT_) "
        + "VALUES (?, ?, ?, ?, ?)", year, "2021", registeredAs, "supervisor", new Timestamp(ClockUtil.getCurrentTime().getTime()));
    for (String campaign : List.of("campaign-a", "campaign-b")) {
      engine.getRuntimeService().startProcessInstanceByKey(PlanMilestoneProcess.KEY, year + "-11-" + campaign,
          Variables.createVariables().putValue(PlanMilestoneProcess.WORK_KIND.name(), ProgressReportProcess.KEY)
              .putValue(WorkVariables.MILESTONE_TITLE.name(), "报送水葫芦专项打捞情况")
              .putValue(WorkVariables.ITEM_NO.name(), "11")
              .putValue(WorkVariables.DEADLINE.name(), PlanDriver.endOfDay(year, 9, 30))
              .putValue(WorkVariables.RESPONSIBLE_GROUPS.name(), new ArrayList<>(List.of("jiaxing-gov"))));
    }
    ProcessTests.runAsyncJobs(engine);
  }

  /** A user in no group: neither an agency's, nor a supervisor, nor an administrator. */
  static String userOfNoAgency(ProcessEngine engine, String id) {
    if (engine.getIdentityService().createUserQuery().userId(id).count() == 0) {
      User user = engine.getIdentityService().newUser(id);
      user.setFirstName("无单位");
      user.setLastName("账号");
      user.setEmail(id + "@lianbao.example");
      user.setPassword(LianbaoTest.PASSWORD);
      engine.getIdentityService().saveUser(user);
    }
    return id;
  }
}
