package cn.lianbao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Outside the {@code demo} profile the rehearsal clock does not exist, so {@code /api/demo/clock}
 * answers 404: its beans carry {@code @Profile("demo")}. (The suite's one application context runs
 * with {@code demo}, so this is checked on the classes.)
 */
class RehearsalClockProfileTest {

  @Test
  void theRehearsalClockExistsOnlyInTheDemoProfile() {
    for (Class<?> bean : new Class<?>[] {RehearsalClockController.class, RehearsalClock.class}) {
      Profile profile = AnnotatedElementUtils.findMergedAnnotation(bean, Profile.class);
      assertThat(profile).as(bean.getSimpleName()).isNotNull();
      assertThat(profile.value()).as(bean.getSimpleName()).containsExactly("demo");
    }
  }
}
