package cn.lianbao.process;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A form submit that Lianbao refuses: a required field missing or a value malformed. The message,
 * in Chinese, names the field. The engine rolls the command back (nothing is kept); the REST API
 * answers 400 on {@code /task/{id}/complete} and {@code /submit-form} as it does for Camunda's own
 * form field validation; Tasklist shows the message.
 */
public class InvalidInputException extends FormFieldValidationException implements Refusal {

  public InvalidInputException(String field, String message) {
    super(field, message);
  }

  /** The name of the variable that was refused. */
  public String field() {
    return getDetail();
  }
}
