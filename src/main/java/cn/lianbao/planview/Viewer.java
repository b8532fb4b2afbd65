package cn.lianbao.planview;

import cn.lianbao.agency.Agency;
import cn.lianbao.agency.AgencyCatalog;
import cn.lianbao.agency.AgencyDirectory;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who reads the plan view: supervisors and administrators see everything; an agency's users (its
 * group or its leaders group) see the items in which their agency has any role, and their own
 * agency's record.
 *
 * @param user the user id
 * @param everything whether the user is a supervisor or an administrator
 * @param agencies the agencies the user belongs to (through the agency's group or its leaders group)
 */
public record Viewer(String user, boolean everything, Set<String> agencies) {

  public static Viewer of(String user, Collection<String> groups, AgencyCatalog catalog) {
    boolean everything = groups.contains(AgencyDirectory.SUPERVISORS) || groups.contains(AgencyDirectory.ADMINISTRATORS);
    Set<String> agencies = new LinkedHashSet<>();
    for (String group : groups) {
      if (catalog.contains(group)) {
        agencies.add(group);
      } else {
        catalog.ofLeadersGroup(group).map(Agency::id).ifPresent(agencies::add);
      }
    }
    return new Viewer(user, everything, Set.copyOf(agencies));
  }

  /** Whether the user may see the plan view at all. */
  public boolean mayRead() {
    return everything || !agencies.isEmpty();
  }

  /** Whether the user sees something that concerns these agencies. */
  public boolean sees(Collection<String> concerned) {
    return everything || concerned.stream().anyMatch(agencies::contains);
  }

  /** Whether the user sees this agency's record. */
  public boolean seesRecordOf(String agency) {
    return everything || agencies.contains(agency);
  }
}
