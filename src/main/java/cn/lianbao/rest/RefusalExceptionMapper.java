package cn.lianbao.rest;

import cn.lianbao.process.Refusal;
import cn.lianbao.process.RefusalUnwrapping;
import cn.lianbao.security.JsonAnswers;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error answer of the engine's two HTTP APIs (the REST API {@code /engine-rest} and the
 * webapps' {@code /camunda/api/engine}, see {@link WebappEngineApi}), in Chinese, as JSON
 * {@code {"type": …, "message": …}}, the type being the status's reason
 * ({@link JsonAnswers#type(int)}): no stack trace, engine code or class name.
 * <ul>
 *   <li>a request that Lianbao refuses ({@link Refusal}: a second plan for a year, a form field
 *       missing, a value the database cannot hold) → 400 with the refusal's message (some REST
 *       resources would turn it into a 500);
 *   <li>a task claimed by someone else, or changed by someone else at the same moment
 *       ({@link OptimisticLockingException}; nothing was committed, nothing is retried) → 409;
 *   <li>a body that is not JSON or holds a value of the wrong form → 400 naming the field;
 *   <li>anything else keeps the status Camunda gives it (404 for what does not exist, 403 for a
 *       missing right) with a Chinese message; a 500 is logged with its stack trace and says no more.
 * </ul>
 * Refusals are logged at INFO in one line.
 */
public class RefusalExceptionMapper {

  static final String TAKEN = "任务已被他人处理，请刷新";

  private static final Logger LOG = LoggerFactory.getLogger(RefusalExceptionMapper.class);

  private RefusalExceptionMapper() {}

  static Response answer(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthorizationException) {
        // some resources (comments) wrap a refusal of cn.lianbao.security.NarrowWrites into a 400
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        return refuse(403, message.matches("(?s).*\\p{IsHan}.*") ? message : "没有权限执行此操作：" + clean(message));
      }
      if (cause instanceof Refusal) {
        return refuse(400, cause.getMessage());
      }
      if (cause instanceof TaskAlreadyClaimedException || cause instanceof OptimisticLockingException) {
        return refuse(409, TAKEN);
      }
      if (cause instanceof NotFoundException || RefusalUnwrapping.isMissing(cause)) {
        return refuse(404, "找不到要处理的对象（如任务已办结、已删除或 id 有误），请刷新：" + clean(cause.getMessage()));
      }
      if (cause instanceof StreamConstraintsException) {
        return refuse(413, "请求中的一个值过长（上传的文件不能超过 lianbao.upload-max-size）："
            + field(thrown));
      }
      if (cause instanceof JsonParseException) {
        return refuse(400, "请求体不是有效的 JSON：" + field(thrown));
      }
      if (cause instanceof JsonMappingException mapping) {
        return refuse(400, "请求体中的值格式不对：" + field(mapping));
      }
    }
    int status = status(thrown);
    String detail = clean(thrown.getMessage());
    return switch (status) {
      case 400 -> refuse(400, "请求有误：" + detail);
      case 401 -> refuse(401, "未登录。");
      case 403 -> refuse(403, "没有权限执行此操作：" + detail);
      case 404 -> refuse(404, "找不到要处理的对象（如任务已办结、已删除或 id 有误），请刷新：" + detail);
      case 405 -> refuse(405, "此地址不支持该请求方法。");
      case 406, 415 -> refuse(status, "请求或回答的格式不受支持（请用 application/json）。");
      default -> {
        if (status < 500) {
          yield refuse(status, "请求未被接受：" + detail);
        }
        LOG.error("REST request failed", thrown);
        yield Response.status(status).type(MediaType.APPLICATION_JSON_TYPE + ";charset=UTF-8")
            .entity(Map.of("type", JsonAnswers.type(status), "message", "服务器出错，请稍后再试；若一再出现，请联系系统管理员。")).build();
      }
    };
  }

  private static int status(Throwable thrown) {
    if (thrown instanceof RestException rest && rest.getStatus() != null) {
      return rest.getStatus().getStatusCode();
    }
    if (thrown instanceof WebApplicationException web) {
      return web.getResponse().getStatus();
    }
    if (thrown instanceof AuthorizationException) {
      return 403;
    }
    return ExceptionHandlerHelper.getInstance().getStatus(thrown).getStatusCode();
  }

  private static Response refuse(int status, String message) {
    LOG.info("REST request refused: {} {}", status, message.replaceAll("[\\r\\n]+", " "));
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE + ";charset=UTF-8")
        .entity(Map.of("type", JsonAnswers.type(status), "message", message)).build();
  }

  /** The JSON field a Jackson error is about, as a path such as {@code variables.deadline.value}. */
  private static String field(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
        return "字段 " + mapping.getPath().stream()
            .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                : "[" + reference.getIndex() + "]")
            .collect(Collectors.joining(".")).replace(".[", "[");
      }
    }
    return "请检查请求体";
  }

  /** Camunda's message without engine codes, class names and stack-trace-like parts. */
  static String clean(String message) {
    if (message == null || message.isBlank()) {
      return "";
    }
    return message
        .replaceAll("ENGINE-\\d+\\s*", "")
        .replaceAll("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*", "")
        .replaceAll("\\b(?:[a-z_$][\\w$]*\\.){2,}[A-Z][\\w$]*", "")
        .replaceAll("[\\r\\n]+", " ")
        .strip();
  }

  /**
   * Registers the mappers on an engine API's Jersey configuration, ahead of Camunda's own mappers
   * for the same exception types (priority 1 wins over Camunda's default).
   */
  static void registerOn(ResourceConfig config) {
    config.register(ForRest.class, 1);
    config.register(ForEngine.class, 1);
    config.register(ForMapping.class, 1);
    config.register(ForParse.class, 1);
    config.register(ForAny.class, 1);
  }

  /** For {@link RestException}, which Camunda's REST resources throw. */
  public static class ForRest implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException exception) {
      return answer(exception);
    }
  }

  /** For engine exceptions that reach the REST layer unwrapped. */
  public static class ForEngine implements ExceptionMapper<ProcessEngineException> {
    @Override
    public Response toResponse(ProcessEngineException exception) {
      return answer(exception);
    }
  }

  /** For a body Jackson cannot read into the expected form. */
  public static class ForMapping implements ExceptionMapper<JsonMappingException> {
    @Override
    public Response toResponse(JsonMappingException exception) {
      return answer(exception);
    }
  }

  /** For a body that is not JSON. */
  public static class ForParse implements ExceptionMapper<JsonParseException> {
    @Override
    public Response toResponse(JsonParseException exception) {
      return answer(exception);
    }
  }

  /** For everything else. */
  public static class ForAny implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable exception) {
      return answer(exception);
    }
  }
}
