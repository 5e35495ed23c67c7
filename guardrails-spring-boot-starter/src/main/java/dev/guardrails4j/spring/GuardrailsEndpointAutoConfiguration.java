package dev.guardrails4j.spring;

import dev.guardrails4j.core.Guardrails;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@code guardrails} Actuator endpoint when Actuator is on the class path and
 * the endpoint is available (enabled and exposed).
 */
@AutoConfiguration(after = GuardrailsAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class, Guardrails.class})
@ConditionalOnBean({Guardrails.class, GuardrailsInventory.class})
@ConditionalOnAvailableEndpoint(GuardrailsEndpoint.class)
@ConditionalOnBooleanProperty(name = "guardrails.enabled", matchIfMissing = true)
public class GuardrailsEndpointAutoConfiguration {

  /** Creates the configuration. */
  public GuardrailsEndpointAutoConfiguration() {}

  /**
   * The endpoint.
   *
   * @param guardrails the engine
   * @param inventory the inventory
   * @return the endpoint
   */
  @Bean
  @ConditionalOnMissingBean
  public GuardrailsEndpoint guardrailsEndpoint(Guardrails guardrails, GuardrailsInventory inventory) {
    return new GuardrailsEndpoint(guardrails, inventory);
  }
}
