package dev.guardrails4j.spring;

import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.springai.GuardrailsAdvisor;
import dev.guardrails4j.springai.GuardrailsCallerAdvisor;
import java.util.Set;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Guards Spring AI when it is on the class path (the starter brings {@code guardrails-spring-ai},
 * not Spring AI itself): a {@link GuardrailsAdvisor} bean, a {@link ChatClientBuilderCustomizer}
 * that adds it to every {@code ChatClient.Builder} Spring AI's auto-configuration creates, and
 * {@link SpringAiModelPostProcessor} guarding {@code ChatModel} beans for calls made without a
 * {@code ChatClient}. {@code guardrails.spring-ai.enabled=false} turns all of it off, {@code
 * guardrails.spring-ai.chat-models=false} the post-processor only.
 */
@AutoConfiguration(after = GuardrailsAutoConfiguration.class,
    beforeName = "org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration")
@ConditionalOnClass({ChatClient.class, GuardrailsAdvisor.class, Guardrails.class})
@ConditionalOnBean(Guardrails.class)
@ConditionalOnBooleanProperty(name = {"guardrails.enabled", "guardrails.spring-ai.enabled"}, matchIfMissing = true)
public class GuardrailsSpringAiAutoConfiguration {

  /** Creates the configuration. */
  public GuardrailsSpringAiAutoConfiguration() {}

  /**
   * The advisor, at {@code guardrails.spring-ai.advisor-order}.
   *
   * @param guardrails the engine
   * @param properties the properties
   * @return the advisor
   */
  @Bean
  @ConditionalOnMissingBean
  public GuardrailsAdvisor guardrailsAdvisor(Guardrails guardrails, GuardrailsProperties properties) {
    GuardrailsAdvisor.Builder b = GuardrailsAdvisor.builder(guardrails);
    if (properties.getSpringAi().getAdvisorOrder() != GuardrailsAdvisor.DEFAULT_ORDER) {
      b.order(properties.getSpringAi().getAdvisorOrder());
    }
    return b.build();
  }

  /**
   * Adds the advisor to every {@code ChatClient.Builder} that Spring AI's auto-configuration
   * creates.
   *
   * @param advisor the advisor
   * @return the customizer
   */
  @Bean
  @ConditionalOnMissingBean(name = "guardrailsChatClientCustomizer")
  public ChatClientBuilderCustomizer guardrailsChatClientCustomizer(GuardrailsAdvisor advisor, Guardrails guardrails) {
    // the caller advisor pins who asks, so that every round of a tool loop is decided for them
    GuardrailsCallerAdvisor caller = GuardrailsCallerAdvisor.of(guardrails);
    return builder -> builder.defaultAdvisors(caller, advisor);
  }

  /**
   * The post-processor guarding {@code ChatModel} beans. Static, as every {@code
   * BeanPostProcessor} bean should be; it reads its properties from the environment.
   *
   * @param guardrails the engine, resolved when the first model bean appears
   * @param inventory the inventory
   * @param environment the environment
   * @return the post-processor
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(name = {"guardrails.spring-ai.chat-models", "guardrails.models.enabled"},
      matchIfMissing = true)
  public static SpringAiModelPostProcessor springAiModelPostProcessor(ObjectProvider<Guardrails> guardrails,
      ObjectProvider<GuardrailsInventory> inventory, Environment environment) {
    Set<String> exclude = Binder.get(environment)
        .bind("guardrails.models.exclude", Bindable.setOf(String.class)).orElse(Set.of());
    return new SpringAiModelPostProcessor(guardrails, inventory, exclude);
  }
}
