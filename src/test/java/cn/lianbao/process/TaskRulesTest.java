package cn.lianbao.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.lianbao.process.TaskRules.On;
import cn.lianbao.process.TaskRules.Rule;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one list of rules for every task refuses, at start-up, what would let a rule run unlisted,
 * run twice or before what it depends on; and a rule shares with the others only what its line says.
 */
class TaskRulesTest {

  record Title(String name) {}

  static class Titles implements TaskRule {}

  static class Notices implements TaskRule {}

  static class Unlisted implements TaskRule {}

  static final Rule TITLES = new Rule("titles", Titles.class, Set.of(On.CREATE), Set.of(), Set.of(Title.class),
      "names the task");
  static final Rule NOTICES = new Rule("notices", Notices.class, Set.of(On.CREATE), Set.of(Title.class), Set.of(),
      "tells of new work by the task's name");

  @Test
  void theRulesOfAnEventRunInTheListsOrder() {
    TaskRules rules = new TaskRules(List.of(TITLES, NOTICES), List.of(new Notices(), new Titles()));

    assertThat(rules.running(On.CREATE)).containsExactly("titles", "notices");
    assertThat(rules.running(On.COMPLETE)).isEmpty();
  }

  @Test
  void aRuleThatUsesWhatALaterRuleGivesIsRefusedNamingBoth() {
    assertThatThrownBy(() -> TaskRules.check(List.of(NOTICES, TITLES)))
        .hasMessageContaining("notices").hasMessageContaining("Title").hasMessageContaining("CREATE");
  }

  @Test
  void aRuleThatUsesWhatTheRuleBeforeGivesOnAnotherEventIsRefused() {
    Rule titlesOnCompletion = new Rule("titles", Titles.class, Set.of(On.COMPLETE), Set.of(), Set.of(Title.class),
        "names the task");
    assertThatThrownBy(() -> TaskRules.check(List.of(titlesOnCompletion, NOTICES))).hasMessageContaining("notices");
  }

  @Test
  void aTaskRuleBeanOutsideTheListStopsTheStart() {
    assertThatThrownBy(() -> new TaskRules(List.of(TITLES, NOTICES),
        List.of(new Titles(), new Notices(), new Unlisted())))
        .hasMessageContaining(Unlisted.class.getName()).hasMessageContaining("TaskRules.LIST");
  }

  @Test
  void aListedRuleWithoutItsBeanStopsTheStart() {
    assertThatThrownBy(() -> new TaskRules(List.of(TITLES, NOTICES), List.of(new Titles())))
        .hasMessageContaining("notices");
  }

  @Test
  void aRuleListedTwiceIsRefused() {
    assertThatThrownBy(() -> TaskRules.check(List.of(TITLES, TITLES))).hasMessageContaining("twice");
  }

  @Test
  void aRuleGivesAndUsesOnlyWhatItsLineDeclares() {
    TaskFacts facts = new TaskFacts();
    facts.running(TITLES);
    facts.give(Title.class, new Title("【4a 排污口清单】苏州市 · 起草成果文件"));
    assertThatThrownBy(() -> facts.find(Title.class)).as("titles does not say it uses a title")
        .hasMessageContaining("titles");

    facts.running(NOTICES);
    assertThat(facts.find(Title.class)).contains(new Title("【4a 排污口清单】苏州市 · 起草成果文件"));
    assertThatThrownBy(() -> facts.give(Title.class, new Title("x"))).as("notices does not say it gives one")
        .hasMessageContaining("notices");
  }

  @Test
  void theApplicationsListHoldsEachRuleOnceGivenBeforeUsed() {
    TaskRules.check(TaskRules.LIST);
    assertThat(TaskRules.LIST).extracting(Rule::id)
        .as("the title is worked out before the new-work notice names the task by it")
        .containsSubsequence("titles", "newWorkNotices");
  }
}
