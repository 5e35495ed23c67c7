package dev.guardrails4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.DispatcherServlet;

class GuardrailsProblemDetailsTests {

  static final WebApplicationContextRunner web = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(GuardrailsAutoConfiguration.class,
          GuardrailsWebMvcAutoConfiguration.class))
      .withPropertyValues("guardrails.workload.kubernetes-token-path=");

  static GuardrailViolationException violation(Phase phase, Duration retryAfter, boolean error) {
    return new GuardrailViolationException(Decision.builder(phase).id("abc-" + phase).verdict(Verdict.DENY)
        .reason("user bob@example.com may not").finding(Finding.of("pii", "EMAIL_ADDRESS", 5, 20, 1.0))
        .retryAfter(retryAfter).error(error).build());
  }

  @Test
  void mapsADenialTo403WithTheDecisionIdAndNoContent() {
    ResponseEntity<ProblemDetail> r = new GuardrailsProblemDetails().handle(violation(Phase.INPUT, null, false));
    assertThat(r.getStatusCode().value()).isEqualTo(403);
    ProblemDetail p = r.getBody();
    assertThat(p.getStatus()).isEqualTo(403);
    assertThat(p.getType().toString()).isEqualTo("urn:guardrails4j:problem:input");
    assertThat(p.getProperties()).containsEntry("decisionId", "abc-INPUT").containsEntry("phase", "INPUT");
    assertThat(p.toString()).doesNotContain("bob@example.com").doesNotContain("EMAIL_ADDRESS");
    assertThat(p.getInstance()).as("never the request path").hasToString("urn:guardrails4j:decision:abc-INPUT");
  }

  @Test
  void mapsALimitTo429WithRetryAfterInWholeSeconds() {
    ResponseEntity<ProblemDetail> r = new GuardrailsProblemDetails()
        .handle(violation(Phase.LIMITS, Duration.ofMillis(2500), false));
    assertThat(r.getStatusCode().value()).isEqualTo(429);
    assertThat(r.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
    assertThat(r.getBody().getProperties()).containsEntry("retryAfterSeconds", 3L);
  }

  @Test
  void mapsALimitWithoutRetryTimeTo429WithoutTheHeader() {
    ResponseEntity<ProblemDetail> r = new GuardrailsProblemDetails().handle(violation(Phase.LIMITS, null, false));
    assertThat(r.getStatusCode().value()).isEqualTo(429);
    assertThat(r.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
  }

  @Test
  void mapsAFailureTo503() {
    ResponseEntity<ProblemDetail> r = new GuardrailsProblemDetails().handle(violation(Phase.INPUT, null, true));
    assertThat(r.getStatusCode().value()).isEqualTo(503);
  }

  @Test
  void isRegisteredInServletApplications() {
    web.run(context -> assertThat(context).hasSingleBean(GuardrailsProblemDetails.class));
  }

  @Test
  void canBeSwitchedOff() {
    web.withPropertyValues("guardrails.web.problem-details=false").run(context ->
        assertThat(context).doesNotHaveBean(GuardrailsProblemDetails.class));
  }

  @Test
  void isAbsentOutsideWebApplications() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(GuardrailsAutoConfiguration.class,
            GuardrailsWebMvcAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(GuardrailsProblemDetails.class));
  }

  @Test
  void isAbsentWithoutSpringMvc() {
    web.withClassLoader(new FilteredClassLoader(DispatcherServlet.class)).run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean(GuardrailsProblemDetails.class));
  }
}
