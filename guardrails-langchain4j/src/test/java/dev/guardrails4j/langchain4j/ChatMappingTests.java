package dev.guardrails4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.ModelRef;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatMappingTests {

  @ParameterizedTest
  @CsvSource({
      "OPEN_AI, openai",
      "AZURE_OPEN_AI, azure-openai",
      "OLLAMA, ollama",
      "ANTHROPIC, anthropic",
      "MISTRAL_AI, mistral-ai",
      "GOOGLE_AI_GEMINI, google-ai-gemini",
      "OTHER, other"})
  void namesProvidersInLowerCase(ModelProvider provider, String name) {
    assertThat(ChatMapping.providerName(provider)).isEqualTo(name);
  }

  @Test
  void prefersTheConfiguredModelThenTheRequestThenTheDefaults() {
    ChatRequestParameters defaults = ChatRequestParameters.builder().modelName("gpt-4o").build();
    ChatRequest plain = ChatRequest.builder().messages(UserMessage.from("hi")).build();
    ChatRequest named = ChatRequest.builder().messages(UserMessage.from("hi")).modelName("gpt-4.1").build();

    assertThat(ChatMapping.modelRef(ModelRef.of("x", "y"), ModelProvider.OPEN_AI, defaults, named))
        .isEqualTo(ModelRef.of("x", "y"));
    assertThat(ChatMapping.modelRef(null, ModelProvider.OPEN_AI, defaults, named))
        .isEqualTo(ModelRef.of("openai", "gpt-4.1"));
    assertThat(ChatMapping.modelRef(null, ModelProvider.OPEN_AI, defaults, plain))
        .isEqualTo(ModelRef.of("openai", "gpt-4o"));
    assertThat(ChatMapping.modelRef(null, null, null, plain)).isEqualTo(ModelRef.of("other", "unknown"));
  }

  @Test
  void mapsEveryTextOfAConversationWithItsRole() {
    List<ChatMessage> chat = List.of(
        SystemMessage.from("be nice"),
        UserMessage.from(TextContent.from("look"), ImageContent.from("https://example.org/a.png"),
            TextContent.from("here")),
        AiMessage.from("sure"),
        ToolExecutionResultMessage.from("c1", "lookupOrder", "shipped"));

    ChatMapping.Mapped mapped = ChatMapping.map(chat);

    assertThat(mapped.messages()).containsExactly(Message.system("be nice"), Message.user("look"),
        Message.user("here"), Message.assistant("sure"), Message.toolResult("lookupOrder", "shipped"));
  }

  @Test
  void putsCheckedTextsBackAndKeepsOtherContent() {
    ImageContent image = ImageContent.from("https://example.org/a.png");
    List<ChatMessage> chat = List.of(
        UserMessage.from(TextContent.from("mail a@b.org"), image, TextContent.from("thanks")),
        ToolExecutionResultMessage.from("c1", "lookupOrder", "owner a@b.org"));
    ChatMapping.Mapped mapped = ChatMapping.map(chat);
    List<Message> checked = List.of(Message.user("mail <E>"), Message.user("thanks"),
        Message.toolResult("lookupOrder", "owner <E>"));

    List<ChatMessage> out = ChatMapping.rebuild(chat, mapped, checked);

    assertThat(((UserMessage) out.get(0)).contents())
        .containsExactly(TextContent.from("mail <E>"), image, TextContent.from("thanks"));
    assertThat(((ToolExecutionResultMessage) out.get(1)).text()).isEqualTo("owner <E>");
    assertThat(((ToolExecutionResultMessage) out.get(1)).id()).isEqualTo("c1");
  }

  @Test
  void clearsEveryToolFromPlainParameters() {
    ToolSpecification a = ToolSpecification.builder().name("a").build();
    ChatRequest request = ChatRequest.builder().messages(UserMessage.from("hi")).toolSpecifications(a)
        .temperature(0.3).build();

    ChatRequest out = ChatMapping.withTools(request, null, List.of(a), List.of());

    assertThat(out.toolSpecifications()).isEmpty();
    assertThat(out.temperature()).isEqualTo(0.3);
  }

  @Test
  void forbidsToolCallsWhenProviderParametersCannotBeRebuilt() {
    ToolSpecification a = ToolSpecification.builder().name("a").build();
    ChatRequest request = ChatRequest.builder().messages(UserMessage.from("hi"))
        .parameters(OpenAiChatRequestParameters.builder().seed(7).toolSpecifications(a).build()).build();

    ChatRequest out = ChatMapping.withTools(request, null, List.of(a), List.of());

    assertThat(out.toolChoice()).isEqualTo(ToolChoice.NONE);
    assertThat(((OpenAiChatRequestParameters) out.parameters()).seed()).isEqualTo(7);
  }
}
