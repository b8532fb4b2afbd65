package cn.lianbao.planview;

import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.security.CamundaUserAuthenticationProvider;
import cn.lianbao.security.JsonAnswers;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/plans/{year}/milestones/{processInstanceId}}: one milestone part's history for the
 * plan view's panel (see {@link MilestoneHistory}). The same readers as {@code /progress}: supervisors
 * and administrators, and an agency's users for the items in which their agency has a role; an
 * unknown instance, one of another year or one the user does not see is answered 404.
 */
@RestController
@RequestMapping(path = "/api/plans", produces = MediaType.APPLICATION_JSON_VALUE)
public class MilestoneHistoryController {

  private final PlanView view;
  private final MilestoneHistory milestones;
  private final AgencyCatalog agencies;

  public MilestoneHistoryController(PlanView view, MilestoneHistory milestones, AgencyCatalog agencies) {
    this.view = view;
    this.milestones = milestones;
    this.agencies = agencies;
  }

  @GetMapping("/{year}/milestones/{processInstanceId}")
  public Map<String, Object> milestone(@PathVariable("year") String year,
      @PathVariable("processInstanceId") String processInstanceId) {
    Viewer viewer = viewer();
    if (!year.matches("\\d{4}")) {
      throw new PlanViewRefusal(404, "没有“" + MilestoneHistory.shorten(year) + "”这个年度：年度应为四位年份，如 2027。");
    }
    PlanViewJson.Year started = view.year(Integer.parseInt(year))
        .orElseThrow(() -> new PlanViewRefusal(404, year + " 年的年度计划尚未启动。"));
    return milestones.of(started, processInstanceId, viewer);
  }

  @ExceptionHandler(PlanViewRefusal.class)
  public ResponseEntity<Map<String, String>> refused(PlanViewRefusal refusal) {
    return ResponseEntity.status(refusal.status()).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("type", JsonAnswers.type(refusal.status()), "message", refusal.getMessage()));
  }

  private Viewer viewer() {
    Authentication user = SecurityContextHolder.getContext().getAuthentication();
    List<String> groups = user == null ? List.of() : user.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(authority -> authority.startsWith(CamundaUserAuthenticationProvider.ROLE_PREFIX))
        .map(authority -> authority.substring(CamundaUserAuthenticationProvider.ROLE_PREFIX.length()))
        .toList();
    Viewer viewer = Viewer.of(user == null ? null : user.getName(), groups, agencies);
    if (!viewer.mayRead()) {
      throw new PlanViewRefusal(403, PlanViewController.NO_ROLE);
    }
    return viewer;
  }
}
