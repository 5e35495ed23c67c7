package dev.guardrails4j.spring;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Phase;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns a {@link GuardrailViolationException} escaping a Spring MVC handler into an RFC 9457
 * problem detail:
 *
 * <ul>
 *   <li>{@code 429 Too Many Requests} with {@code Retry-After} (seconds) for a limit;
 *   <li>{@code 503 Service Unavailable} when the decision comes from a failure (a detector threw,
 *       fail closed) rather than from a policy;
 *   <li>{@code 403 Forbidden} for every other denial.
 * </ul>
 *
 * <p>The body carries the decision id (to find the audit event) and the phase, never prompt,
 * answer, finding text or policy reasons. Opt out with {@code guardrails.web.problem-details=false},
 * or declare a bean of this type to replace it.
 */
@RestControllerAdvice
public class GuardrailsProblemDetails implements Ordered {

  /** The problem type URI prefix; the phase or {@code limit} follows. */
  public static final String TYPE_PREFIX = "urn:guardrails4j:problem:";

  /** Creates the handler. */
  public GuardrailsProblemDetails() {}

  /**
   * The response for a violation.
   *
   * @param violation the violation
   * @return the problem detail
   */
  @ExceptionHandler(GuardrailViolationException.class)
  public ResponseEntity<ProblemDetail> handle(GuardrailViolationException violation) {
    Decision d = violation.decision();
    ResponseEntity.BodyBuilder response;
    ProblemDetail body;
    if (d.phase() == Phase.LIMITS && !d.error()) {
      body = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
          "A usage limit was reached; try again later.");
      body.setType(URI.create(TYPE_PREFIX + "limit"));
      body.setTitle("Too many requests");
      response = ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS);
      Duration retry = d.retryAfter();
      if (retry != null) {
        long seconds = Math.max(1, (retry.toMillis() + 999) / 1000);
        response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        body.setProperty("retryAfterSeconds", seconds);
      }
    } else if (d.error()) {
      body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
          "The request could not be checked and was refused.");
      body.setType(URI.create(TYPE_PREFIX + "error"));
      body.setTitle("Guardrails unavailable");
      response = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE);
    } else {
      body = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "The request was refused by policy.");
      body.setType(URI.create(TYPE_PREFIX + d.phase().name().toLowerCase(Locale.ROOT)));
      body.setTitle("Refused by policy");
      response = ResponseEntity.status(HttpStatus.FORBIDDEN);
    }
    // Never the request path (Spring fills instance with it when left empty): a token or an e-mail
    // in the URL would come back whole. The decision's URN names this occurrence instead.
    body.setInstance(URI.create("urn:guardrails4j:decision:" + d.id()));
    body.setProperty("decisionId", d.id());
    body.setProperty("phase", d.phase().name());
    return response.body(body);
  }

  /**
   * The response for a prompt that cannot be checked as text (a raw multipart body, a broken
   * form encoding): {@code 415} or {@code 400}, saying what to send instead.
   *
   * @param unreadable the exception
   * @return the problem detail
   */
  @ExceptionHandler(UnreadablePromptException.class)
  public ResponseEntity<ProblemDetail> handle(UnreadablePromptException unreadable) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(unreadable.getStatusCode(),
        java.util.Objects.requireNonNullElse(unreadable.getReason(), "The prompt cannot be checked as text."));
    body.setType(URI.create(TYPE_PREFIX + "unreadable-prompt"));
    body.setTitle("Prompt cannot be checked");
    body.setInstance(URI.create("urn:guardrails4j:problem:unreadable-prompt"));
    return ResponseEntity.status(unreadable.getStatusCode()).body(body);
  }

  /**
   * Runs before the application's catch-all advice (order 0), so that a generic
   * {@code @ExceptionHandler(Exception.class)} does not turn a violation into a 500.
   *
   * @return 0
   */
  @Override
  public int getOrder() {
    return 0;
  }
}
