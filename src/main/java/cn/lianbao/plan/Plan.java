package cn.lianbao.plan;

import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A year's joint-protection plan as its plan file states it ({@code plans/plan-<id>.yml}). Dates are
 * months and days: the plan can be run in any calendar year.
 *
 * @param id the plan's id, e.g. "2021" ({@code planId} of the annual-plan process)
 * @param title the plan's title
 * @param source where the plan comes from
 * @param dates named dates of the plan, e.g. {@code expoOpening}
 * @param dateNames what happens on each named date, e.g. "第四届中国国际进口博览会"
 * @param items the plan's items, in the plan's order
 */
public record Plan(String id, String title, String source, Map<String, MonthDay> dates,
    Map<String, String> dateNames, List<PlanItem> items) {

  public Optional<PlanItem> item(String no) {
    return items.stream().filter(item -> item.no().equals(no)).findFirst();
  }

  /** Every milestone part of every item, in the plan's order. */
  public List<MilestonePart> parts() {
    return items.stream().flatMap(item -> item.parts().stream()).toList();
  }
}
