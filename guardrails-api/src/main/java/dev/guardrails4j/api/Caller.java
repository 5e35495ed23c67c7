package dev.guardrails4j.api;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who invokes a model: a workload, optionally acting on behalf of a user. A call with a user is a
 * delegation from the workload to the user, and policies can match both.
 *
 * @param workload the service making the call
 * @param user the end user, or {@code null} for a call the workload makes on its own behalf
 */
public record Caller(Workload workload, @Nullable User user) {

  /** Validates. */
  public Caller {
    Objects.requireNonNull(workload, "workload");
  }

  /**
   * A caller that is just a workload.
   *
   * @param workload the workload
   * @return the caller
   */
  public static Caller of(Workload workload) {
    return new Caller(workload, null);
  }

  /**
   * A caller that is a workload acting for a user.
   *
   * @param workload the workload
   * @param user the user
   * @return the caller
   */
  public static Caller of(Workload workload, User user) {
    return new Caller(workload, Objects.requireNonNull(user, "user"));
  }

  /**
   * The same workload acting for another user.
   *
   * @param user the user
   * @return a new caller
   */
  public Caller onBehalfOf(User user) {
    return new Caller(workload, Objects.requireNonNull(user, "user"));
  }

  /**
   * The user, if any.
   *
   * @return the user
   */
  public Optional<User> findUser() {
    return Optional.ofNullable(user);
  }
}
