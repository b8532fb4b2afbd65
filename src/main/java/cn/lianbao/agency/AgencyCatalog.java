package cn.lianbao.agency;

import cn.lianbao.LianbaoProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The agencies of the plan, read once from the agency data file ({@code lianbao.agencies},
 * {@code classpath:lianbao/agencies.yml}). A malformed file stops the start with a message that
 * names the file and the entry.
 */
@Component
public class AgencyCatalog {

  /** Group ids: lower-case ASCII words joined by hyphens, as Camunda's whitelist accepts them. */
  static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private final Map<String, Agency> byId;

  @Autowired
  public AgencyCatalog(LianbaoProperties properties) {
    this(properties.agencies());
  }

  AgencyCatalog(Resource file) {
    this.byId = Collections.unmodifiableMap(read(file));
  }

  public List<Agency> all() {
    return List.copyOf(byId.values());
  }

  public Optional<Agency> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public boolean contains(String id) {
    return byId.containsKey(id);
  }

  /** The agency whose leadership group this is, if it is one. */
  public Optional<Agency> ofLeadersGroup(String groupId) {
    if (groupId == null || !groupId.endsWith(Agency.LEADERS_SUFFIX)) {
      return Optional.empty();
    }
    return find(groupId.substring(0, groupId.length() - Agency.LEADERS_SUFFIX.length()));
  }

  private static Map<String, Agency> read(Resource file) {
    String source = file.getDescription();
    Agency[] entries;
    try (InputStream in = file.getInputStream()) {
      entries = new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .readValue(in, Agency[].class);
    } catch (JsonProcessingException e) {
      throw new AgencyFileException(source, e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the agency file " + source, e);
    }
    if (entries == null || entries.length == 0) {
      throw new AgencyFileException(source, "the file lists no agency");
    }
    Map<String, Agency> agencies = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < entries.length; i++) {
      Agency agency = entries[i];
      String where = "entry " + (i + 1);
      if (agency == null) {
        problems.add(where + " is empty");
        continue;
      }
      if (agency.id() == null || !ID.matcher(agency.id()).matches()) {
        problems.add(where + ": id '" + agency.id() + "' must be lower-case letters, digits and hyphens");
      } else if (agency.id().endsWith(Agency.LEADERS_SUFFIX)) {
        problems.add(where + ": id '" + agency.id() + "' must not end in " + Agency.LEADERS_SUFFIX);
      } else if (agencies.putIfAbsent(agency.id(), agency) != null) {
        problems.add(where + ": id '" + agency.id() + "' is listed twice");
      }
      if (agency.name() == null || agency.name().isBlank()) {
        problems.add(where + " (" + agency.id() + "): name is missing");
      }
      if (agency.shortName() == null || agency.shortName().isBlank()) {
        problems.add(where + " (" + agency.id() + "): shortName is missing");
      }
    }
    if (!problems.isEmpty()) {
      throw new AgencyFileException(source, String.join("; ", problems));
    }
    return agencies;
  }

  /** The agency file cannot be used; the message names the file and what is wrong. */
  public static class AgencyFileException extends IllegalStateException {
    AgencyFileException(String file, String problem) {
      super("Agency file " + file + ": " + problem);
    }
  }

  @Override
  public String toString() {
    return "AgencyCatalog" + Arrays.toString(byId.keySet().toArray());
  }
}
