package dev.guardrails4j.core;

import dev.guardrails4j.core.policy.PolicyReloader;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a policy source on one daemon thread ({@code guardrails-policy-reload}) for the engine's
 * {@code reloadEvery}. A reload that fails is logged and polling goes on with the last good set.
 */
final class PolicyPoller {

  // the category users know: reload failures have always been logged by the engine
  private static final Logger log = LoggerFactory.getLogger("dev.guardrails4j.core.Guardrails");

  private PolicyPoller() {}

  /** Starts polling; shut the returned executor down to stop. */
  static ScheduledExecutorService start(PolicyReloader reloader, Duration interval, Duration settle, Clock clock) {
    long ms = interval.toMillis();
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "guardrails-policy-reload");
      t.setDaemon(true);
      return t;
    });
    s.scheduleWithFixedDelay(() -> poll(reloader, settle, clock), ms, ms, TimeUnit.MILLISECONDS);
    return s;
  }

  /**
   * One scheduled reload. Anything it throws would cancel the schedule without a word, and no later
   * policy edit would ever be picked up, so it is logged and polling goes on with the last good set.
   */
  static void poll(PolicyReloader reloader, Duration settle, Clock clock) {
    try {
      reloader.poll(settle, clock.instant());
    } catch (RuntimeException | Error e) {
      log.error("Guardrails policy reload from {} failed ({}); keeping policy version {} and polling on",
          reloader.source().description(), e.getClass().getName(), reloader.get().version());
    }
  }
}
