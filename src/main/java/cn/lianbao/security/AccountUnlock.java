package cn.lianbao.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * At every start, before anyone can log in: unlocks the configured administrator
 * ({@code camunda.bpm.admin-user.id}), so that no lock survives a restart, and the accounts listed in
 * {@code lianbao.security.unlock-users} (comma-separated ids), the operator's way back into accounts
 * locked by failed logins.
 */
@Component
@Order(90)
public class AccountUnlock extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(AccountUnlock.class);

  private final List<String> accounts;
  private final String administrator;

  public AccountUnlock(@Value("${camunda.bpm.admin-user.id:}") String administrator,
      @Value("${lianbao.security.unlock-users:}") List<String> unlockUsers) {
    this.administrator = administrator.strip();
    Set<String> ids = new LinkedHashSet<>();
    if (StringUtils.hasText(administrator)) {
      ids.add(administrator.strip());
    }
    unlockUsers.stream().filter(StringUtils::hasText).map(String::strip).forEach(ids::add);
    this.accounts = new ArrayList<>(ids);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    unlock(engine.getIdentityService());
  }

  void unlock(IdentityService identity) {
    for (String id : accounts) {
      User user = identity.createUserQuery().userId(id).singleResult();
      if (user == null) {
        if (id.equals(administrator)) {
          continue; // created after this on a first start
        }
        LOG.warn("lianbao.security.unlock-users: there is no user '{}' to unlock", id);
        continue;
      }
      identity.unlockUser(id);
      LOG.info("Account '{}' unlocked at start-up", id);
    }
  }
}
