package dev.guardrails4j.core;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.core.limit.ProviderGuard;
import dev.guardrails4j.core.limit.ProviderProtection;
import java.util.function.Supplier;

/**
 * The model call step: runs the provider call behind the circuit breaker and time limit the
 * policy set configures for that model, and notes a failure for the audit event (a failed call
 * returns its reserved tokens).
 */
final class ModelStep {

  private ModelStep() {}

  static <T> T call(CallRecord call, Supplier<T> modelCall) {
    ProviderGuard.Permit permit = permit(call);
    long t0 = System.nanoTime();
    try {
      T result = permit.call(modelCall);
      permit.success(System.nanoTime() - t0);
      return result;
    } catch (GuardrailViolationException e) {
      permit.failure(System.nanoTime() - t0, e);
      Decision d = call.own(e.decision());
      call.record(d);
      call.fail(d);
      throw e;
    } catch (RuntimeException | Error e) {
      permit.failure(System.nanoTime() - t0, e);
      call.failure(e);
      throw e;
    }
  }

  static ProviderGuard.Permit permit(CallRecord call) {
    call.ensureOpen();
    String model = call.invocation.model().toString();
    for (ProviderProtection p : call.set.providers()) {
      if (p.model().matches(model)) {
        try {
          return call.settings.providerGuard().acquire(call.invocation.model(), p);
        } catch (GuardrailViolationException e) {
          Decision d = call.own(e.decision());
          call.record(d);
          call.fail(d);
          throw e;
        }
      }
    }
    return ProviderGuard.Permit.NONE;
  }
}
