package dev.guardrails4j.springai;

import static dev.guardrails4j.springai.TestEngines.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.PolicySet;
import dev.guardrails4j.test.OpenAiStubServer;
import dev.guardrails4j.testsupport.AdapterTestDetectors;
import dev.guardrails4j.testsupport.LogCapture;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;

/**
 * With the audit log on (the default in applications), no prompt, answer, secret or personal data
 * reaches any log line, whether a call is allowed, redacted, blocked mid-stream or denied.
 */
class NoLeakTests {

  private static final String EMAIL = "jane.doe@example.com";
  private static final String CARD = "4111 1111 1111 1111";
  private static final String KEY = "sk-abcdefghijklmnop1234";
  private static final String PROMPT_WORDS = "zebra-quartz";

  @RegisterExtension final LogCapture logs = new LogCapture();

  private OpenAiStubServer stub;
  private ChatClient client;

  @BeforeEach
  void start() {
    DetectorCatalog catalog = DetectorCatalog.builtIn();
    for (DetectorFactory f : AdapterTestDetectors.factories()) {
      catalog = catalog.with(f);
    }
    PolicySet set = PolicySet.parse(List.of(new PolicyDocument("test.yaml", TestEngines.POLICY)), catalog);
    Guardrails guardrails = Guardrails.builder().policies(set).workload(TestEngines.WORKLOAD).streamWindow(32).build();
    stub = OpenAiStubServer.start();
    client = ChatClient.builder(TestEngines.openAi(stub)).defaultAdvisors(GuardrailsAdvisor.of(guardrails)).build();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void logsNoRawContentForAllowedRedactedBlockedAndDeniedCalls() {
    stub.reply("Your card " + CARD + " is on file for " + EMAIL + ".")
        .stream("Some text before the key ", "in this answer: " + KEY.substring(0, 10), KEY.substring(10) + " and after.");

    try (GuardContext.Scope s = as("alice", "support")) {
      client.prompt().user(PROMPT_WORDS + " contact " + EMAIL).call().content();
      assertThatThrownBy(() -> client.prompt().user(PROMPT_WORDS + " my key?").stream().content().blockLast())
          .isInstanceOf(GuardrailViolationException.class);
      assertThatThrownBy(() -> client.prompt().user(PROMPT_WORDS + " key " + KEY).call().content())
          .isInstanceOf(GuardrailViolationException.class);
    }
    try (GuardContext.Scope s = as("mallory", "guest")) {
      assertThatThrownBy(() -> client.prompt().user(PROMPT_WORDS + " " + EMAIL).call().content())
          .isInstanceOf(GuardrailViolationException.class);
    }

    assertThat(logs.events()).extracting(ILoggingEvent::getLoggerName).contains("dev.guardrails4j.audit");
    assertThat(logs.events()).allSatisfy(e -> assertThat(e.getFormattedMessage())
        .doesNotContain(EMAIL).doesNotContain(CARD).doesNotContain("abcdefghijklmnop").doesNotContain(PROMPT_WORDS));
  }
}
