package dev.guardrails4j.spring;

import dev.guardrails4j.core.Guardrails;
import io.micrometer.observation.ObservationRegistry;
import org.aspectj.lang.annotation.Aspect;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@link GuardedModelCallAspect} when AspectJ's annotations are on the class
 * path (add {@code spring-boot-starter-aspectj}). Spring Boot's AOP auto-configuration applies it;
 * {@code spring.aop.auto=false} switches that off. Observations go to the application's
 * {@link ObservationRegistry} when there is one.
 */
@AutoConfiguration(after = {GuardrailsAutoConfiguration.class, AopAutoConfiguration.class},
    afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({Aspect.class, Guardrails.class})
@ConditionalOnBean(Guardrails.class)
@ConditionalOnBooleanProperty(name = {"guardrails.enabled", "guardrails.aspect.enabled"}, matchIfMissing = true)
public class GuardrailsAspectAutoConfiguration {

  /** Creates the configuration. */
  public GuardrailsAspectAutoConfiguration() {}

  /**
   * The aspect.
   *
   * @param guardrails the engine
   * @param observations the observation registry, if any
   * @param properties the properties
   * @return the aspect
   */
  @Bean
  @ConditionalOnMissingBean
  public GuardedModelCallAspect guardedModelCallAspect(Guardrails guardrails,
      ObjectProvider<ObservationRegistry> observations, GuardrailsProperties properties) {
    return new GuardedModelCallAspect(guardrails, observations.getIfAvailable(() -> ObservationRegistry.NOOP),
        properties.getAspect().getOrder(), properties.getAspect().isCountLimits());
  }
}
