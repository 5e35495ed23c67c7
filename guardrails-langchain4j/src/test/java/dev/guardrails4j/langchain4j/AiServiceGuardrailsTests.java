package dev.guardrails4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.User;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.test.OpenAiStubServer;
import dev.langchain4j.guardrail.InputGuardrailException;
import dev.langchain4j.guardrail.OutputGuardrailException;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.guardrail.InputGuardrails;
import dev.langchain4j.service.guardrail.OutputGuardrails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AI services guarded by Guardrails4j policies through LangChain4j's own guardrail API, with the
 * real OpenAI client against a local stub.
 */
class AiServiceGuardrailsTests {

  /** Guardrails named by annotation: LangChain4j instantiates them, they use DefaultGuardrails. */
  interface AnnotatedAssistant {
    @InputGuardrails(GuardrailsInputGuardrail.class)
    @OutputGuardrails(GuardrailsOutputGuardrail.class)
    String chat(@UserMessage String message, InvocationParameters parameters);
  }

  interface Assistant {
    String chat(@UserMessage String message);
  }

  private final TestEngines.Recorder recorder = new TestEngines.Recorder();
  private final Guardrails guardrails = TestEngines.engine(recorder);
  private OpenAiStubServer stub;
  private ChatModel openAi;
  private AnnotatedAssistant annotated;

  @BeforeEach
  void start() {
    DefaultGuardrails.use(guardrails);
    stub = OpenAiStubServer.start();
    openAi = OpenAiChatModel.builder().baseUrl(stub.baseUrl()).apiKey("test-key").modelName("gpt-4o-mini")
        .maxRetries(0).build();
    annotated = AiServices.builder(AnnotatedAssistant.class).chatModel(openAi).build();
  }

  @AfterEach
  void stop() {
    stub.close();
    DefaultGuardrails.clear();
  }

  private static InvocationParameters as(String subject, String... roles) {
    return CallerParameters.of(User.builder(subject).roles(roles).build());
  }

  @Test
  void sendsTheRedactedUserMessageToTheModel() {
    stub.reply("I will write to <EMAIL_ADDRESS_1>.");

    String answer = annotated.chat("Please contact jane.doe@example.com", as("alice", "support"));

    assertThat(stub.lastUserMessage()).isEqualTo("Please contact <EMAIL_ADDRESS_1>");
    // input and output guardrails are separate calls: reversible placeholders stay in the answer
    assertThat(answer).isEqualTo("I will write to <EMAIL_ADDRESS_1>.");
  }

  @Test
  void failsFatallyOnAnApiKeyInTheUserMessageWithoutCallingTheModel() {
    assertThatThrownBy(() -> annotated.chat("my key is sk-abcdefghijklmnop1234", as("alice", "support")))
        .isInstanceOf(InputGuardrailException.class)
        .cause().isInstanceOfSatisfying(GuardrailViolationException.class,
            e -> assertThat(e.decision().phase()).isEqualTo(Phase.INPUT));
    assertThat(stub.requestCount()).isZero();
  }

  @Test
  void deniesACallerNamedInTheInvocationParametersThatNoPolicyAllows() {
    assertThatThrownBy(() -> annotated.chat("hello", as("mallory", "guest")))
        .isInstanceOf(InputGuardrailException.class)
        .cause().isInstanceOfSatisfying(GuardrailViolationException.class,
            e -> assertThat(e.decision().phase()).isEqualTo(Phase.ACCESS));
    assertThat(stub.requestCount()).isZero();
  }

  @Test
  void takesTheCallerFromTheGuardContextWhenTheParametersNameNone() {
    stub.reply("Hello.");

    String answer;
    try (GuardContext.Scope s = TestEngines.as("alice", "support")) {
      answer = annotated.chat("hello", new InvocationParameters());
    }

    assertThat(answer).isEqualTo("Hello.");
    assertThat(recorder.invocations).allSatisfy(i -> {
      assertThat(i.caller().user()).isNotNull();
      assertThat(i.action()).isEqualTo("answer-customer");
      assertThat(i.callSite()).isEqualTo("AnnotatedAssistant#chat");
    });
  }

  @Test
  void rewritesACardNumberInTheAnswer() {
    stub.reply("The card on file is 4111 1111 1111 1111.");

    String answer = annotated.chat("Which card is on file?", as("alice", "support"));

    assertThat(answer).isEqualTo("The card on file is <CREDIT_CARD_1>.");
  }

  @Test
  void failsFatallyOnAnApiKeyInTheAnswer() {
    stub.reply("Your key is sk-abcdefghijklmnop1234.");

    assertThatThrownBy(() -> annotated.chat("What is my key?", as("alice", "support")))
        .isInstanceOf(OutputGuardrailException.class)
        .cause().isInstanceOf(GuardrailViolationException.class);
    assertThat(stub.requestCount()).isEqualTo(1);
  }

  @Test
  void worksAsInstancesGivenToTheBuilder() {
    DefaultGuardrails.clear();
    stub.reply("The card on file is 4111 1111 1111 1111.");
    Assistant assistant = AiServices.builder(Assistant.class).chatModel(openAi)
        .inputGuardrails(new GuardrailsInputGuardrail(guardrails))
        .outputGuardrails(new GuardrailsOutputGuardrail(guardrails))
        .build();

    String answer;
    try (GuardContext.Scope s = TestEngines.as("alice", "support")) {
      answer = assistant.chat("Which card is on file?");
    }

    assertThat(answer).isEqualTo("The card on file is <CREDIT_CARD_1>.");
  }

  @Test
  void failsClosedWhenNoEngineIsRegistered() {
    DefaultGuardrails.clear();

    assertThatThrownBy(() -> annotated.chat("hello", as("alice", "support")))
        .isInstanceOf(InputGuardrailException.class)
        .hasMessageContaining("DefaultGuardrails.use");
    assertThat(stub.requestCount()).isZero();
  }
}
