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
}
