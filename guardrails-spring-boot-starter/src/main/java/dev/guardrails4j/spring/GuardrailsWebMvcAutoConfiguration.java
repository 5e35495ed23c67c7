package dev.guardrails4j.spring;

import dev.guardrails4j.core.Guardrails;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Registers {@link GuardrailsProblemDetails} in Spring MVC applications. Opt out with
 * {@code guardrails.web.problem-details=false}.
 */
@AutoConfiguration(after = GuardrailsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, ProblemDetail.class, Guardrails.class})
@ConditionalOnBooleanProperty(name = {"guardrails.enabled", "guardrails.web.problem-details"}, matchIfMissing = true)
public class GuardrailsWebMvcAutoConfiguration {

  /** Creates the configuration. */
  public GuardrailsWebMvcAutoConfiguration() {}

  /**
   * The violation handler.
   *
   * @return the handler
   */
  @Bean
  @ConditionalOnMissingBean
  public GuardrailsProblemDetails guardrailsProblemDetails() {
    return new GuardrailsProblemDetails();
  }
}
