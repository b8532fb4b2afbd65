package cn.lianbao.process;

import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.DeserializationTypeValidator;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Java types that an {@code Object} variable may have: what the processes store (lists of
 * group ids, lists of maps such as the problems found on a patrol, all as JSON) and nothing else.
 * The engine checks them whenever it reads an object variable
 * ({@code deserialization-type-validation-enabled: true}, application.yml); the REST API refuses
 * another type when a client sends it ({@code cn.lianbao.rest.RequestChecks}). Listed in the README.
 */
@Component
@Order(11)
public class StoredTypes extends AbstractProcessEnginePlugin implements DeserializationTypeValidator {

  /** The classes allowed; no package is allowed as a whole. */
  public static final Set<String> ALLOWED = Set.of(
      "java.util.ArrayList", "java.util.LinkedList", "java.util.List", "java.util.Arrays$ArrayList",
      "java.util.HashMap", "java.util.LinkedHashMap", "java.util.Map",
      // List.of, Stream.toList, List.copyOf and Map.of, as the plan's records hand their lists over
      "java.util.ImmutableCollections$List12", "java.util.ImmutableCollections$ListN",
      "java.util.ImmutableCollections$Map1", "java.util.ImmutableCollections$MapN",
      "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableList",
      "java.lang.Object", "java.lang.String", "java.lang.Boolean", "java.lang.Integer", "java.lang.Long",
      "java.lang.Double", "java.lang.Number");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setDeserializationTypeValidationEnabled(true);
    configuration.setDeserializationTypeValidator(this);
  }

  @Override
  public boolean validate(String className) {
    return ALLOWED.contains(className);
  }
}
