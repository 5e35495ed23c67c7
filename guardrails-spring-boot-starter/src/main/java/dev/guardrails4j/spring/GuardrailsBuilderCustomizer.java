package dev.guardrails4j.spring;

import dev.guardrails4j.core.Guardrails;

/**
 * Customises the engine the starter builds, after the {@code guardrails.*} properties were
 * applied: register detectors, a limiter, a clock, extra listeners. Declare one or more as beans;
 * they run in {@link org.springframework.core.Ordered} order.
 *
 * <pre>{@code
 * @Bean
 * GuardrailsBuilderCustomizer redisLimits(RedisLimiter limiter) {
 *   return builder -> builder.limiter(limiter);
 * }
 * }</pre>
 *
 * <p>The builder rejects an option set twice: do not set here what a property already sets.
 */
@FunctionalInterface
public interface GuardrailsBuilderCustomizer {

  /**
   * Customises the builder.
   *
   * @param builder the engine's builder
   */
  void customize(Guardrails.Builder builder);
}
