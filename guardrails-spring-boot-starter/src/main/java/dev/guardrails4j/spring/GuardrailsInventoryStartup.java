package dev.guardrails4j.spring;

import dev.guardrails4j.core.Guardrails;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Writes the startup inventory event once the context is refreshed, when every
 * {@code @GuardedModelCall} method and model bean has been found. An engine that has written an
 * event already (one built by the application, which writes its own at build) is left alone.
 */
final class GuardrailsInventoryStartup implements ApplicationListener<ContextRefreshedEvent> {

  private final ObjectProvider<Guardrails> guardrails;

  GuardrailsInventoryStartup(ObjectProvider<Guardrails> guardrails) {
    this.guardrails = guardrails;
  }

  @Override
  public void onApplicationEvent(ContextRefreshedEvent event) {
    Guardrails g = guardrails.getIfAvailable();
    if (g != null && g.inventory().snapshot().sequence() == 0) {
      g.inventory().emit("startup");
    }
  }
}
