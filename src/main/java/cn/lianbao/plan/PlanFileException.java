package cn.lianbao.plan;

/** A plan file that cannot be used. The message names the file, the line, the item and the field. */
public class PlanFileException extends IllegalStateException {

  public PlanFileException(String message) {
    super(message);
  }
}
