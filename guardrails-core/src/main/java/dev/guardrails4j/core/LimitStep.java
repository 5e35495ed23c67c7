package dev.guardrails4j.core;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.core.limit.LimitRule;
import dev.guardrails4j.core.limit.LimitStoreException;
import dev.guardrails4j.core.limit.Limiter;
import dev.guardrails4j.core.policy.OnError;
import dev.guardrails4j.core.policy.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The limits step: reserves requests, tokens and concurrency slots against the matched policies'
 * limits before the model call (the reservation is settled when the call ends). A store that
 * fails blocks under {@code on-error: block}; under {@code allow} this process's in-memory
 * limiter counts the call instead, and the decision says which.
 */
final class LimitStep {

  private LimitStep() {}

  /** Acquires the limits, records the decision, and throws when it blocks. */
  static void enforce(CallRecord call) {
    List<LimitRule> rules = null;
    Mode override = call.settings.modeOverride();
    for (Policy p : call.matched) {
      if (!p.limits().isEmpty()) {
        if (rules == null) {
          rules = new ArrayList<>();
        }
        for (LimitRule r : p.limits()) {
          rules.add(override == Mode.MONITOR && r.mode() != Mode.MONITOR
              ? new LimitRule(r.policyId(), r.kind(), r.amount(), r.period(), r.key(), Mode.MONITOR) : r);
        }
      }
    }
    if (rules == null) {
      return;
    }
    long t0 = System.nanoTime();
    Invocation inv = call.invocation;
    call.estimatedTokens = inv.tokenEstimate() > 0 ? inv.tokenEstimate() : estimateTokens(inv);
    Decision limits;
    try {
      Limiter.Outcome outcome = call.settings.limiter().acquire(inv, rules, call.estimatedTokens);
      call.reservation = outcome.reservation();
      limits = decision(call, outcome.violations(), t0);
    } catch (RuntimeException e) {
      limits = limiterFailed(call, e, rules, call.set.defaults().onError(), t0);
    }
    call.recordAndEnforce(limits);
  }

  private static Decision decision(CallRecord call, List<Limiter.Violation> violations, long t0) {
    Decision.Builder b = call.decision(Phase.LIMITS);
    if (violations.isEmpty()) {
      return b.durationNanos(System.nanoTime() - t0).build();
    }
    boolean enforced = false;
    Duration retry = null;
    for (Limiter.Violation v : violations) {
      boolean e = v.rule().mode() != Mode.MONITOR;
      enforced |= e;
      b.policy(v.rule().policyId());
      b.reason((e ? "" : "monitor mode: ") + "limit " + describe(v.rule()) + " reached for " + v.key()
          + (v.retryAfter() != null ? "; retry after " + v.retryAfter().toSeconds() + " s" : ""));
      if (e && v.retryAfter() != null && (retry == null || v.retryAfter().compareTo(retry) > 0)) {
        retry = v.retryAfter();
      }
    }
    return b.verdict(Verdict.DENY).mode(enforced ? Mode.ENFORCE : Mode.MONITOR).retryAfter(retry)
        .durationNanos(System.nanoTime() - t0).build();
  }

  /**
   * The limiter threw. With {@code on-error: block} the call is refused with an error decision
   * naming the store; with {@code allow}, a shared store's failure falls back to this process's
   * in-memory limiter (limits still hold per replica), and the decision says so.
   */
  private static Decision limiterFailed(CallRecord call, RuntimeException e, List<LimitRule> rules,
      OnError onError, long t0) {
    String what = e instanceof LimitStoreException store
        ? "limit store " + store.store() + " failed" : "limiter failed (" + e.getClass().getSimpleName() + ")";
    Limiter fallback = call.settings.fallbackLimiter();
    if (onError == OnError.ALLOW && e instanceof LimitStoreException && fallback != null) {
      try {
        Limiter.Outcome outcome = fallback.acquire(call.invocation, rules, call.estimatedTokens);
        call.reservation = outcome.reservation();
        Decision counted = decision(call, outcome.violations(), t0);
        Decision.Builder b = call.decision(Phase.LIMITS).error(true).verdict(counted.verdict()).mode(counted.mode())
            .reason(what + "; on-error: allow, so this process's in-memory limiter counted the call");
        counted.policyIds().forEach(b::policy);
        counted.reasons().forEach(b::reason);
        if (counted.retryAfter() != null) {
          b.retryAfter(counted.retryAfter());
        }
        return b.durationNanos(System.nanoTime() - t0).build();
      } catch (RuntimeException fallbackFailed) {
        return call.errorDecision(Phase.LIMITS, what + " and so did the in-memory fallback ("
            + fallbackFailed.getClass().getSimpleName() + ")", onError, t0);
      }
    }
    return call.errorDecision(Phase.LIMITS, what, onError, t0);
  }

  private static String describe(LimitRule r) {
    StringBuilder sb = new StringBuilder(r.kind().label()).append(' ').append(r.amount());
    if (r.period() != null) {
      sb.append('/').append(humanPeriod(r.period()));
    }
    if (!r.key().isEmpty()) {
      sb.append(" per ");
      for (int i = 0; i < r.key().size(); i++) {
        sb.append(i == 0 ? "" : "+").append(r.key().get(i).name().toLowerCase(Locale.ROOT));
      }
    }
    return sb.toString();
  }

  private static String humanPeriod(Duration d) {
    if (d.toDaysPart() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
      return d.toDays() + "d";
    }
    if (d.equals(Duration.ofHours(d.toHours()))) {
      return d.toHours() + "h";
    }
    if (d.equals(Duration.ofMinutes(d.toMinutes()))) {
      return d.toMinutes() + "m";
    }
    if (d.equals(Duration.ofSeconds(d.toSeconds()))) {
      return d.toSeconds() + "s";
    }
    return d.toMillis() + "ms";
  }

  /**
   * The documented token estimate when the adapter has no tokenizer: one token per four UTF-16
   * characters, rounded up, plus four per message for the chat format.
   */
  static long estimateTokens(Invocation inv) {
    long chars = 0;
    for (Message m : inv.messages()) {
      chars += m.text().length();
    }
    return (chars + 3) / 4 + 4L * inv.messages().size();
  }
}
