package cn.lianbao.deployment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessApplicationDeployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.stereotype.Component;

/**
 * Deploys {@code processes/*.bpmn} and {@code forms/*.html} as one deployment named "lianbao",
 * each file under its folder name ({@code processes/annual-plan.bpmn}, {@code forms/…html}),
 * however the application was launched: from {@code target/classes}, from the packaged jar (where
 * Camunda's process-archive scanning would have named them {@code BOOT-INF/classes/…}), in tests.
 * <ul>
 *   <li>Nothing changed since the last deployment: no new deployment (duplicate filtering over the
 *       whole set; a changed file deploys the whole set again, so that a process always finds the
 *       forms its tasks name in its own deployment).
 *   <li>The newest version of one of our processes is not under its folder name (a data folder
 *       written by the jar of version 0.1, whose resources were named {@code BOOT-INF/classes/…}):
 *       a correctly named deployment supersedes it.
 * </ul>
 * Then {@link InstanceUpgrade} moves the running instances of older versions onto the newest
 * ({@code lianbao.upgrade.migrate-running-instances}).
 * The files are read through the application context's resource loader (a test starts the application
 * with the files of a previous version that way).
 * Runs once all beans exist and before the web server opens, so no request meets a half deployment;
 * then publishes {@link ProcessesDeployed}.
 */
@Component
public class ProcessDeployment implements SmartInitializingSingleton {

  public static final String NAME = "lianbao";
  static final String PROCESSES = "processes/";
  static final String FORMS = "forms/";
  private static final Pattern CANONICAL_PROCESS = Pattern.compile("processes/[^/]+\\.bpmn");
  private static final Logger LOG = LoggerFactory.getLogger(ProcessDeployment.class);

  private final ProcessEngine engine;
  private final InstanceUpgrade upgrade;
  private final ApplicationEventPublisher events;
  private final ResourcePatternResolver resolver;

  public ProcessDeployment(ProcessEngine engine, InstanceUpgrade upgrade, ApplicationEventPublisher events,
      ResourceLoader resources) {
    this.engine = engine;
    this.upgrade = upgrade;
    this.events = events;
    this.resolver = ResourcePatternUtils.getResourcePatternResolver(resources);
  }

  @Override
  public void afterSingletonsInstantiated() {
    deploy();
  }

  /** Deploys what changed, moves running instances to the newest versions, and tells the listeners of {@link ProcessesDeployed}. */
  public void deploy() {
    Map<String, byte[]> files = sourceFiles();
    RepositoryService repository = engine.getRepositoryService();
    boolean supersede = !misnamedLatestVersions().isEmpty();
    DeploymentBuilder builder = repository.createDeployment()
        .name(NAME)
        // the source Camunda's process applications used, so a data folder they wrote counts as ours
        .source(ProcessApplicationDeployment.PROCESS_APPLICATION_DEPLOYMENT_SOURCE);
    if (!supersede) {
      builder.enableDuplicateFiltering(false);
    }
    files.forEach((name, content) -> builder.addInputStream(name, new ByteArrayInputStream(content)));
    DeploymentWithDefinitions deployment = builder.deployWithResult();
    List<ProcessDefinition> deployed = deployment.getDeployedProcessDefinitions();
    if (deployed != null && !deployed.isEmpty()) {
      LOG.info("已部署流程与表单：部署 {}，{} 个文件{}", deployment.getId(), files.size(),
          supersede ? "（取代资源名不规范的旧部署）" : "");
    }
    upgrade.upgradeRunningInstances();
    events.publishEvent(new ProcessesDeployed(this, engine));
  }

  /** A process version whose resource is not {@code processes/<file>.bpmn}. */
  static boolean misnamed(ProcessDefinition definition) {
    return !CANONICAL_PROCESS.matcher(definition.getResourceName()).matches();
  }

  private List<ProcessDefinition> misnamedLatestVersions() {
    return engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list().stream()
        .filter(ProcessDeployment::misnamed).toList();
  }

  private Map<String, byte[]> sourceFiles() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    collect(PROCESSES, "*.bpmn", files);
    collect(FORMS, "*.html", files);
    if (files.keySet().stream().noneMatch(name -> name.startsWith(PROCESSES))) {
      throw new IllegalStateException("类路径上没有 processes/*.bpmn：应用包不完整");
    }
    return files;
  }

  private void collect(String folder, String pattern, Map<String, byte[]> files) {
    try {
      List<Resource> found = new ArrayList<>(List.of(resolver.getResources("classpath*:" + folder + pattern)));
      found.sort(Comparator.comparing(Resource::getFilename));
      for (Resource resource : found) {
        String name = folder + resource.getFilename();
        byte[] content = resource.getContentAsByteArray();
        byte[] before = files.putIfAbsent(name, content);
        if (before != null && !Arrays.equals(before, content)) {
          throw new IllegalStateException("类路径上有两个不同的 " + name + "：" + resource.getDescription());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
