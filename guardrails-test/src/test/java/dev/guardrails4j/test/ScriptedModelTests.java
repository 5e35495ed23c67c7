package dev.guardrails4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScriptedModelTests {

  ScriptedModel model = ScriptedModel.builder()
      .whenExact("ping", "pong")
      .whenContains("refund", "Refunds take five days.")
      .whenMatches("order #\\d+", "Your order ships tomorrow.")
      .when(p -> p.startsWith("echo "), p -> p.substring(5))
      .otherwise("I do not know.")
      .build();

  @Test
  void answersWithTheFirstRuleThatMatches() {
    assertThat(model.apply("ping")).isEqualTo("pong");
    assertThat(model.apply("ping please")).isEqualTo("I do not know.");
    assertThat(model.apply("I want a refund for order #42")).isEqualTo("Refunds take five days.");
    assertThat(model.apply("Where is order #42?")).isEqualTo("Your order ships tomorrow.");
    assertThat(model.answer("echo hello")).isEqualTo("hello");
  }

  @Test
  void recordsThePromptsItReceived() {
    model.apply("ping");
    model.apply("anything");
    assertThat(model.prompts()).containsExactly("ping", "anything");
    assertThat(model.calls()).isEqualTo(2);
    model.clear();
    assertThat(model.prompts()).isEmpty();
  }

  @Test
  void withoutADefaultAnUnmatchedPromptFails() {
    ScriptedModel strict = ScriptedModel.builder().whenExact("ping", "pong").build();
    assertThatThrownBy(() -> strict.apply("pang"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no rule of the scripted model matches the prompt 'pang'; add a rule or an otherwise(...) answer");
  }

  @Test
  void alwaysGivesOneAnswer() {
    assertThat(ScriptedModel.always("ok").apply("whatever")).isEqualTo("ok");
  }

  @Test
  void theBuilderRejectsMistakesAtOnce() {
    assertThatThrownBy(() -> ScriptedModel.builder().whenMatches("(", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("whenMatches: invalid regular expression '('");
    assertThatThrownBy(() -> ScriptedModel.builder().whenContains("", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-empty text");
    assertThatThrownBy(() -> ScriptedModel.builder().otherwise("a").otherwise("b"))
        .isInstanceOf(IllegalStateException.class).hasMessage("otherwise(...) was already set");
    assertThatThrownBy(() -> ScriptedModel.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least one rule");
  }
}
