package cn.lianbao.process;

import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Spring beans that expressions may name: exactly those the processes name
 * ({@code delegateExpression="${bean}"}, {@code expression="${bean.method(…)}"} in
 * {@code processes/*.bpmn}), and no other. Without this list the Spring expression manager
 * resolves every bean of the application ({@code jdbcTemplate}, {@code identityService}, …) in any
 * expression the engine evaluates. Defence in depth: no expression from a request is evaluated at
 * all ({@code cn.lianbao.rest.EngineApiGuard}, {@link QueryExpressionGuard}).
 *
 * <p>A process that names a new bean needs it added here; ConventionsTest checks both ways.
 */
@Component
@Order(10)
public class ProcessBeans extends AbstractProcessEnginePlugin {

  /** The beans named in processes/*.bpmn. */
  public static final List<String> NAMES = List.of(
      "coordinationMeetingCheck",
      "documentReviewRecording",
      "documentSignOffCheck",
      "enforcementTeamCollector",
      "escalationLadder",
      "eventCampaignStart",
      "guidanceRules",
      "hyacinthCampaignRecording",
      "hyacinthSurveyRecording",
      "itemOpener",
      "meetingInputCollector",
      "mergedParts",
      "milestoneDelivery",
      "milestoneOpener",
      "milestoneState",
      "patrolFindingsReader",
      "planCalendar",
      "planYearRegistry",
      "problemListReader");

  private final ApplicationContext context;

  public ProcessBeans(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    Map<Object, Object> beans = beans();
    configuration.setBeans(beans);
    // the starter made its expression manager before the plugins run, with every bean: replace it
    configuration.setExpressionManager(new SpringExpressionManager(context, beans));
  }

  /**
   * The beans by name, each looked up when an expression first names it (several of them need the
   * engine that is being built here).
   */
  Map<Object, Object> beans() {
    Set<Object> names = new LinkedHashSet<>(NAMES);
    return new AbstractMap<>() {
      @Override
      public Set<Entry<Object, Object>> entrySet() {
        return names.stream().map(name -> Map.entry(name, context.getBean((String) name)))
            .collect(Collectors.toCollection(LinkedHashSet::new));
      }

      @Override
      public boolean containsKey(Object key) {
        return names.contains(key);
      }

      @Override
      public Object get(Object key) {
        return names.contains(key) ? context.getBean((String) key) : null;
      }

      @Override
      public Set<Object> keySet() {
        return names;
      }
    };
  }
}
