package dev.guardrails4j.core.limit;

import java.util.Objects;

/**
 * A shared limit store (Redis, a database) could not answer: unreachable, too slow, or its circuit
 * breaker is open. A {@link Limiter} throws it from {@link Limiter#acquire}; the engine then
 * applies the policy set's {@code on-error}: {@code block} (the default) refuses the call with an
 * error decision that names the store, {@code allow} counts the call with this process's
 * in-memory limiter instead and says so in the decision. The message names the store and what
 * failed, never a key's user part or any content.
 */
public class LimitStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String store;

  /**
   * Creates the exception.
   *
   * @param store the store as operators know it, for example {@code redis://redis.support:6379}
   *     (without credentials)
   * @param message what failed, for example {@code command timed out after 50 ms}
   * @param cause the underlying failure, or {@code null}
   */
  public LimitStoreException(String store, String message, @org.jspecify.annotations.Nullable Throwable cause) {
    super("limit store " + Objects.requireNonNull(store, "store") + ": " + Objects.requireNonNull(message, "message"), cause);
    this.store = store;
  }

  /**
   * The store that failed.
   *
   * @return the store's name, without credentials
   */
  public String store() {
    return store;
  }
}
