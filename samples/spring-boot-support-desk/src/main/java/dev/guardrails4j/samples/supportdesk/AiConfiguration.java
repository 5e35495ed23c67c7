package dev.guardrails4j.samples.supportdesk;

import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.langchain4j.GuardedToolExecutor;
import dev.guardrails4j.langchain4j.GuardedToolProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The model and the AI service. The Guardrails4j starter guards the {@link ChatModel} bean in place,
 * so everything below, and every other user of the bean, goes through the policies.
 */
@Configuration(proxyBeanMethods = false)
public class AiConfiguration {

  private static final Logger log = LoggerFactory.getLogger(AiConfiguration.class);

  /** Creates the configuration. */
  public AiConfiguration() {}

  /**
   * The chat model: a real OpenAI-compatible model when {@code OPENAI_API_KEY} is set (with
   * {@code OPENAI_BASE_URL} and {@code OPENAI_MODEL} optional), otherwise the offline scripted one.
   *
   * @param apiKey the API key, or empty
   * @param baseUrl the server, or empty for OpenAI itself
   * @param modelName the model name
   * @return the model
   */
  @Bean
  public ChatModel chatModel(@Value("${OPENAI_API_KEY:}") String apiKey,
      @Value("${OPENAI_BASE_URL:}") String baseUrl, @Value("${OPENAI_MODEL:gpt-4o-mini}") String modelName) {
    if (apiKey.isBlank()) {
      log.info("Support desk: using the scripted offline model (set OPENAI_API_KEY to use a real model)");
      return new ScriptedChatModel();
    }
    log.info("Support desk: using the real model {} at {}", modelName, baseUrl.isBlank() ? "OpenAI" : baseUrl);
    OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder().apiKey(apiKey).modelName(modelName)
        .timeout(Duration.ofSeconds(60));
    if (!baseUrl.isBlank()) {
      b.baseUrl(baseUrl);
    }
    return b.build();
  }

  /**
   * The assistant, whose tools are offered and run through the policies: a caller sees only the
   * tools it may use, and a tool call with a secret in its arguments stops the request.
   *
   * @param chatModel the (guarded) model
   * @param guardrails the engine
   * @param tools the ticket tools
   * @return the assistant
   */
  @Bean
  public SupportAssistant supportAssistant(ChatModel chatModel, Guardrails guardrails, TicketTools tools) {
    return AiServices.builder(SupportAssistant.class)
        .chatModel(chatModel)
        .toolProvider(GuardedToolProvider.builder(guardrails).tools(tools).build())
        .toolExecutionErrorHandler(GuardedToolExecutor.rethrowingViolations())
        .build();
  }
}
