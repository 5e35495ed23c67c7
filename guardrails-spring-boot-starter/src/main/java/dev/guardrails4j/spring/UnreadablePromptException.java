package dev.guardrails4j.spring;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A {@code @Prompt} that cannot be checked as text: a raw multipart body ({@code 415}) or a
 * form-encoded body with a broken escape ({@code 400}). {@link GuardrailsProblemDetails} answers it
 * with a problem detail; without it, Spring MVC maps the status as for any
 * {@link ResponseStatusException}. The message names what to send instead, never the content.
 */
public class UnreadablePromptException extends ResponseStatusException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param status {@code 415} or {@code 400}
   * @param reason what is wrong and what to send instead
   */
  public UnreadablePromptException(HttpStatus status, String reason) {
    super(status, reason);
  }
}
