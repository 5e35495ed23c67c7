package dev.guardrails4j.spring;

import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.inventory.InventoryEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The engine's inventory as Micrometer gauges, for teams that watch metrics rather than logs:
 *
 * <ul>
 *   <li>{@value #CALL_SITES}: call sites (declared and seen);
 *   <li>{@value #CALL_SITES_WITHOUT_CONTROLS}: call sites where no policy of the workload applies;
 *   <li>{@value #MODELS}: models configured or seen;
 *   <li>{@value #UNGUARDED_MODEL_BEANS}: model beans calls through which are not guarded.
 * </ul>
 *
 * <p>The policy version is not a tag (it changes on reload and would leave stale series behind);
 * inventory events carry it. A scrape reads one snapshot, taken at most once a second.
 */
public final class GuardrailsInventoryMetrics implements SmartInitializingSingleton {

  /** Gauge of call sites. */
  public static final String CALL_SITES = "guardrails.inventory.call.sites";

  /** Gauge of call sites without workload controls. */
  public static final String CALL_SITES_WITHOUT_CONTROLS = "guardrails.inventory.call.sites.without.controls";

  /** Gauge of models configured or seen. */
  public static final String MODELS = "guardrails.inventory.models";

  /** Gauge of unguarded model beans. */
  public static final String UNGUARDED_MODEL_BEANS = "guardrails.inventory.unguarded.model.beans";

  private final MeterRegistry registry;
  private final ObjectProvider<Guardrails> guardrails;
  private @Nullable InventoryEvent cached;
  private long cachedAt;

  /**
   * Creates the gauges' binder; they are registered once every singleton exists.
   *
   * @param registry where gauges go
   * @param guardrails the engine
   */
  public GuardrailsInventoryMetrics(MeterRegistry registry, ObjectProvider<Guardrails> guardrails) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
  }

  @Override
  public void afterSingletonsInstantiated() {
    gauge(CALL_SITES, "Call sites where models are called (declared and seen)", e -> e.callSites().size());
    gauge(CALL_SITES_WITHOUT_CONTROLS, "Call sites where no policy of the workload applies",
        e -> e.callSites().stream().filter(c -> !c.controls().any()).count());
    gauge(MODELS, "Models configured or seen", e -> {
      TreeSet<String> all = new TreeSet<>(e.modelsConfigured());
      all.addAll(e.modelsSeen());
      return all.size();
    });
    gauge(UNGUARDED_MODEL_BEANS, "Model beans calls through which are not guarded", e -> e.unguardedModelBeans().size());
  }

  private void gauge(String name, String description, ToDoubleFunction<InventoryEvent> value) {
    Gauge.builder(name, this, m -> {
      InventoryEvent e = m.snapshot();
      return e == null ? Double.NaN : value.applyAsDouble(e);
    }).description(description).register(registry);
  }

  private synchronized @Nullable InventoryEvent snapshot() {
    long now = System.nanoTime();
    if (cached == null || now - cachedAt > 1_000_000_000L) {
      Guardrails g = guardrails.getIfAvailable();
      if (g == null) {
        return null;
      }
      cached = g.inventory().snapshot();
      cachedAt = now;
    }
    return cached;
  }
}
