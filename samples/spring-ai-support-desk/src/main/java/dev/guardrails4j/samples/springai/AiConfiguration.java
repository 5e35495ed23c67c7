package dev.guardrails4j.samples.springai;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The model: Spring AI's OpenAI model when {@code OPENAI_API_KEY} is set ({@code OPENAI_BASE_URL}
 * for any OpenAI-compatible server, {@code OPENAI_MODEL}, default {@code gpt-4o-mini}); otherwise
 * {@link ScriptedChatModel}, in process and offline. Nothing here is about guardrails: the starter
 * guards the bean and adds its advisor to the {@code ChatClient.Builder} Spring AI configures.
 */
@Configuration(proxyBeanMethods = false)
class AiConfiguration {

  private static final Logger log = LoggerFactory.getLogger(AiConfiguration.class);

  @Bean
  ChatModel chatModel(Environment env) {
    String key = env.getProperty("support-desk.openai.api-key", "");
    if (key.isBlank()) {
      log.info("Support desk: using the scripted offline model (set OPENAI_API_KEY to use a real model)");
      return new ScriptedChatModel();
    }
    String model = env.getProperty("support-desk.openai.model", "gpt-4o-mini");
    OpenAiChatOptions.Builder options = OpenAiChatOptions.builder().apiKey(key).model(model);
    String baseUrl = env.getProperty("support-desk.openai.base-url", "");
    if (!baseUrl.isBlank()) {
      options.baseUrl(baseUrl);
    }
    log.info("Support desk: using the OpenAI-compatible model {}", model);
    return OpenAiChatModel.builder().options(options.build()).build();
  }
}
