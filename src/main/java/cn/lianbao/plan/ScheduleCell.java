package cn.lianbao.plan;

/**
 * One cell of the schedule (进度安排) of the plan's table (附表), in the table's own words. The table
 * divides the schedule into four columns, 第一季度 … 第四季度; a cell may span several of them.
 *
 * @param firstQuarter the first quarter the cell spans, 1 to 4
 * @param lastQuarter the last quarter it spans, {@code firstQuarter} to 4
 * @param text the cell's words, as the table has them
 */
public record ScheduleCell(int firstQuarter, int lastQuarter, String text) {

  private static final String NUMERALS = "一二三四";

  public ScheduleCell {
    if (firstQuarter < 1 || lastQuarter > 4 || firstQuarter > lastQuarter) {
      throw new IllegalArgumentException("quarters " + firstQuarter + "-" + lastQuarter + " are not within 1-4");
    }
  }

  /**
   * The columns of the table the cell spans, named as its header names them: "第二季度", "第三、四季度";
   * three or four columns "第二至四季度", "第一至四季度" (the header has no column "全年").
   */
  public String quarters() {
    if (firstQuarter == lastQuarter) {
      return "第" + numeral(firstQuarter) + "季度";
    }
    if (lastQuarter == firstQuarter + 1) {
      return "第" + numeral(firstQuarter) + "、" + numeral(lastQuarter) + "季度";
    }
    return "第" + numeral(firstQuarter) + "至" + numeral(lastQuarter) + "季度";
  }

  /** The cell as a task quotes it: "第二季度：完成第一次共同巡河". */
  public String line() {
    return quarters() + "：" + text;
  }

  private static char numeral(int quarter) {
    return NUMERALS.charAt(quarter - 1);
  }
}
