package cn.lianbao.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.lianbao.LianbaoProperties;
import cn.lianbao.agency.AgencyCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

/**
 * An operator adds a plan of their own in a folder beside the built-in ones (README: lianbao.plans);
 * the start form then offers both.
 */
class PlanCatalogTest {

  private static final String BUILT_IN = "classpath*:plans/plan-*.yml";

  @TempDir
  Path folder;

  @Test
  void readsTheBuiltInPlansAndAFolderOfTheOperatorsOwn() throws IOException {
    writeCopy("plan-2022.yml", "2022", "2022年重点工作计划（演练）");

    PlanCatalog catalog = catalog(BUILT_IN, "file:" + folder + "/plan-*.yml");

    assertThat(catalog.ids()).containsExactlyInAnyOrder("2021", "2022");
    assertThat(catalog.get("2022").title()).endsWith("2022年重点工作计划（演练）");
  }

  @Test
  void refusesTwoFilesOfOnePlan() throws IOException {
    writeCopy("plan-copy.yml", "2021", "2021年重点工作计划（副本）");

    assertThatThrownBy(() -> catalog(BUILT_IN, "file:" + folder + "/plan-*.yml"))
        .isInstanceOf(PlanFileException.class).hasMessageContaining("2021");
  }

  @Test
  void refusesToStartWithoutAnyPlan() {
    assertThatThrownBy(() -> catalog("file:" + folder + "/plan-*.yml"))
        .isInstanceOf(PlanFileException.class).hasMessageContaining("未找到任何计划文件");
  }

  /** The 2021 plan under another id and title. */
  private void writeCopy(String name, String id, String title) throws IOException {
    String plan = new ClassPathResource("plans/plan-2021.yml").getContentAsString(StandardCharsets.UTF_8)
        .replaceFirst("(?m)^id: \"2021\"$", "id: \"" + id + "\"")
        .replaceFirst("(?m)^title: (.*)2021年重点工作计划$", "title: $1" + title);
    assertThat(plan).contains("id: \"" + id + "\"").contains(title);
    Files.writeString(folder.resolve(name), plan);
  }

  private static PlanCatalog catalog(String... patterns) {
    LianbaoProperties properties = new LianbaoProperties(Path.of("data"), ZoneId.of("Asia/Shanghai"), 14,
        new ClassPathResource("lianbao/agencies.yml"), List.of(patterns), DataSize.ofMegabytes(20), 3650, null);
    return new PlanCatalog(properties, new AgencyCatalog(properties));
  }
}
