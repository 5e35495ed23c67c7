package dev.guardrails4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.audit.AuditJson;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.PolicySet;
import dev.guardrails4j.testsupport.AdapterTestDetectors;
import dev.guardrails4j.testsupport.LogCapture;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.tool.ToolExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The adapter's side of "no raw content in logs": seeded API keys, card numbers, e-mail addresses
 * and user ids go through guarded chat models, streaming models and tool executors (allowed,
 * redacted, blocked, refused, failing); none of them may show up in a log line at any level, an
 * audit event, or a message the adapter hands back, unless raw content is switched on.
 */
class NoLeakTests {

  static final String API_KEY = "sk-Q7wLm2Xc9RtV4bNp8ZsJ";
  static final String CARD = "4539 1488 0343 7861";
  static final String EMAIL = "mara.kowalski@example.net";
  static final String USER_ID = "t.okonkwo@acme-corp.example";
  static final List<String> NEEDLES = List.of(API_KEY, API_KEY.substring(3), "Q7wLm2Xc", CARD,
      CARD.replace(" ", ""), "14880343", EMAIL, "mara.kowalski", USER_ID, "okonkwo");

  @RegisterExtension
  final LogCapture logs = new LogCapture();
  final TestEngines.Recorder recorder = new TestEngines.Recorder();
  final List<String> returned = new ArrayList<>();

  Guardrails engine(boolean raw) {
    DetectorCatalog catalog = DetectorCatalog.builtIn();
    for (DetectorFactory f : AdapterTestDetectors.factories()) {
      catalog = catalog.with(f);
    }
    PolicySet set = PolicySet.parse(List.of(new PolicyDocument("test.yaml", TestEngines.POLICY)), catalog);
    return Guardrails.builder().policies(set).workload(TestEngines.WORKLOAD).listener(recorder)
        .rawContentInAudit(raw).streamWindow(32).build();
  }

  static ChatModel answering(Function<String, String> answer) {
    return new GuardedModelContractTests.FakeChatModel(r -> {
      String prompt = r.messages().toString();
      return ChatResponse.builder().aiMessage(AiMessage.from(answer.apply(prompt))).build();
    });
  }

  static StreamingChatModel streaming(String answer) {
    return new GuardedModelContractTests.FakeStreamingModel(h -> {
      for (int i = 0; i < answer.length(); i += 5) {
        h.onPartialResponse(answer.substring(i, Math.min(answer.length(), i + 5)));
      }
      h.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(answer)).build());
    });
  }

  void step(Runnable r) {
    try (GuardContext.Scope s = TestEngines.as(USER_ID, "support")) {
      r.run();
    } catch (GuardrailViolationException e) {
      returned.add(e.getMessage());
      returned.add(e.decision().toString());
    } catch (IllegalStateException e) {
      assertThat(e.getMessage()).startsWith("upstream failed");
    }
  }

  void drive(Guardrails g) {
    // redacted prompt, redacted answer
    step(() -> returned.add(GuardedChatModel.wrap(answering(p -> "charged " + CARD), g)
        .chat("write to " + EMAIL + " about card " + CARD).replace(CARD, "")));
    // blocked prompt, blocked answer
    step(() -> GuardedChatModel.wrap(answering(p -> "ok"), g).chat("my key is " + API_KEY));
    step(() -> GuardedChatModel.wrap(answering(p -> "the key is " + API_KEY), g).chat("what is the key?"));
    // the model fails with the prompt in its message
    step(() -> GuardedChatModel.wrap(answering(p -> {
      throw new IllegalStateException("upstream failed on " + p);
    }), g).chat("mail " + EMAIL));
    // streams: a card split across chunks is redacted; an API key split across chunks blocks
    for (String answer : List.of("Pay with " + CARD + " please, and thanks for waiting so long.",
        "Use " + API_KEY + " to log in, then wait for the confirmation.")) {
      step(() -> {
        GuardedModelContractTests.Recording handler = new GuardedModelContractTests.Recording();
        GuardedStreamingChatModel.wrap(streaming(answer), g).chat("stream it", handler);
        if (handler.error != null) {
          returned.add(String.valueOf(handler.error.getMessage()));
        }
      });
    }
    // tools: a secret in the arguments, a refused tool, personal data in a result
    ToolExecutor tool = (request, memoryId) -> "{\"email\":\"" + EMAIL + "\"}";
    step(() -> {
      GuardedToolExecutor guarded = GuardedToolExecutor.wrap(tool, g, ModelRef.of("openai", "gpt-4o"));
      returned.add(guarded.execute(ToolExecutionRequest.builder().id("1").name("sendEmail")
          .arguments("{\"auth\":\"" + API_KEY + "\"}").build(), "m"));
      returned.add(guarded.execute(ToolExecutionRequest.builder().id("2").name("deleteAccount")
          .arguments("{\"card\":\"" + CARD + "\"}").build(), "m"));
      String result = guarded.execute(ToolExecutionRequest.builder().id("3").name("lookupOrder")
          .arguments("{\"order\":42}").build(), "m");
      assertThat(result).doesNotContain(EMAIL);
    });
    // access denied
    try (GuardContext.Scope s = TestEngines.as(USER_ID, "guest")) {
      GuardedChatModel.wrap(answering(p -> "ok"), g).chat("mail " + EMAIL);
    } catch (GuardrailViolationException e) {
      returned.add(e.getMessage());
    }
  }

  @ParameterizedTest(name = "rawContentInAudit({0})")
  @ValueSource(booleans = {false, true})
  void noSeededValueReachesLogsAuditOrMessagesUnlessRawContentIsOn(boolean raw) {
    drive(engine(raw));

    StringBuilder logText = new StringBuilder();
    for (ILoggingEvent e : logs.events()) {
      logText.append(e.getLoggerName()).append(' ').append(e.getFormattedMessage()).append('\n');
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        logText.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
      }
    }
    StringBuilder auditText = new StringBuilder();
    for (AuditEvent a : recorder.audits) {
      auditText.append(a).append('\n').append(AuditJson.toJson(a)).append('\n');
    }
    for (Decision d : recorder.decisions) {
      auditText.append(d).append('\n');
    }
    String returnedText = String.join("\n", returned);

    assertThat(recorder.audits).hasSize(10);
    assertThat(logs.events()).filteredOn(e -> e.getLoggerName().equals("dev.guardrails4j.audit")).hasSameSizeAs(recorder.audits);
    assertThat(returnedText).contains("Guardrails denied the call", "Tool call refused");
    if (!raw) {
      for (String needle : NEEDLES) {
        assertThat(logText).as("a log line").doesNotContain(needle);
        assertThat(auditText).as("an audit event or decision").doesNotContain(needle);
        assertThat(returnedText).as("a message handed back").doesNotContain(needle);
      }
    } else {
      assertThat(logText).contains(API_KEY, CARD, EMAIL);
      assertThat(logText).doesNotContain(USER_ID);
      assertThat(returnedText).doesNotContain(API_KEY).doesNotContain(EMAIL);
    }
  }
}
