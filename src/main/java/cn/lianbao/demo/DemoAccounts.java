package cn.lianbao.demo;

import cn.lianbao.LianbaoProperties;
import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.agency.AgencyDirectory;
import cn.lianbao.agency.IdentityWrites;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The demo's accounts (profile {@code demo} only): for every agency an officer
 * {@code <id>-officer} (member of the agency) and a leader {@code <id>-leader} (member of the
 * agency and of its leaders group), the supervisor {@code supervisor} and the administrator
 * {@code admin}, all with the password {@code lianbao.demo.password}. Idempotent; a changed demo
 * password is applied at the next start.
 */
@Component
@Profile("demo")
@Order(40)
public class DemoAccounts extends AbstractProcessEnginePlugin {

  public static final String SUPERVISOR = "supervisor";
  public static final String ADMIN = "admin";
  static final String MAIL_DOMAIN = "@lianbao.example";

  private final AgencyCatalog catalog;
  private final String password;
  private final JsonNode people;

  public DemoAccounts(AgencyCatalog catalog, LianbaoProperties properties) {
    this.catalog = catalog;
    this.password = properties.demo().password();
    if (!StringUtils.hasText(password)) {
      throw new IllegalStateException("The demo profile needs lianbao.demo.password");
    }
    this.people = readPeople();
  }

  public static String officer(String agencyId) {
    return agencyId + "-officer";
  }

  public static String leader(String agencyId) {
    return agencyId + "-leader";
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    for (Agency agency : catalog.all()) {
      JsonNode names = people.path(agency.id());
      user(identity, officer(agency.id()), names.path(0).asText(agency.shortName() + "联络员"),
          agency.shortName() + "·联络员");
      IdentityWrites.ensureMembership(identity, officer(agency.id()), agency.id());
      user(identity, leader(agency.id()), names.path(1).asText(agency.shortName() + "领导"),
          agency.shortName() + "·分管领导");
      IdentityWrites.ensureMembership(identity, leader(agency.id()), agency.id());
      IdentityWrites.ensureMembership(identity, leader(agency.id()), agency.leadersGroupId());
    }
    user(identity, SUPERVISOR, people.path(SUPERVISOR).asText("督办员"), "执委会·督办员");
    IdentityWrites.ensureMembership(identity, SUPERVISOR, AgencyDirectory.SUPERVISORS);
    user(identity, ADMIN, people.path(ADMIN).asText("管理员"), "系统管理员");
    IdentityWrites.ensureMembership(identity, ADMIN, AgencyDirectory.ADMINISTRATORS);
  }

  private void user(IdentityService identity, String id, String name, String role) {
    // Tasklist shows "first last": the full name first, the role after it
    IdentityWrites.ensureUser(identity, id, name, "（" + role + "）", id + MAIL_DOMAIN, password, true);
  }

  private static JsonNode readPeople() {
    try (InputStream in = new ClassPathResource("lianbao/demo-people.yml").getInputStream()) {
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read lianbao/demo-people.yml", e);
    }
  }
}
