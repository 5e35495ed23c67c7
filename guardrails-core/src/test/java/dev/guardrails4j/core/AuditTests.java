package dev.guardrails4j.core;

import static dev.guardrails4j.core.testing.Fixtures.invocation;
import static dev.guardrails4j.core.testing.Fixtures.policies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.core.audit.Slf4jAuditListener;
import dev.guardrails4j.core.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AuditTests {

  static final String POLICY = """
      version: 1
      policies:
        - id: p
          match: { user: { roles: [analyst] } }
          access: allow
          input: [ { detector: keyword, word: "4111 1111 1111 1111", action: redact } ]
      """;

  ListAppender<ILoggingEvent> appender = new ListAppender<>();
  Logger logger = (Logger) LoggerFactory.getLogger(Slf4jAuditListener.LOGGER_NAME);

  @BeforeEach
  void attach() {
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(appender);
  }

  @Test
  void oneJsonEventPerCallWithFingerprintsAndNoRawContent() throws Exception {
    Guardrails g = Guardrails.builder().policies(policies(POLICY)).build();
    String prompt = "charge 4111 1111 1111 1111 for alice";
    try (GuardedCall call = g.start(invocation("analyst").userMessage(prompt).build())) {
      call.checkInput();
      call.checkOutput("done for alice");
    }
    assertThat(appender.list).hasSize(1);
    String line = appender.list.get(0).getFormattedMessage();
    assertThat(line).doesNotContain("4111").doesNotContain("alice").doesNotContain("charge");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("event").asText()).isEqualTo("guardrails.call");
    assertThat(json.get("workload").asText()).isEqualTo("spiffe://example.org/ns/support/sa/api");
    assertThat(json.get("user").asText()).hasSize(16);
    assertThat(json.get("tenant").asText()).isEqualTo("acme");
    assertThat(json.get("model").asText()).isEqualTo("openai:gpt-4o");
    assertThat(json.get("action").asText()).isEqualTo("summarize");
    assertThat(json.get("policyVersion").asText()).isEqualTo(g.policySet().version());
    assertThat(json.get("outcome").asText()).isEqualTo("ALLOW_WITH_CHANGES");
    assertThat(json.get("inputFingerprint").asText()).hasSize(16);
    assertThat(json.get("outputFingerprint").asText()).hasSize(16);
    JsonNode input = json.get("decisions").get(1);
    assertThat(input.get("phase").asText()).isEqualTo("INPUT");
    assertThat(input.get("policies").get(0).asText()).isEqualTo("p");
    JsonNode finding = input.get("findings").get(0);
    assertThat(finding.get("type").asText()).isEqualTo("KEYWORD");
    assertThat(finding.get("start").asInt()).isEqualTo(7);
    assertThat(finding.get("end").asInt()).isEqualTo(26);
  }

  @Test
  void rawContentOnlyWhenSwitchedOn() {
    Guardrails g = Guardrails.builder().policies(policies(POLICY)).rawContentInAudit(true).build();
    try (GuardedCall call = g.start(invocation("analyst").userMessage("hello raw").build())) {
      call.checkInput();
    }
    assertThat(appender.list.get(0).getFormattedMessage()).contains("hello raw");
  }

  @Test
  void aDeniedCallIsAuditedAtWarnExactlyOnce() {
    Fixtures.Recorder rec = new Fixtures.Recorder();
    Guardrails g = Guardrails.builder().policies(policies(POLICY)).listener(rec).build();
    catchThrowable(() -> g.start(invocation("intern").userMessage("x").build()));
    assertThat(appender.list).singleElement()
        .satisfies(e -> assertThat(e.getLevel().toString()).isEqualTo("WARN"));
    assertThat(rec.events).singleElement().extracting(AuditEvent::outcome).isEqualTo(Verdict.DENY);
  }

  @Test
  void theSameUserGetsTheSameFingerprintWithASharedSalt() {
    Fixtures.Recorder a = new Fixtures.Recorder();
    Fixtures.Recorder b = new Fixtures.Recorder();
    String salt = "0123456789abcdef-shared";
    Guardrails ga = Guardrails.builder().policies(policies(POLICY)).auditLog(false).listener(a).fingerprintSalt(salt).build();
    Guardrails gb = Guardrails.builder().policies(policies(POLICY)).auditLog(false).listener(b).fingerprintSalt(salt).build();
    ga.start(invocation("analyst").build()).close();
    gb.start(invocation("analyst").build()).close();
    assertThat(a.events.get(0).userFingerprint()).isEqualTo(b.events.get(0).userFingerprint());
  }
}
