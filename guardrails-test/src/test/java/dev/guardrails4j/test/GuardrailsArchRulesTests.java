package dev.guardrails4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.guardrails4j.test.fixtures.arch.GuardedClassService;
import dev.guardrails4j.test.fixtures.arch.GuardedMethodService;
import dev.guardrails4j.test.fixtures.arch.InheritingService;
import dev.guardrails4j.test.fixtures.arch.ThroughGuardedModelService;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardrailsArchRulesTests {

  static final JavaClasses FIXTURES = new ClassFileImporter()
      .importPackages("dev.guardrails4j.test.fixtures.arch", "dev.guardrails4j.langchain4j");

  static List<String> violations(JavaClasses classes) {
    EvaluationResult r = GuardrailsArchRules.modelCallsMustBeGuarded().evaluate(classes);
    return r.getFailureReport().getDetails();
  }

  @Test
  void reportsEachUnguardedCallSiteWithItsLine() {
    assertThat(violations(FIXTURES)).hasSize(4).satisfiesExactlyInAnyOrder(
        v -> assertThat(v).startsWith("unguarded model call: Method <dev.guardrails4j.test.fixtures.arch.UnguardedService.summarize(java.lang.String)> calls method <dev.langchain4j.model.chat.ChatModel.chat(java.lang.String)>")
            .contains("(UnguardedService.java:14)"),
        v -> assertThat(v).contains("UnguardedStreamingService.stream(")
            .contains("StreamingChatModel.chat(java.lang.String, dev.langchain4j.model.chat.response.StreamingChatResponseHandler)")
            .contains("(UnguardedStreamingService.java:"),
        v -> assertThat(v).contains("MethodReferenceService.answerAll(").contains("references method")
            .contains("ChatModel.chat(java.lang.String)"),
        v -> assertThat(v).contains("UnguardedLambdaService").contains("ChatModel.chat(java.lang.String)"));
  }

  @Test
  void allowsCallsInsideGuardedMethodsAndClassesAndThroughGuardedModels() {
    JavaClasses guarded = new ClassFileImporter().importClasses(GuardedMethodService.class,
        GuardedClassService.class, GuardedClassService.Helper.class, InheritingService.class,
        ThroughGuardedModelService.class);
    assertThat(violations(guarded)).isEmpty();
    assertThat(violations(FIXTURES)).noneMatch(v -> v.contains("Guarded") || v.contains("Inheriting"));
  }

  @Test
  void doesNotCountModelMetadataCallsAsModelCalls() {
    assertThat(violations(FIXTURES)).noneMatch(v -> v.contains("provider()"));
  }

  @Test
  void checkFailsTheTestWithTheRuleAndItsReason() {
    assertThatThrownBy(() -> GuardrailsArchRules.modelCallsMustBeGuarded().check(FIXTURES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("model calls must be guarded, because every model call must go through Guardrails4j")
        .hasMessageContaining("(4 times)");
  }
}
