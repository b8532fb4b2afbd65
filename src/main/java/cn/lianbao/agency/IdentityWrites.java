package cn.lianbao.agency;

import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;

/**
 * Idempotent writes into Camunda's identity service: a second start changes nothing, a renamed
 * group or user is updated, and two nodes starting at once both succeed (the one whose insert
 * loses the race finds the winner's row).
 */
public final class IdentityWrites {

  private IdentityWrites() {}

  public static void ensureGroup(IdentityService identity, String id, String name, String type) {
    Group existing = identity.createGroupQuery().groupId(id).singleResult();
    if (existing == null) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      insertUnlessRacing(() -> identity.saveGroup(group),
          () -> identity.createGroupQuery().groupId(id).count() > 0);
    } else if (!Objects.equals(existing.getName(), name) || !Objects.equals(existing.getType(), type)) {
      existing.setName(name);
      existing.setType(type);
      identity.saveGroup(existing);
    }
  }

  /**
   * Creates the user if absent; updates its names and e-mail if they differ. The password is set
   * on creation, and on an existing user only when {@code resetPassword} is true.
   */
  public static void ensureUser(IdentityService identity, String id, String firstName, String lastName,
      String email, String password, boolean resetPassword) {
    User existing = identity.createUserQuery().userId(id).singleResult();
    if (existing == null) {
      User user = identity.newUser(id);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setEmail(email);
      user.setPassword(password);
      insertUnlessRacing(() -> identity.saveUser(user),
          () -> identity.createUserQuery().userId(id).count() > 0);
      return;
    }
    boolean changed = !Objects.equals(existing.getFirstName(), firstName)
        || !Objects.equals(existing.getLastName(), lastName)
        || !Objects.equals(existing.getEmail(), email);
    if (resetPassword && !identity.checkPassword(id, password)) {
      existing.setPassword(password);
      changed = true;
    }
    if (changed) {
      existing.setFirstName(firstName);
      existing.setLastName(lastName);
      existing.setEmail(email);
      identity.saveUser(existing);
    }
  }

  public static void ensureMembership(IdentityService identity, String userId, String groupId) {
    if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      insertUnlessRacing(() -> identity.createMembership(userId, groupId),
          () -> identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0);
    }
  }

  private static void insertUnlessRacing(Runnable insert, java.util.function.BooleanSupplier presentNow) {
    try {
      insert.run();
    } catch (ProcessEngineException e) {
      if (!presentNow.getAsBoolean()) {
        throw e;
      }
    }
  }
}
