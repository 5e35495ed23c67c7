package dev.guardrails4j.core.policy;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.User;
import java.util.List;
import java.util.Map;
import java.util.Set;

/*
 * A PolicyMatch flattened into arrays for the index's hot loop: the same decision as
 * PolicyMatch.mismatch(...) == null (PolicyIndexTests hold the two together), without interface
 * calls on immutable lists and sets of several classes, without iterators, and with an empty
 * selector costing one length check.
 */
final class CompiledMatch {

  private static final Glob[] NO_GLOBS = new Glob[0];
  private static final String[] NO_NAMES = new String[0];

  private final PolicyMatch.UserPresence userPresence;
  private final Glob[] subjects;
  private final String[] roles;
  private final String[] groups;
  private final Glob[] tenants;
  private final Glob[] workloads;
  private final Glob[] models;
  private final Glob[] actions;
  private final Glob[] data;
  private final String[] attributeNames;
  private final Glob[][] attributeValues;
  /* Whether anything about the user is selected: subjects, roles, groups or tenants. */
  private final boolean userSelectors;

  CompiledMatch(PolicyMatch m) {
    userPresence = m.userPresence();
    subjects = globs(m.subjects());
    roles = names(m.roles());
    groups = names(m.groups());
    tenants = globs(m.tenants());
    workloads = globs(m.workloads());
    models = globs(m.models());
    actions = globs(m.actions());
    data = globs(m.data());
    attributeNames = m.attributes().keySet().toArray(NO_NAMES);
    attributeValues = new Glob[attributeNames.length][];
    Map<String, List<Glob>> attributes = m.attributes();
    for (int i = 0; i < attributeNames.length; i++) {
      attributeValues[i] = globs(attributes.get(attributeNames[i]));
    }
    userSelectors = subjects.length + roles.length + groups.length + tenants.length > 0;
  }

  boolean matchesAction(String action) {
    return actions.length == 0 || any(actions, action);
  }

  /* Every selector but the action, as PolicyMatch.mismatch(inv, model) == null. */
  boolean matches(Invocation inv, String model) {
    Caller caller = inv.caller();
    User user = caller.user();
    if (userPresence == PolicyMatch.UserPresence.REQUIRED && user == null
        || userPresence == PolicyMatch.UserPresence.ABSENT && user != null) {
      return false;
    }
    if (userSelectors) {
      if (user == null) {
        return false;
      }
      if (subjects.length > 0 && !any(subjects, user.subject())
          || roles.length > 0 && !anyIn(roles, user.roles())
          || groups.length > 0 && !anyIn(groups, user.groups())) {
        return false;
      }
      if (tenants.length > 0) {
        String tenant = user.tenant();
        if (tenant == null || !any(tenants, tenant)) {
          return false;
        }
      }
    }
    if (workloads.length > 0 && !any(workloads, caller.workload().id())
        || models.length > 0 && !any(models, model)) {
      return false;
    }
    if (data.length > 0 && !anyLabel(inv.dataLabels())) {
      return false;
    }
    for (int i = 0; i < attributeNames.length; i++) {
      String v = inv.attributes().get(attributeNames[i]);
      if (v == null || !any(attributeValues[i], v)) {
        return false;
      }
    }
    return true;
  }

  private boolean anyLabel(Set<String> labels) {
    for (String l : labels) {
      if (any(data, l)) {
        return true;
      }
    }
    return false;
  }

  private static boolean any(Glob[] globs, String value) {
    for (Glob g : globs) {
      if (g.matches(value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyIn(String[] wanted, Set<String> have) {
    if (have.isEmpty()) {
      return false;
    }
    for (String w : wanted) {
      if (have.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private static Glob[] globs(List<Glob> list) {
    return list.isEmpty() ? NO_GLOBS : list.toArray(NO_GLOBS);
  }

  private static String[] names(Set<String> set) {
    return set.isEmpty() ? NO_NAMES : set.toArray(NO_NAMES);
  }
}
