package dev.guardrails4j.core.policy;

import dev.guardrails4j.api.FindingAction;
import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.spi.Detector;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One content check of a policy: a detector, what to do with its findings and where it applies.
 *
 * @param detector the detector instance (shared between checks with identical options)
 * @param action what to do with a finding
 * @param types the finding types this check acts on; empty means all
 * @param minScore findings scoring below this are ignored
 * @param mode the check's own mode, or {@code null} to inherit the policy's
 * @param onError the check's own failure handling, or {@code null} to inherit
 * @param roles the message roles an input check reads
 * @param style how redactions are written
 * @param reversible whether redactions are restored in the answer for the caller
 * @param options the options passed to the detector factory
 * @param line the line of the check in its file
 */
public record Check(
    Detector detector,
    FindingAction action,
    Set<String> types,
    double minScore,
    @Nullable Mode mode,
    @Nullable OnError onError,
    Set<Message.Role> roles,
    RedactionStyle style,
    boolean reversible,
    Map<String, Object> options,
    int line) {

  /** Validates and copies. */
  public Check {
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(style, "style");
    types = Set.copyOf(types);
    roles = Set.copyOf(roles);
    options = Map.copyOf(options);
  }

  /**
   * Whether this check acts on a finding type.
   *
   * @param type the type
   * @return true if it does
   */
  public boolean acceptsType(String type) {
    return types.isEmpty() || types.contains(type);
  }
}
