package cn.lianbao.planview;

import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.planview.PlanViewJson.AgencyRecord;
import cn.lianbao.planview.PlanViewJson.Plans;
import cn.lianbao.planview.PlanViewJson.Progress;
import cn.lianbao.planview.PlanViewJson.Year;
import cn.lianbao.security.CamundaUserAuthenticationProvider;
import cn.lianbao.security.JsonAnswers;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The plan view's REST API, for supervisors, administrators and the agencies' users (HTTP Basic, or
 * the session of the Camunda webapps for GET, see {@code WebSecurityConfiguration}):
 * <ul>
 *   <li>{@code GET /api/plans}: the plan files and the started years;
 *   <li>{@code GET /api/plans/{year}/progress[?asOf=YYYY-MM-DD]}: every milestone part of the year
 *       with its state at the end of the day (default today, by the engine clock);
 *   <li>{@code GET /api/plans/{year}/agencies[?asOf=YYYY-MM-DD]}: each agency's record;
 *   <li>{@code GET /api/plans/{year}/report.xlsx[?asOf=YYYY-MM-DD]}: both as a workbook in the plan
 *       table's layout ({@link PlanReport}), filtered alike;
 *   <li>{@code GET /api/plans/{year}/milestones/{processInstanceId}}: one milestone part's history for
 *       the plan view's panel ({@link MilestoneHistory}); an unknown instance, one of another year or
 *       one the user does not see is answered 404.
 * </ul>
 * An agency's users see the items in which their agency has any role and their own record; a user
 * in no agency, neither supervisor nor administrator, is refused (403). Refusals are Chinese JSON.
 */
@RestController
@RequestMapping(path = "/api/plans", produces = MediaType.APPLICATION_JSON_VALUE)
public class PlanViewController {

  static final String NO_ROLE = "您的账号不属于任何单位，也不是督办人员或系统管理员，不能查看年度计划进度。";

  private final PlanView view;
  private final PlanReport report;
  private final MilestoneHistory milestones;
  private final AgencyCatalog agencies;

  public PlanViewController(PlanView view, PlanReport report, MilestoneHistory milestones, AgencyCatalog agencies) {
    this.view = view;
    this.report = report;
    this.milestones = milestones;
    this.agencies = agencies;
  }

  @GetMapping
  public Plans plans() {
    viewer();
    return view.plans();
  }

  @GetMapping("/{year}/progress")
  public List<Progress> progress(@PathVariable("year") String year,
      @RequestParam(name = "asOf", required = false) String asOf) {
    Viewer viewer = viewer();
    LocalDate day = asOf(asOf);
    return view.progress(startedYear(year), checkedNotAfterToday(day), viewer);
  }

  @GetMapping("/{year}/agencies")
  public List<AgencyRecord> agencies(@PathVariable("year") String year,
      @RequestParam(name = "asOf", required = false) String asOf) {
    Viewer viewer = viewer();
    LocalDate day = asOf(asOf);
    return view.agencies(startedYear(year), checkedNotAfterToday(day), viewer);
  }

  @GetMapping(path = "/{year}/report.xlsx", produces = {PlanReport.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE})
  public ResponseEntity<byte[]> report(@PathVariable("year") String year,
      @RequestParam(name = "asOf", required = false) String asOf) {
    Viewer viewer = viewer();
    LocalDate day = asOf(asOf);
    Year started = startedYear(year);
    LocalDate checked = checkedNotAfterToday(day);
    byte[] workbook = report.workbook(started, checked, viewer);
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(PlanReport.CONTENT_TYPE))
        .header(HttpHeaders.CONTENT_DISPOSITION, PlanReport.attachment(started, checked))
        .body(workbook);
  }

  @GetMapping("/{year}/milestones/{processInstanceId}")
  public Map<String, Object> milestone(@PathVariable("year") String year,
      @PathVariable("processInstanceId") String processInstanceId) {
    Viewer viewer = viewer();
    return milestones.of(startedYear(year), processInstanceId, viewer);
  }

  @ExceptionHandler(PlanViewRefusal.class)
  public ResponseEntity<Map<String, String>> refused(PlanViewRefusal refusal) {
    return ResponseEntity.status(refusal.status()).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("type", JsonAnswers.type(refusal.status()), "message", refusal.getMessage()));
  }

  /** The user as Spring Security authenticated them (HTTP Basic or the webapps' session). */
  private Viewer viewer() {
    Authentication user = SecurityContextHolder.getContext().getAuthentication();
    List<String> groups = user == null ? List.of() : user.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(authority -> authority.startsWith(CamundaUserAuthenticationProvider.ROLE_PREFIX))
        .map(authority -> authority.substring(CamundaUserAuthenticationProvider.ROLE_PREFIX.length()))
        .toList();
    Viewer viewer = Viewer.of(user == null ? null : user.getName(), groups, agencies);
    if (!viewer.mayRead()) {
      throw new PlanViewRefusal(403, NO_ROLE);
    }
    return viewer;
  }

  private Year startedYear(String year) {
    if (!year.matches("\\d{4}")) {
      throw new PlanViewRefusal(404, "没有“" + PlanViewRefusal.shorten(year) + "”这个年度：年度应为四位年份，如 2027。");
    }
    return view.year(Integer.parseInt(year))
        .orElseThrow(() -> new PlanViewRefusal(404, year + " 年的年度计划尚未启动。"));
  }

  private LocalDate asOf(String asOf) {
    if (asOf == null) {
      return view.today();
    }
    try {
      if (!asOf.matches("\\d{4}-\\d{2}-\\d{2}")) {
        throw new DateTimeParseException("not YYYY-MM-DD", asOf, 0);
      }
      return LocalDate.parse(asOf);
    } catch (DateTimeParseException e) {
      throw new PlanViewRefusal(400, "参数 asOf（截至日期）格式不对：“" + PlanViewRefusal.shorten(asOf) + "”，应为 YYYY-MM-DD，如 2027-09-30。");
    }
  }

  private LocalDate checkedNotAfterToday(LocalDate day) {
    LocalDate today = view.today();
    if (day.isAfter(today)) {
      throw new PlanViewRefusal(400, "参数 asOf（截至日期）" + day + " 晚于今天（" + today + "）：只能查看今天及以前的进度。");
    }
    return day;
  }

}
