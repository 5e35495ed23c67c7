package dev.guardrails4j.core;

import static dev.guardrails4j.core.testing.Fixtures.policies;
import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ContextTests {

  Guardrails g = Guardrails.builder()
      .policies(policies("version: 1\npolicies:\n  - { id: p, access: allow }\n"))
      .workload(Workload.of("svc")).auditLog(false)
      .callerResolver(() -> java.util.Optional.of(Caller.of(Workload.of("svc"), User.of("resolved"))))
      .build();

  @Test
  void theScopeSetsCallerActionAndModelForInvocations() {
    Caller bob = Caller.of(Workload.of("svc"), User.builder("bob").roles("analyst").build());
    try (GuardContext.Scope s = GuardContext.builder().caller(bob).action("summarize")
        .model(ModelRef.of("ollama", "llama3")).dataLabels("internal").open()) {
      Invocation inv = g.invocation(ModelRef.of("openai", "gpt-4o")).build();
      assertThat(inv.caller()).isEqualTo(bob);
      assertThat(inv.action()).isEqualTo("summarize");
      assertThat(inv.model()).isEqualTo(ModelRef.of("ollama", "llama3"));
      assertThat(inv.dataLabels()).containsExactly("internal");
    }
    Invocation outside = g.invocation(ModelRef.of("openai", "gpt-4o")).build();
    assertThat(outside.caller().user().subject()).isEqualTo("resolved");
    assertThat(outside.action()).isEqualTo(Invocation.DEFAULT_ACTION);
  }

  @Test
  void nestedScopesOverrideAndRestore() {
    try (GuardContext.Scope outer = GuardContext.builder().action("outer").open()) {
      try (GuardContext.Scope inner = GuardContext.builder().action("inner").open()) {
        assertThat(GuardContext.current().action()).isEqualTo("inner");
      }
      assertThat(GuardContext.current().action()).isEqualTo("outer");
    }
    assertThat(GuardContext.current()).isSameAs(GuardContext.Frame.EMPTY);
  }

  @Test
  void theCallerFollowsTheCallAcrossThreads() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Caller carol = Caller.of(Workload.of("svc"), User.of("carol"));
      CompletableFuture<String> seen;
      try (GuardContext.Scope s = GuardContext.builder().caller(carol).action("hop").open()) {
        seen = CompletableFuture.supplyAsync(
            () -> g.invocation(ModelRef.of("openai", "x")).build().caller().user().subject() + "/"
                + GuardContext.current().action(),
            GuardContext.wrap(pool));
      }
      assertThat(seen.get()).isEqualTo("carol/hop");
      // the pool thread does not keep the scope after the task
      assertThat(pool.submit(() -> GuardContext.current().action()).get()).isNull();
    } finally {
      pool.shutdownNow();
    }
  }
}
