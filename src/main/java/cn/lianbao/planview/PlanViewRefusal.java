package cn.lianbao.planview;

/** A request the plan view refuses: the HTTP status and the Chinese message of its answer. */
public class PlanViewRefusal extends RuntimeException {

  private final int status;

  public PlanViewRefusal(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** A value the user sent, as a refusal quotes it: control characters as '?', at most 40 characters. */
  static String shorten(String text) {
    String printable = text.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
  }
}
