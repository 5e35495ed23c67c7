package dev.guardrails4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.langchain4j.GuardedChatModel;
import dev.guardrails4j.test.OpenAiStubServer;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class GuardedModelPostProcessorTests {

  static final OpenAiStubServer stub = OpenAiStubServer.start();

  static final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(GuardrailsAutoConfiguration.class,
          GuardrailsLangChain4jAutoConfiguration.class))
      .withPropertyValues("guardrails.policy-location=classpath:custom-detectors/app.yaml", "guardrails.reload-interval=0",
          "guardrails.workload.kubernetes-token-path=", "guardrails.audit.enabled=false",
          "stub.url=" + stub.baseUrl());

  @AfterAll
  static void stop() {
    stub.close();
  }

  static GuardContext.Scope asAnalyst() {
    return GuardContext.builder().caller(Caller.of(Workload.of("svc"), User.builder("alice").roles("analyst").build()))
        .action("summarize").open();
  }

  @Test
  void guardsAModelBeanInPlaceAndKeepsItsConcreteType() {
    runner.withUserConfiguration(OpenAi.class, ConcreteConsumer.class).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBeansOfType(ChatModel.class)).hasSize(1);
      OpenAiChatModel model = context.getBean(ConcreteConsumer.class).model;
      assertThat(AopUtils.isCglibProxy(model)).isTrue();
      stub.reply("Write to carol@example.org");
      String answer;
      try (GuardContext.Scope s = asAnalyst()) {
        answer = model.chat("Mail bob@example.com the summary");
      }
      assertThat(stub.lastUserMessage()).doesNotContain("bob@example.com").startsWith("Mail ");
      assertThat(answer).doesNotContain("carol@example.org");
      assertThat(context.getBean(GuardrailsInventory.class).modelBeans()).singleElement().satisfies(b -> {
        assertThat(b.bean()).isEqualTo("openAiChatModel");
        assertThat(b.type()).isEqualTo(OpenAiChatModel.class.getName());
        assertThat(b.guarded()).isTrue();
        assertThat(b.how()).isEqualTo("subclass-proxy");
      });
    });
  }

  @Test
  void reservesTokenBudgetsWithTheApplicationsTokenCountEstimator() {
    runner.withUserConfiguration(OpenAi.class, Tokenizer.class, Recording.class).run(context -> {
      stub.reply("Done.");
      try (GuardContext.Scope s = asAnalyst()) {
        context.getBean(ChatModel.class).chat("Summarise the refund policy");
      }
      assertThat(context.getBean(RecordingListener.class).invocations).first()
          .extracting(dev.guardrails4j.api.Invocation::tokenEstimate).isEqualTo(777L);
    });
  }

  @Test
  void reservesTheDocumentedEstimateWithoutATokenCountEstimator() {
    runner.withUserConfiguration(OpenAi.class, Recording.class).run(context -> {
      stub.reply("Done.");
      try (GuardContext.Scope s = asAnalyst()) {
        context.getBean(ChatModel.class).chat("Summarise the refund policy");
      }
      assertThat(context.getBean(RecordingListener.class).invocations).first()
          .extracting(dev.guardrails4j.api.Invocation::tokenEstimate)
          .isEqualTo(("Summarise the refund policy".length() + 3) / 4 + 4L);
    });
  }

  @Test
  void deniesThroughTheGuardedBeanWithoutCallingTheModel() {
    runner.withUserConfiguration(OpenAi.class).run(context -> {
      int before = stub.requestCount();
      ChatModel model = context.getBean(ChatModel.class);
      assertThatThrownBy(() -> model.chat("hello")).isInstanceOf(GuardrailViolationException.class);
      assertThat(stub.requestCount()).isEqualTo(before);
    });
  }

  @Test
  void keepsTheModelsOtherMethods() {
    runner.withUserConfiguration(OpenAi.class).run(context -> {
      OpenAiChatModel model = context.getBean(OpenAiChatModel.class);
      assertThat(model.defaultRequestParameters().modelName()).isEqualTo("gpt-4o-mini");
      assertThat(model.listeners()).isEmpty();
    });
  }

  @Test
  void guardsStreamingModelBeans() throws Exception {
    runner.withUserConfiguration(OpenAiStreaming.class).run(context -> {
      StreamingChatModel model = context.getBean(OpenAiStreamingChatModel.class);
      assertThat(AopUtils.isCglibProxy(model)).isTrue();
      stub.stream("Reach me at ", "dave@exam", "ple.com today");
      CompletableFuture<ChatResponse> done = new CompletableFuture<>();
      StringBuilder streamed = new StringBuilder();
      try (GuardContext.Scope s = asAnalyst()) {
        model.chat("hello", new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            streamed.append(partial);
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
      }
      done.get(10, TimeUnit.SECONDS);
      assertThat(streamed.toString()).startsWith("Reach me at ").doesNotContain("dave@example.com");
    });
  }

  @Test
  void wrapsAFinalModelClassWithTheDecorator(CapturedOutput output) {
    runner.withUserConfiguration(FinalModelConfig.class).run(context -> {
      assertThat(context.getBean(ChatModel.class)).isInstanceOf(GuardedChatModel.class);
      assertThat(context.getBean(GuardrailsInventory.class).modelBeans()).singleElement()
          .satisfies(b -> assertThat(b.how()).isEqualTo("wrapper"));
      assertThat(output).contains("is guarded by a ChatModel wrapper because").contains("is final");
    });
  }

  @Test
  void failsAtStartupWhenAFinalModelIsInjectedByItsClass() {
    runner.withUserConfiguration(FinalModelConfig.class, FinalConsumer.class).run(context ->
        assertThat(context).hasFailed());
  }

  @Test
  void leavesExcludedModelsUnguardedAndWarns(CapturedOutput output) {
    runner.withUserConfiguration(OpenAi.class, ConcreteConsumer.class)
        .withPropertyValues("guardrails.models.exclude=openAiChatModel").run(context -> {
          assertThat(AopUtils.isAopProxy(context.getBean(OpenAiChatModel.class))).isFalse();
          assertThat(context.getBean(GuardrailsInventory.class).unguardedModelBeans()).singleElement()
              .satisfies(b -> assertThat(b.how()).contains("guardrails.models.exclude"));
          assertThat(output).contains("model bean 'openAiChatModel'").contains("is NOT guarded");
        });
  }

  @Test
  void leavesAlreadyGuardedModelsAlone() {
    runner.withUserConfiguration(AlreadyGuarded.class).run(context -> {
      assertThat(context.getBean(ChatModel.class)).isSameAs(AlreadyGuarded.model);
      assertThat(context.getBean(GuardrailsInventory.class).modelBeans()).singleElement()
          .satisfies(b -> assertThat(b.how()).isEqualTo("already-guarded"));
    });
  }

  @Test
  void canBeSwitchedOff() {
    runner.withUserConfiguration(OpenAi.class).withPropertyValues("guardrails.models.enabled=false").run(context -> {
      assertThat(context).doesNotHaveBean(GuardedModelPostProcessor.class);
      assertThat(AopUtils.isAopProxy(context.getBean(OpenAiChatModel.class))).isFalse();
    });
  }

  @Test
  void isAbsentWithoutLangChain4j() {
    runner.withClassLoader(new FilteredClassLoader("dev.langchain4j")).run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean(GuardedModelPostProcessor.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class OpenAi {
    @Bean
    OpenAiChatModel openAiChatModel(org.springframework.core.env.Environment env) {
      return OpenAiChatModel.builder().baseUrl(env.getProperty("stub.url")).apiKey("test")
          .modelName("gpt-4o-mini").build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Tokenizer {
    @Bean
    TokenCountEstimator tokenCountEstimator() {
      return new TokenCountEstimator() {
        @Override
        public int estimateTokenCountInText(String text) {
          return 777;
        }

        @Override
        public int estimateTokenCountInMessage(dev.langchain4j.data.message.ChatMessage message) {
          return 777;
        }

        @Override
        public int estimateTokenCountInMessages(Iterable<dev.langchain4j.data.message.ChatMessage> messages) {
          return 777;
        }
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Recording {
    @Bean
    RecordingListener recordingListener() {
      return new RecordingListener();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OpenAiStreaming {
    @Bean
    OpenAiStreamingChatModel openAiStreamingChatModel(org.springframework.core.env.Environment env) {
      return OpenAiStreamingChatModel.builder().baseUrl(env.getProperty("stub.url")).apiKey("test")
          .modelName("gpt-4o-mini").build();
    }
  }

  static class ConcreteConsumer {
    final OpenAiChatModel model;

    ConcreteConsumer(OpenAiChatModel model) {
      this.model = model;
    }
  }

  static final class FinalModel implements ChatModel {
    @Override
    public ChatResponse doChat(ChatRequest request) {
      return ChatResponse.builder().aiMessage(dev.langchain4j.data.message.AiMessage.from("ok")).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class FinalModelConfig {
    @Bean
    FinalModel finalModel() {
      return new FinalModel();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class FinalConsumer {
    @Bean
    String needsTheClass(FinalModel model) {
      return model.toString();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class AlreadyGuarded {
    static GuardedChatModel model;

    @Bean
    ChatModel guardedModel(ObjectProvider<Guardrails> guardrails) {
      model = GuardedChatModel.wrap(new FinalModel(), guardrails.getObject());
      return model;
    }
  }
}
