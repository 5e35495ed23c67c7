package dev.guardrails4j.core.policy;

import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.core.match.Glob;
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
    return new CompiledMatch(this).mismatch(inv, modelName);
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

  private static boolean any(List<Glob> globs, String value) {
    for (int i = 0, n = globs.size(); i < n; i++) {
      if (globs.get(i).matches(value)) {
        return true;
      }
    }
    return false;
  }
}
