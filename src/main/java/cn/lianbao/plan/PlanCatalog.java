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
          throw new PlanFileException("Plan file plans/" + name + ": a plan with id " + plan.id() + " exists already");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the plan files " + properties.plans(), e);
    }
    if (read.isEmpty()) {
      throw new PlanFileException("No plan file found at " + properties.plans());
    }
    this.plans = Map.copyOf(read);
  }

  public Optional<Plan> find(String id) {
    return Optional.ofNullable(plans.get(id));
  }

  public Plan get(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("no plan " + id));
  }

  public List<String> ids() {
    return plans.keySet().stream().sorted().toList();
  }
}
