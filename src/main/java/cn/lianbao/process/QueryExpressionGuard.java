package cn.lianbao.process;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * No expression a caller sends is evaluated, whatever path it takes into the engine (the second
 * line behind {@code cn.lianbao.rest.EngineApiGuard}, which refuses them in requests):
 * <ul>
 *   <li>an ad-hoc query with an expression is refused, in its or-queries too (Camunda's own
 *       {@code enableExpressionsInAdhocQueries=false} looks at the top level only);
 *   <li>a filter is saved, and a stored filter is listed, only when its expressions are the
 *       engine's identity and date functions ({@link #isFilterFunction}); a filter listed with an
 *       extending query that holds an expression is refused.
 * </ul>
 */
@Component
@Order(11)
public class QueryExpressionGuard extends AbstractProcessEnginePlugin {

  /**
   * The expressions a filter may hold: {@code ${currentUser()}}, {@code ${currentUserGroups()}},
   * {@code ${now()}}, {@code ${dateTime()}}, the latter with whole-number steps such as
   * {@code .plusDays(14)} and an optional {@code .toDate()}. Nothing else (no other method, no
   * property, no string) can be written in them.
   */
  static final Pattern FILTER_FUNCTION = Pattern.compile(
      "\\$\\{\\s*(currentUser\\(\\)|currentUserGroups\\(\\)|now\\(\\)"
          + "|dateTime\\(\\)(\\.(plus|minus)(Years|Months|Weeks|Days|Hours|Minutes|Seconds)\\(\\s*-?\\d{1,6}\\s*\\)"
          + "|\\.withTimeAtStartOfDay\\(\\))*(\\.toDate\\(\\))?)\\s*}");

  public static final String AD_HOC_REFUSED =
      "出于安全原因，查询条件中不能含有表达式（“${”或“#{”）：请直接填写要查询的值。";

  /** Whether a filter may hold this expression text. */
  public static boolean isFilterFunction(String expression) {
    return expression != null && FILTER_FUNCTION.matcher(expression).matches();
  }

  public static String filterRefused(String expression) {
    return "任务筛选器中只能使用当前用户和日期函数（${currentUser()}、${currentUserGroups()}、${now()}、"
        + "${dateTime()…}），不能使用“" + expression + "”。";
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineHooks.checkEveryCallersCommand(configuration, this::check);
  }

  void check(Command<?> command) {
    if (command instanceof AbstractQuery<?, ?> query && !expressions(query).isEmpty()) {
      throw new RefusedRequestException(AD_HOC_REFUSED);
    }
    if (command instanceof SaveFilterCmd save) {
      Filter filter = EngineHooks.field(save, "filter");
      checkFilter(filter);
    }
    if (command instanceof AbstractExecuteFilterCmd execute) {
      Object extending = EngineHooks.field(execute, "extendingQuery");
      if (extending instanceof AbstractQuery<?, ?> query && !expressions(query).isEmpty()) {
        throw new RefusedRequestException(AD_HOC_REFUSED);
      }
      String filterId = EngineHooks.field(execute, "filterId");
      FilterEntity stored = filterId == null ? null
          : Context.getCommandContext().getFilterManager().findFilterById(filterId);
      if (stored != null) {
        checkFilter(stored);
      }
    }
  }

  private static void checkFilter(Filter filter) {
    if (filter == null || filter.getQuery() == null) {
      return;
    }
    for (String expression : expressions((AbstractQuery<?, ?>) filter.getQuery())) {
      if (!isFilterFunction(expression)) {
        throw new RefusedRequestException(filterRefused(expression));
      }
    }
  }

  /** The expression texts of a query and of its or-queries. */
  static List<String> expressions(AbstractQuery<?, ?> query) {
    List<String> found = new ArrayList<>(query.getExpressions().values());
    if (query instanceof TaskQueryImpl task && task.getQueries() != null) {
      for (TaskQueryImpl or : task.getQueries()) {
        if (or != task) {
          found.addAll(or.getExpressions().values());
        }
      }
    }
    return found;
  }
}
