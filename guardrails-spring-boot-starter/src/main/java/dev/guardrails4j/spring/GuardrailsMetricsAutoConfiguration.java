package dev.guardrails4j.spring;

import dev.guardrails4j.core.Guardrails;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link GuardrailsMetrics} with the engine when Micrometer and a {@link MeterRegistry}
 * bean are present (for example with {@code spring-boot-starter-actuator}).
 */
@AutoConfiguration(before = GuardrailsAutoConfiguration.class, afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, Guardrails.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "guardrails.enabled", matchIfMissing = true)
public class GuardrailsMetricsAutoConfiguration {

  /** Creates the configuration. */
  public GuardrailsMetricsAutoConfiguration() {}

  /**
   * The metrics listener, picked up by the engine like every {@code DecisionListener} bean.
   *
   * @param registry the registry
   * @return the listener
   */
  @Bean
  @ConditionalOnMissingBean
  public GuardrailsMetrics guardrailsMetrics(MeterRegistry registry) {
    return new GuardrailsMetrics(registry);
  }

  /**
   * The inventory gauges.
   *
   * @param registry the registry
   * @param guardrails the engine
   * @return the gauges' binder
   */
  @Bean
  @ConditionalOnMissingBean
  public GuardrailsInventoryMetrics guardrailsInventoryMetrics(MeterRegistry registry,
      ObjectProvider<Guardrails> guardrails) {
    return new GuardrailsInventoryMetrics(registry, guardrails);
  }
}
