package dev.guardrails4j.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method (or every public method of a type) that calls a model. While the method runs,
 * every model call it makes is evaluated for {@link #action()} and, if set, {@link #model()}.
 * Access is evaluated before the method runs; the parameter marked {@link Prompt} is checked as
 * input and, with {@link #checkOutput()}, the returned text as output, unless a guarded model
 * already checked the same content.
 *
 * <pre>{@code
 * @GuardedModelCall(action = "summarize-ticket", dataLabels = "customer-data")
 * public String summarize(@Prompt String ticketText) { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface GuardedModelCall {

  /**
   * The business action policies match, for example {@code summarize-ticket}.
   *
   * @return the action
   */
  String action();

  /**
   * The model as {@code provider:name}; empty to let the guarded model name itself.
   *
   * @return the model
   */
  String model() default "";

  /**
   * Labels of the data this method handles, for example {@code confidential}.
   *
   * @return labels
   */
  String[] dataLabels() default {};

  /**
   * Whether the returned text (a {@code String} or {@code CharSequence}) is checked as output.
   *
   * @return true to check
   */
  boolean checkOutput() default true;
}
