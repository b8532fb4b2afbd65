package cn.lianbao.agency;

/**
 * One agency of the plan. Its {@code id} is the Camunda group of its officers; {@link #leadersGroupId()}
 * the group of its leadership, who receive its escalations and may (re)assign its tasks.
 */
public record Agency(String id, String name, String shortName) {

  public static final String LEADERS_SUFFIX = "-leaders";

  public String leadersGroupId() {
    return id + LEADERS_SUFFIX;
  }

  public String leadersGroupName() {
    return name + "领导";
  }
}
