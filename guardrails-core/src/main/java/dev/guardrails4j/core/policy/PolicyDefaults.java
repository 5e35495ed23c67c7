package dev.guardrails4j.core.policy;

import dev.guardrails4j.api.Mode;
import java.util.Objects;

/**
 * The {@code defaults:} of a policy set.
 *
 * @param mode the mode of policies that set none
 * @param access what happens when no policy allows or denies: {@code deny} (the default) or
 *     {@code allow}
 * @param onError what a failure does when a policy sets nothing
 * @param tools whether a tool no policy mentions is allowed
 */
public record PolicyDefaults(Mode mode, Access access, OnError onError, Access tools) {

  /** Enforce, deny by default, fail closed, tools allowed unless restricted. */
  public static final PolicyDefaults STANDARD =
      new PolicyDefaults(Mode.ENFORCE, Access.DENY, OnError.BLOCK, Access.ALLOW);

  /** Validates. */
  public PolicyDefaults {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(onError, "onError");
    Objects.requireNonNull(tools, "tools");
  }
}
