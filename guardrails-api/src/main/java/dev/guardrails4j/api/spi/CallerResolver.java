package dev.guardrails4j.api.spi;

import dev.guardrails4j.api.Caller;
import java.util.Optional;

/**
 * Finds the caller of the current model call, for example from Spring Security's context or a
 * request header. Used when no caller was given explicitly or through
 * {@link dev.guardrails4j.api.GuardContext}.
 */
@FunctionalInterface
public interface CallerResolver {

  /** A resolver that never finds a caller. */
  CallerResolver NONE = Optional::empty;

  /**
   * Resolves the caller on the current thread.
   *
   * @return the caller, or empty when this resolver does not know
   */
  Optional<Caller> resolve();
}
