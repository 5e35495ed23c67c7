package dev.guardrails4j.core.policy;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.User;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/*
 * A PolicyMatch flattened into arrays, for the index's hot loop and for PolicyMatch itself: no
 * interface calls on immutable lists and sets of several classes, no iterators, and an empty
 * selector costs one length check. The policy index keeps one per policy.
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

  /*
   * The first selector other than the action that does not match, or null when all match; what
   * PolicyMatch.mismatch returns (it delegates here).
   */
  @Nullable String mismatch(Invocation inv, String model) {
    Caller caller = inv.caller();
    User user = caller.user();
    if (userPresence == PolicyMatch.UserPresence.REQUIRED && user == null) {
      return "user: the call has no user";
    }
    if (userPresence == PolicyMatch.UserPresence.ABSENT && user != null) {
      return "user: the policy matches calls without a user";
    }
    if (userSelectors) {
      if (subjects.length > 0 && (user == null || !any(subjects, user.subject()))) {
        return "user.subject";
      }
      if (roles.length > 0 && (user == null || !anyIn(roles, user.roles()))) {
        return "user.roles";
      }
      if (groups.length > 0 && (user == null || !anyIn(groups, user.groups()))) {
        return "user.groups";
      }
      if (tenants.length > 0 && (user == null || user.tenant() == null || !any(tenants, user.tenant()))) {
        return "user.tenant";
      }
    }
    if (workloads.length > 0 && !any(workloads, caller.workload().id())) {
      return "workload";
    }
    if (models.length > 0 && !any(models, model)) {
      return "model";
    }
    if (data.length > 0 && !anyLabel(inv.dataLabels())) {
      return "data";
    }
    for (int i = 0; i < attributeNames.length; i++) {
      String v = inv.attributes().get(attributeNames[i]);
      if (v == null || !any(attributeValues[i], v)) {
        return "attributes." + attributeNames[i];
      }
    }
    return null;
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
