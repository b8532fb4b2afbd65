package cn.lianbao.rest;

import cn.lianbao.agency.AgencyDirectory;
import cn.lianbao.process.QueryExpressionGuard;
import cn.lianbao.security.CamundaUserAuthenticationProvider;
import cn.lianbao.security.JsonAnswers;
import cn.lianbao.web.ReplayableRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the engine's two HTTP APIs ({@code /engine-rest/**} with HTTP Basic, the webapps'
 * {@code /camunda/api/engine/**} with their login) accept, before a request reaches them.
 *
 * <h2>No expression from a request</h2>
 * Camunda evaluates expressions ({@code ${…}}, {@code #{…}}) in task queries, also inside
 * {@code orQueries} and in a filter's query, with the rights of the server. So a request that holds
 * {@code ${} or {@code #{} is refused with 400, in:
 * <ul>
 *   <li>its query string, every endpoint (names and values, URL-decoded);
 *   <li>its JSON body, every endpoint but the data endpoints below: every key and text at any
 *       depth, read as JSON (so {@code \u0024{} counts). That covers the queries of every kind
 *       ({@code POST /task}, {@code /process-instance}, {@code /history/*}, {@code /execution},
 *       {@code /job}, {@code /variable-instance}, …, their {@code /count}), the queries that batch
 *       operations embed, and a filter's extending query ({@code POST /filter/{id}/list|count|singleResult});
 *   <li>a filter created or changed ({@code POST /filter/create}, {@code PUT /filter/{id}}, only by
 *       administrators): its query may hold the engine's identity and date functions, each a whole
 *       value of a key ending in {@code Expression} ({@link QueryExpressionGuard#isFilterFunction}),
 *       nothing else.
 * </ul>
 * <b>Data endpoints</b>: what is submitted there is stored as a value and never evaluated, so a user's
 * text may hold {@code ${}: completing a task and submitting its form, starting a process and its
 * start form, the variables endpoints, message and signal correlation, a comment, a user's
 * profile and password. Their query string
 * is still checked. Multipart bodies (a deployment, an attachment, a file variable) are files, not
 * queries, and are not read here. The engine checks queries once more ({@link QueryExpressionGuard}).
 *
 * <h2>Writes that belong to administrators</h2>
 * Anyone else gets 403 for: creating, changing or deleting a filter; writing a variable other than
 * by a task's form ({@code …/variables}, {@code …/localVariables} of a task, process instance or
 * execution); process instance modification; correlating a message, throwing a signal, evaluating
 * conditions; triggering an execution. Process state ({@code overdue}, {@code deadline}, the groups
 * of a task, …) is thus written by the processes only; a task's own form is checked by
 * {@code cn.lianbao.form.FormWriteCheck}.
 */
public class EngineApiGuard extends OncePerRequestFilter {

  public static final String REST_API = "/engine-rest";
  public static final String WEBAPP_API = "/camunda/api/engine";
  static final String DEFAULT_ENGINE = "default";

  static final String PASSWORD_CHECKS_ARE_FOR_ADMINISTRATORS = "只有管理员可以核对账号的密码；登录请使用登录页。";
  static final String FILTERS_ARE_FOR_ADMINISTRATORS = "只有管理员可以创建、修改或删除任务筛选器。";
  static final String VARIABLES_ARE_FOR_ADMINISTRATORS = "流程变量只能在办理任务时通过其表单填写：直接修改变量、"
      + "修改流程实例、关联消息或信号仅限管理员。流程状态（如是否逾期、截止时间、办理单位）由流程自己记录。";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Engine paths (after the API and its optional {@code /engine/{name}}) whose body is data. */
  private static final List<Pattern> DATA = List.of(
      Pattern.compile("/task/[^/]+/(complete|submit-form|resolve|bpmnError|bpmnEscalation)"),
      Pattern.compile("/task/[^/]+/comment/create"),
      Pattern.compile("/(task|process-instance|execution|case-instance|case-execution)/[^/]+/(variables|localVariables)(/.*)?"),
      Pattern.compile("/process-definition/(key/[^/]+(/tenant-id/[^/]+)?|[^/]+)/(start|submit-form)"),
      Pattern.compile("/(message|signal)"),
      // a password may hold any character
      Pattern.compile("/user/create"),
      Pattern.compile("/user/[^/]+/(credentials|profile)"),
      Pattern.compile("/identity/verify"));

  private static final Pattern FILTER_WRITE = Pattern.compile("/filter/(create|[^/]+)");

  /** Paths that write variables or move instances, by method: for administrators only. */
  private static final List<Pattern> VARIABLE_WRITES = List.of(
      Pattern.compile("/(task|process-instance|execution|case-instance|case-execution)/[^/]+/(variables|localVariables)(/.*)?"),
      Pattern.compile("/process-instance/[^/]+/modification(-async)?"),
      Pattern.compile("/process-instance/variables-async"),
      Pattern.compile("/process-definition/.+/(modification|restart|restart-async)"),
      Pattern.compile("/modification/execute(Async)?"),
      Pattern.compile("/(message|signal|condition)"),
      Pattern.compile("/execution/[^/]+/(signal|messageSubscriptions/.*)"));

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = enginePath(request);
    if (path == null) {
      chain.doFilter(request, response);
      return;
    }
    String method = request.getMethod();
    boolean write = !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");

    Optional<String> inQuery = expressionInQueryString(request.getQueryString());
    if (inQuery.isPresent()) {
      JsonAnswers.refuse(request, response, 400, QueryExpressionGuard.AD_HOC_REFUSED + "（查询参数 " + inQuery.get() + "）");
      return;
    }
    boolean filterWrite = (method.equals("POST") && path.equals("/filter/create"))
        || ((method.equals("PUT") || method.equals("DELETE")) && FILTER_WRITE.matcher(path).matches()
            && !path.equals("/filter/count"));
    if (filterWrite && !isAdministrator(request)) {
      JsonAnswers.refuse(request, response, 403, FILTERS_ARE_FOR_ADMINISTRATORS);
      return;
    }
    if (path.equals("/identity/verify") && !isAdministrator(request)) {
      // checks any account's password outside the login throttle, and delays that account on each miss
      JsonAnswers.refuse(request, response, 403, PASSWORD_CHECKS_ARE_FOR_ADMINISTRATORS);
      return;
    }
    if (write && VARIABLE_WRITES.stream().anyMatch(p -> p.matcher(path).matches()) && !isAdministrator(request)) {
      JsonAnswers.refuse(request, response, 403, VARIABLES_ARE_FOR_ADMINISTRATORS);
      return;
    }
    if (!write || isMultipart(request) || DATA.stream().anyMatch(p -> p.matcher(path).matches())) {
      chain.doFilter(request, response);
      return;
    }
    ReplayableRequest cached = ReplayableRequest.read(request);
    Optional<String> problem = problemInBody(cached.body(), filterWrite);
    if (problem.isPresent()) {
      JsonAnswers.refuse(request, response, 400, problem.get());
      return;
    }
    chain.doFilter(cached, response);
  }

  /**
   * The path within the engine's API ({@code /task/…}), without the API and the engine's name; null
   * for a request to neither API.
   */
  static String enginePath(HttpServletRequest request) {
    String uri = decodedPath(request);
    String rest;
    if (uri.equals(REST_API) || uri.startsWith(REST_API + "/")) {
      rest = uri.substring(REST_API.length());
    } else if (uri.equals(WEBAPP_API) || uri.startsWith(WEBAPP_API + "/")) {
      rest = uri.substring(WEBAPP_API.length());
    } else {
      return null;
    }
    rest = rest.replaceFirst("^/engine/[^/]+(?=/|$)", "");
    // "//task" or "/task/" reach the same resource
    rest = rest.replaceAll("/{2,}", "/");
    return rest.length() > 1 && rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
  }

  /**
   * The path as the APIs route it: decoded, without path parameters ({@code ;…}), as the container
   * mapped it to the servlet. (The raw request URI would let {@code %76ariables} or
   * {@code variables;x} pass for something else.)
   */
  private static String decodedPath(HttpServletRequest request) {
    return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
  }

  static Optional<String> expressionInQueryString(String query) {
    if (query == null || query.isEmpty()) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      String decoded;
      try {
        decoded = URLDecoder.decode(pair, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = pair;
      }
      if (holdsExpression(decoded) || holdsExpression(pair)) {
        return Optional.of(decoded.contains("=") ? decoded.substring(0, decoded.indexOf('=')) : decoded);
      }
    }
    return Optional.empty();
  }

  static boolean holdsExpression(String text) {
    return text != null && (text.contains("${") || text.contains("#{"));
  }

  /** Why the body of a (non-data) request is refused, if it is. */
  static Optional<String> problemInBody(byte[] body, boolean filterWrite) {
    if (body.length == 0) {
      return Optional.empty();
    }
    String text = new String(body, StandardCharsets.UTF_8);
    JsonNode json;
    try {
      json = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      // not JSON: the API will not read it as a query either, but refuse an expression in it all the same
      return holdsExpression(text) || text.contains("\\u0024{") || text.contains("\\u0023{")
          ? Optional.of(QueryExpressionGuard.AD_HOC_REFUSED) : Optional.empty();
    }
    return json == null ? Optional.empty() : problemIn(json, "", filterWrite);
  }

  private static Optional<String> problemIn(JsonNode node, String where, boolean filterWrite) {
    if (node.isTextual()) {
      String value = node.asText();
      if (!holdsExpression(value)) {
        return Optional.empty();
      }
      if (filterWrite && where.startsWith("query.") && where.endsWith("Expression")
          && QueryExpressionGuard.isFilterFunction(value)) {
        return Optional.empty();
      }
      return Optional.of(filterWrite && where.startsWith("query.")
          ? QueryExpressionGuard.filterRefused(value)
          : QueryExpressionGuard.AD_HOC_REFUSED + "（" + where + "）");
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String inner = where.isEmpty() ? field.getKey() : where + "." + field.getKey();
        if (holdsExpression(field.getKey())) {
          return Optional.of(QueryExpressionGuard.AD_HOC_REFUSED + "（" + inner + "）");
        }
        Optional<String> problem = problemIn(field.getValue(), inner, filterWrite);
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<String> problem = problemIn(node.get(i), where + "[" + i + "]", filterWrite);
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the caller is a member of {@code camunda-admin}: for the REST API the user Spring
   * Security authenticated, for the webapps' API the user logged into the webapps' session.
   */
  static boolean isAdministrator(HttpServletRequest request) {
    String role = CamundaUserAuthenticationProvider.ROLE_PREFIX + AgencyDirectory.ADMINISTRATORS;
    if (decodedPath(request).startsWith(REST_API)) {
      Authentication user = SecurityContextHolder.getContext().getAuthentication();
      return user != null && user.isAuthenticated()
          && user.getAuthorities().stream().anyMatch(authority -> role.equals(authority.getAuthority()));
    }
    HttpSession session = request.getSession(false);
    if (session == null) {
      return false;
    }
    Authentications logins = AuthenticationUtil.getAuthsFromSession(session);
    if (logins == null) {
      return false;
    }
    return logins.getAuthenticationForProcessEngine(DEFAULT_ENGINE) instanceof UserAuthentication login
        && login.getGroupIds() != null && login.getGroupIds().contains(AgencyDirectory.ADMINISTRATORS);
  }

  private static boolean isMultipart(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase().startsWith("multipart/");
  }


}
