package dev.guardrails4j.spring;

import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.langchain4j.GuardedChatModel;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import java.util.Set;
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
 * Guards the application's LangChain4j model beans in place with {@link GuardedModelPostProcessor}
 * when LangChain4j is on the class path (the starter brings {@code guardrails-langchain4j}, not
 * LangChain4j itself).
 */
@AutoConfiguration(after = GuardrailsAutoConfiguration.class)
@ConditionalOnClass({ChatModel.class, GuardedChatModel.class, Guardrails.class})
@ConditionalOnBean(Guardrails.class)
@ConditionalOnBooleanProperty(name = {"guardrails.enabled", "guardrails.models.enabled"}, matchIfMissing = true)
public class GuardrailsLangChain4jAutoConfiguration {

  /** Creates the configuration. */
  public GuardrailsLangChain4jAutoConfiguration() {}

  /**
   * The post-processor. Static, as every {@code BeanPostProcessor} bean should be; it reads its
   * one property from the environment rather than from the properties bean, which would be created
   * too early.
   *
   * @param guardrails the engine, resolved when the first model bean appears
   * @param inventory the inventory
   * @param tokenCountEstimator the application's LangChain4j token count estimator, used when there
   *     is exactly one
   * @param environment the environment
   * @return the post-processor
   */
  @Bean
  @ConditionalOnMissingBean
  public static GuardedModelPostProcessor guardedModelPostProcessor(ObjectProvider<Guardrails> guardrails,
      ObjectProvider<GuardrailsInventory> inventory, ObjectProvider<TokenCountEstimator> tokenCountEstimator,
      Environment environment) {
    Set<String> exclude = Binder.get(environment)
        .bind("guardrails.models.exclude", Bindable.setOf(String.class)).orElse(Set.of());
    return new GuardedModelPostProcessor(guardrails, inventory, tokenCountEstimator, exclude);
  }
}
