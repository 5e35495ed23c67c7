package dev.guardrails4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.springai.GuardedChatModel;
import dev.guardrails4j.springai.GuardrailsAdvisor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class GuardrailsSpringAiAutoConfigurationTests {

  static final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(GuardrailsAutoConfiguration.class,
          GuardrailsSpringAiAutoConfiguration.class))
      .withPropertyValues("guardrails.workload.kubernetes-token-path=", "guardrails.reload-interval=0");

  @Test
  void registersTheAdvisorAndACustomizerThatAddsItToEveryChatClientBuilder() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(GuardrailsAdvisor.class).hasSingleBean(ChatClientBuilderCustomizer.class);
      GuardrailsAdvisor advisor = context.getBean(GuardrailsAdvisor.class);
      assertThat(advisor.getOrder()).isEqualTo(GuardrailsAdvisor.DEFAULT_ORDER);
      RecordingBuilder builder = new RecordingBuilder();
      context.getBean(ChatClientBuilderCustomizer.class).customize(builder.proxy());
      // the caller advisor pins who asks for every round of a tool loop; then the guarding advisor
      assertThat(builder.advisors).hasSize(2).element(1).isSameAs(advisor);
      assertThat(builder.advisors.get(0)).isInstanceOfSatisfying(dev.guardrails4j.springai.GuardrailsCallerAdvisor.class,
          c -> assertThat(c.getOrder()).isEqualTo(dev.guardrails4j.springai.GuardrailsCallerAdvisor.DEFAULT_ORDER));
    });
  }

  @Test
  void takesTheAdvisorOrderFromTheProperties() {
    runner.withPropertyValues("guardrails.spring-ai.advisor-order=100").run(context ->
        assertThat(context.getBean(GuardrailsAdvisor.class).getOrder()).isEqualTo(100));
  }

  @Test
  void isOffWithTheProperty() {
    runner.withPropertyValues("guardrails.spring-ai.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean(GuardrailsAdvisor.class)
            .doesNotHaveBean(ChatClientBuilderCustomizer.class).doesNotHaveBean(SpringAiModelPostProcessor.class));
  }

  @Test
  void isOffWithoutSpringAiOnTheClassPath() {
    runner.withClassLoader(new FilteredClassLoader("org.springframework.ai")).run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean(GuardrailsAdvisor.class)
            .doesNotHaveBean(SpringAiModelPostProcessor.class));
  }

  @Test
  void backsOffForTheApplicationsOwnAdvisor() {
    runner.withUserConfiguration(OwnAdvisor.class).run(context -> {
      assertThat(context).hasSingleBean(GuardrailsAdvisor.class);
      assertThat(context.getBean(GuardrailsAdvisor.class).getOrder()).isEqualTo(42);
    });
  }

  @Test
  void guardsChatModelBeansInPlaceAndListsThemInTheInventory() {
    runner.withUserConfiguration(OneModel.class).run(context -> {
      ChatModel model = context.getBean(ChatModel.class);
      assertThat(AopUtils.isCglibProxy(model)).isTrue();
      assertThat(context.getBean(EchoModel.class)).isSameAs(model);
      assertThat(context.getBean(GuardrailsInventory.class).modelBeans()).singleElement().satisfies(b -> {
        assertThat(b.bean()).isEqualTo("echoModel");
        assertThat(b.kind()).isEqualTo(SpringAiModelPostProcessor.KIND);
        assertThat(b.guarded()).isTrue();
        assertThat(b.how()).isEqualTo("subclass-proxy");
      });
    });
  }

  @Test
  void leavesExcludedAndSwitchedOffModelsAlone() {
    runner.withUserConfiguration(OneModel.class).withPropertyValues("guardrails.models.exclude=echoModel")
        .run(context -> {
          assertThat(AopUtils.isAopProxy(context.getBean(ChatModel.class))).isFalse();
          assertThat(context.getBean(GuardrailsInventory.class).unguardedModelBeans()).singleElement()
              .extracting(GuardrailsInventory.ModelBean::bean).isEqualTo("echoModel");
        });
    runner.withUserConfiguration(OneModel.class).withPropertyValues("guardrails.spring-ai.chat-models=false")
        .run(context -> {
          assertThat(context).doesNotHaveBean(SpringAiModelPostProcessor.class).hasSingleBean(GuardrailsAdvisor.class);
          assertThat(AopUtils.isAopProxy(context.getBean(ChatModel.class))).isFalse();
        });
  }

  @Test
  void leavesAnAlreadyGuardedModelAlone() {
    runner.withUserConfiguration(GuardedModel.class).run(context -> {
      assertThat(context.getBean(ChatModel.class)).isInstanceOf(GuardedChatModel.class);
      assertThat(context.getBean(GuardrailsInventory.class).modelBeans()).singleElement()
          .extracting(GuardrailsInventory.ModelBean::how).isEqualTo("already-guarded");
    });
  }

  /** A model that answers with its prompt. */
  static class EchoModel implements ChatModel {
    @Override
    public ChatResponse call(Prompt prompt) {
      return new ChatResponse(List.of(new org.springframework.ai.chat.model.Generation(
          new org.springframework.ai.chat.messages.AssistantMessage(prompt.getContents()))));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OneModel {
    @Bean
    EchoModel echoModel() {
      return new EchoModel();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class GuardedModel {
    @Bean
    ChatModel guardedModel(dev.guardrails4j.core.Guardrails guardrails) {
      return GuardedChatModel.wrap(new EchoModel(), guardrails);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnAdvisor {
    @Bean
    GuardrailsAdvisor myAdvisor(dev.guardrails4j.core.Guardrails guardrails) {
      return GuardrailsAdvisor.builder(guardrails).order(42).build();
    }
  }

  /** Records the advisors a customizer adds, through a proxy of Spring AI's builder interface. */
  static final class RecordingBuilder {
    final List<Object> advisors = new java.util.ArrayList<>();

    org.springframework.ai.chat.client.ChatClient.Builder proxy() {
      return (org.springframework.ai.chat.client.ChatClient.Builder) java.lang.reflect.Proxy.newProxyInstance(
          getClass().getClassLoader(), new Class<?>[] {org.springframework.ai.chat.client.ChatClient.Builder.class},
          (p, m, args) -> {
            if (m.getName().equals("defaultAdvisors") && args[0] instanceof Object[] a) {
              advisors.addAll(List.of(a));
            }
            return p;
          });
    }
  }
}
