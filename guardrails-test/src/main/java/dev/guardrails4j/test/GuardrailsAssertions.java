package dev.guardrails4j.test;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardrailViolationException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;

/**
 * Entry point of the Guardrails4j AssertJ assertions. Import it statically next to AssertJ's own
 * {@code assertThat}; overloads resolve by type.
 *
 * <pre>{@code
 * import static dev.guardrails4j.test.GuardrailsAssertions.assertThat;
 * import static dev.guardrails4j.test.GuardrailsAssertions.assertThatBlocked;
 *
 * assertThat(call.decisions().get(1)).isAllowedWithChanges().hasFinding("EMAIL_ADDRESS");
 * assertThatBlocked(() -> call.checkInput()).inPhase(Phase.INPUT).byPolicy("no-secrets");
 * }</pre>
 */
public final class GuardrailsAssertions {

  private GuardrailsAssertions() {}

  /**
   * Starts assertions on a decision.
   *
   * @param decision the decision
   * @return the assertion
   */
  public static DecisionAssert assertThat(@Nullable Decision decision) {
    return new DecisionAssert(decision);
  }

  /**
   * Runs code that must be stopped by a guardrail, and starts assertions on the decision that
   * stopped it.
   *
   * @param code the code
   * @return assertions on the blocking decision
   * @throws AssertionError if the code completes, or throws something other than a
   *     {@link GuardrailViolationException}
   */
  public static DecisionAssert assertThatBlocked(ThrowingCallable code) {
    try {
      code.call();
    } catch (GuardrailViolationException e) {
      return new DecisionAssert(e.decision());
    } catch (Throwable t) {
      throw new AssertionError("Expecting a GuardrailViolationException but caught " + t, t);
    }
    throw new AssertionError("Expecting a GuardrailViolationException but nothing was thrown");
  }
}
