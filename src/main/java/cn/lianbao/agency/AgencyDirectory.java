package cn.lianbao.agency;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds the groups of the plan into Camunda's identity service when the engine is built: every
 * agency of the {@link AgencyCatalog}, its leadership group {@code <id>-leaders}, the Executive
 * Committee's {@code supervisors} and {@code camunda-admin}. Idempotent; names follow the data file.
 * Groups of agencies removed from the file are left alone (their history refers to them).
 */
@Component
@Order(10)
public class AgencyDirectory extends AbstractProcessEnginePlugin {

  /** The Executive Committee's supervisors: read the whole plan, start a year's plan. */
  public static final String SUPERVISORS = "supervisors";
  public static final String SUPERVISORS_NAME = "示范区执委会督办人员";
  public static final String ADMINISTRATORS = Groups.CAMUNDA_ADMIN;
  public static final String ADMINISTRATORS_NAME = "系统管理员";

  private static final Logger LOG = LoggerFactory.getLogger(AgencyDirectory.class);

  private final AgencyCatalog catalog;

  public AgencyDirectory(AgencyCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    seed(engine.getIdentityService());
  }

  void seed(IdentityService identity) {
    for (Agency agency : catalog.all()) {
      IdentityWrites.ensureGroup(identity, agency.id(), agency.name(), Groups.GROUP_TYPE_WORKFLOW);
      IdentityWrites.ensureGroup(identity, agency.leadersGroupId(), agency.leadersGroupName(),
          Groups.GROUP_TYPE_WORKFLOW);
    }
    IdentityWrites.ensureGroup(identity, SUPERVISORS, SUPERVISORS_NAME, Groups.GROUP_TYPE_WORKFLOW);
    IdentityWrites.ensureGroup(identity, ADMINISTRATORS, ADMINISTRATORS_NAME, Groups.GROUP_TYPE_SYSTEM);
    LOG.info("Agency groups in place: {} agencies, each with its leaders group", catalog.all().size());
  }
}
