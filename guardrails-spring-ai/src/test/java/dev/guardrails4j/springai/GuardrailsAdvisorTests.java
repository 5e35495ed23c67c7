package dev.guardrails4j.springai;

import static dev.guardrails4j.springai.TestEngines.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.test.OpenAiStubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;

/**
 * {@link GuardrailsAdvisor} in a real {@code ChatClient} on Spring AI's real OpenAI model, against
 * a local OpenAI-compatible stub. The engine's stream window is 32 characters here.
 */
class GuardrailsAdvisorTests {

  private final TestEngines.Recorder recorder = new TestEngines.Recorder();
  private final Guardrails guardrails = TestEngines.engine(recorder);
  private OpenAiStubServer stub;
  private ChatClient client;

  @BeforeEach
  void start() {
    stub = OpenAiStubServer.start();
    client = ChatClient.builder(TestEngines.openAi(stub)).defaultAdvisors(GuardrailsAdvisor.of(guardrails)).build();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void answersAnAllowedCallerAndAuditsTheCallWithTheModelsUsage() {
    stub.reply("Order 42 shipped yesterday.");

    String answer;
    try (GuardContext.Scope s = as("alice", "support")) {
      answer = client.prompt().user("Where is order 42?").call().content();
    }

    assertThat(answer).isEqualTo("Order 42 shipped yesterday.");
    assertThat(recorder.audits).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo(Verdict.ALLOW);
      assertThat(a.model().toString()).isEqualTo("openai:gpt-4o-mini");
    });
  }

  @Test
  void deniesACallerNoPolicyAllowsWithoutCallingTheModel() {
    try (GuardContext.Scope s = as("mallory", "guest")) {
      assertThatThrownBy(() -> client.prompt().user("Where is order 42?").call().content())
          .isInstanceOfSatisfying(GuardrailViolationException.class,
              e -> assertThat(e.decision().phase()).isEqualTo(Phase.ACCESS));
    }
    assertThat(stub.requestCount()).isZero();
    assertThat(recorder.audits).singleElement().extracting(AuditEvent::outcome).isEqualTo(Verdict.DENY);
  }
}
