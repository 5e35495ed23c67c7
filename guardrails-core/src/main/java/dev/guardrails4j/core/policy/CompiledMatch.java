package dev.guardrails4j.core.policy;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.User;
import dev.guardrails4j.core.match.Glob;
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
  }

  boolean matchesAction(String action) {
    return actions.length == 0 || any(actions, action);
  }

  /*
   * The first selector other than the action that does not match, or null when all match; what
   * PolicyMatch.mismatch returns (it delegates here), for explain tools.
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
    if (!subjectMatches(user)) {
      return "user.subject";
    }
    if (!rolesMatch(user)) {
      return "user.roles";
    }
    if (!groupsMatch(user)) {
      return "user.groups";
    }
    if (!tenantMatches(user)) {
      return "user.tenant";
    }
    if (!workloadMatches(caller)) {
      return "workload";
    }
    if (!modelMatches(model)) {
      return "model";
    }
    if (!dataMatches(inv)) {
      return "data";
    }
    int attribute = attributeMismatch(inv);
    return attribute < 0 ? null : "attributes." + attributeNames[attribute];
  }

  /*
   * Whether every selector other than the action matches: the same answer as mismatch(...) ==
   * null, with the checks that most often fail and cost least first, and the workload last (the
   * index found the candidate by the workload's directory, so it nearly always matches).
   */
  boolean matches(Invocation inv, String model) {
    Caller caller = inv.caller();
    User user = caller.user();
    if (userPresence == PolicyMatch.UserPresence.REQUIRED && user == null
        || userPresence == PolicyMatch.UserPresence.ABSENT && user != null) {
      return false;
    }
    return modelMatches(model) && rolesMatch(user) && tenantMatches(user) && subjectMatches(user)
        && groupsMatch(user) && dataMatches(inv) && attributeMismatch(inv) < 0 && workloadMatches(caller);
  }

  private boolean subjectMatches(@Nullable User user) {
    return subjects.length == 0 || user != null && any(subjects, user.subject());
  }

  private boolean rolesMatch(@Nullable User user) {
    return roles.length == 0 || user != null && anyIn(roles, user.roles());
  }

  private boolean groupsMatch(@Nullable User user) {
    return groups.length == 0 || user != null && anyIn(groups, user.groups());
  }

  private boolean tenantMatches(@Nullable User user) {
    if (tenants.length == 0) {
      return true;
    }
    String tenant = user == null ? null : user.tenant();
    return tenant != null && any(tenants, tenant);
  }

  private boolean workloadMatches(Caller caller) {
    return workloads.length == 0 || any(workloads, caller.workload().id());
  }

  private boolean modelMatches(String model) {
    return models.length == 0 || any(models, model);
  }

  private boolean dataMatches(Invocation inv) {
    return data.length == 0 || anyLabel(inv.dataLabels());
  }

  /* The index of the first attribute selector that does not match, or -1. */
  private int attributeMismatch(Invocation inv) {
    for (int i = 0; i < attributeNames.length; i++) {
      String v = inv.attributes().get(attributeNames[i]);
      if (v == null || !any(attributeValues[i], v)) {
        return i;
      }
    }
    return -1;
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
