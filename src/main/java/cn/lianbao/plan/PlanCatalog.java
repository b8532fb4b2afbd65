package cn.lianbao.plan;

import cn.lianbao.LianbaoProperties;
import cn.lianbao.agency.AgencyCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Every plan file ({@code lianbao.plans}: patterns, default {@code classpath*:plans/plan-*.yml}), read and
 * checked at start-up: a faulty file stops the start with a message naming it, the line, the item
 * and the field. A new year's plan is a new file, not new code.
 */
@Component
public class PlanCatalog {

  private final Map<String, Plan> plans;

  public PlanCatalog(LianbaoProperties properties, AgencyCatalog agencies) {
    Map<String, Plan> read = new LinkedHashMap<>();
    try {
      PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
      List<Resource> files = new ArrayList<>();
      for (String pattern : properties.plans()) {
        files.addAll(List.of(resolver.getResources(pattern.strip())));
      }
      for (Resource file : files) {
        String name = file.getFilename();
        Plan plan = new PlanFileReader("plans/" + name, agencies::contains)
            .read(file.getContentAsString(StandardCharsets.UTF_8));
        if (read.putIfAbsent(plan.id(), plan) != null) {
          throw new PlanFileException("计划文件 plans/" + name + "：编号为 " + plan.id() + " 的计划已存在");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("无法读取计划文件 " + properties.plans(), e);
    }
    if (read.isEmpty()) {
      throw new PlanFileException("在 " + properties.plans() + " 未找到任何计划文件");
    }
    this.plans = Map.copyOf(read);
  }

  public Optional<Plan> find(String id) {
    return Optional.ofNullable(plans.get(id));
  }

  public Plan get(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("没有编号为 " + id + " 的计划"));
  }

  public List<String> ids() {
    return plans.keySet().stream().sorted().toList();
  }
}
