package cn.lianbao.process;

import org.camunda.bpm.engine.BadUserRequestException;

/** A request that Lianbao refuses for what it asks, not for its form: the REST API answers 400. */
public class RefusedRequestException extends BadUserRequestException implements Refusal {

  public RefusedRequestException(String message) {
    super(message);
  }
}
