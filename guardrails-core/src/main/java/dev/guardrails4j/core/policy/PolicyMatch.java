package dev.guardrails4j.core.policy;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.User;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a policy matches. Selectors of different kinds must all match; within one selector, any
 * listed value matches. An absent selector matches everything.
 *
 * @param subjects user subject globs
 * @param roles user roles (any)
 * @param groups user groups (any)
 * @param tenants tenant globs
 * @param userPresence whether a user must be present, absent, or either
 * @param workloads workload path globs
 * @param models model globs ({@code provider:name})
 * @param actions action globs
 * @param data data label globs (any label of the invocation)
 * @param attributes attribute name to allowed value globs
 */
public record PolicyMatch(
    List<Glob> subjects,
    Set<String> roles,
    Set<String> groups,
    List<Glob> tenants,
    UserPresence userPresence,
    List<Glob> workloads,
    List<Glob> models,
    List<Glob> actions,
    List<Glob> data,
    Map<String, List<Glob>> attributes) {

  /** Whether a policy requires a user. */
  public enum UserPresence {
    /** Either. */
    ANY,
    /** A user must be present. */
    REQUIRED,
    /** The call must have no user (a workload acting on its own behalf). */
    ABSENT
  }

  /** Copies. */
  public PolicyMatch {
    subjects = List.copyOf(subjects);
    roles = Set.copyOf(roles);
    groups = Set.copyOf(groups);
    tenants = List.copyOf(tenants);
    workloads = List.copyOf(workloads);
    models = List.copyOf(models);
    actions = List.copyOf(actions);
    data = List.copyOf(data);
    attributes = Map.copyOf(attributes);
  }

  /** Matches everything. */
  public static final PolicyMatch ALL = new PolicyMatch(List.of(), Set.of(), Set.of(), List.of(),
      UserPresence.ANY, List.of(), List.of(), List.of(), List.of(), Map.of());

  /**
   * Whether the invocation matches every selector except the action (the index handles actions).
   *
   * @param inv the invocation
   * @param modelName the model as {@code provider:name}, precomputed by the caller
   * @return the first selector that did not match, or {@code null} when all match
   */
  public @Nullable String mismatch(Invocation inv, String modelName) {
    Caller caller = inv.caller();
    User user = caller.user();
    if (userPresence == UserPresence.REQUIRED && user == null) {
      return "user: the call has no user";
    }
    if (userPresence == UserPresence.ABSENT && user != null) {
      return "user: the policy matches calls without a user";
    }
    if (!subjects.isEmpty() && (user == null || !any(subjects, user.subject()))) {
      return "user.subject";
    }
    if (!roles.isEmpty() && (user == null || !intersects(roles, user.roles()))) {
      return "user.roles";
    }
    if (!groups.isEmpty() && (user == null || !intersects(groups, user.groups()))) {
      return "user.groups";
    }
    if (!tenants.isEmpty() && (user == null || user.tenant() == null || !any(tenants, user.tenant()))) {
      return "user.tenant";
    }
    if (!workloads.isEmpty() && !any(workloads, caller.workload().id())) {
      return "workload";
    }
    if (!models.isEmpty() && !any(models, modelName)) {
      return "model";
    }
    if (!data.isEmpty() && !anyLabel(inv.dataLabels())) {
      return "data";
    }
    if (!attributes.isEmpty()) {
      for (Map.Entry<String, List<Glob>> e : attributes.entrySet()) {
        String v = inv.attributes().get(e.getKey());
        if (v == null || !any(e.getValue(), v)) {
          return "attributes." + e.getKey();
        }
      }
    }
    return null;
  }

  /**
   * Whether the action matches.
   *
   * @param action the action
   * @return true if it matches
   */
  public boolean matchesAction(String action) {
    return actions.isEmpty() || any(actions, action);
  }

  private boolean anyLabel(Set<String> labels) {
    for (String l : labels) {
      if (any(data, l)) {
        return true;
      }
    }
    return false;
  }

  private static boolean any(List<Glob> globs, String value) {
    for (int i = 0, n = globs.size(); i < n; i++) {
      if (globs.get(i).matches(value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean intersects(Set<String> wanted, Set<String> have) {
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
}
