package cn.lianbao.rest;

import cn.lianbao.process.Refusal;
import org.camunda.bpm.engine.AuthorizationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * Some REST resources turn every engine exception into a 500 ({@code /process-definition/…/start}
 * among them). A request that Lianbao refuses ({@link Refusal}: a second plan for a year, a form
 * field missing) is the caller's to correct: this mapper answers 400 with the refusal's message;
 * an {@link AuthorizationException} wrapped the same way answers 403. Every other exception is left
 * to Camunda's own handling.
 */
public class RefusalExceptionMapper implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camunda = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthorizationException) {
        // some resources (comments) wrap a refusal of cn.lianbao.security.NarrowWrites into a 400
        return answer(Response.Status.FORBIDDEN, cause);
      }
      if (cause instanceof Refusal) {
        return answer(Response.Status.BAD_REQUEST, cause);
      }
    }
    return camunda.toResponse(exception);
  }

  private static Response answer(Response.Status status, Throwable cause) {
    ExceptionDto body = new ExceptionDto();
    body.setType(cause.getClass().getSimpleName());
    body.setMessage(cause.getMessage());
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
