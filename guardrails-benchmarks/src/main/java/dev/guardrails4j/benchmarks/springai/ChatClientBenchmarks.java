package dev.guardrails4j.benchmarks.springai;

import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.benchmarks.inputs.DefaultChecks;
import dev.guardrails4j.benchmarks.inputs.Texts;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.PolicySet;
import dev.guardrails4j.springai.GuardrailsAdvisor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.SafeGuardAdvisor;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * What {@link GuardrailsAdvisor} adds to a Spring AI {@code ChatClient} call of an instant
 * in-memory {@code ChatModel}, beside Spring AI's own {@link SafeGuardAdvisor} on the same prompt
 * (a system message and a 1 KiB user prompt of generated prose, {@link Texts}).
 *
 * <ul>
 *   <li>{@code bare}: the client with Spring AI's default advisors only (its tool-calling advisor);
 *   <li>{@code guarded}: plus the Guardrails4j advisor; {@code policy=access-only} allows the call
 *       with no content check (the adapter and the engine's fixed per-call work), {@code
 *       policy=default} runs the default input detectors ({@link DefaultChecks#POLICY}) over the
 *       prompt;
 *   <li>{@code safeGuard}: plus Spring AI's {@code SafeGuardAdvisor} with {@code terms} words, none
 *       of which occurs in the prompt (its case-sensitive {@code contains} over the user text, input
 *       only).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChatClientBenchmarks {

  /** The Guardrails4j policy: {@code access-only} or {@code default}. */
  @Param({"access-only", "default"})
  public String policy;

  /** The number of words in the {@code SafeGuardAdvisor}'s list. */
  @Param({"100"})
  public int terms;

  ChatClient bare;
  ChatClient guarded;
  ChatClient safeGuard;
  String system;
  String user;

  /** Builds the model, the clients and the prompt. */
  @Setup
  public void setUp() {
    ChatResponse answer = new ChatResponse(List.of(new Generation(new AssistantMessage("Ticket 4711: printer fixed."))),
        ChatResponseMetadata.builder().model("gpt-4o-mini").usage(new DefaultUsage(40, 8)).build());
    ChatModel model = new ChatModel() {
      @Override
      public ChatResponse call(Prompt prompt) {
        return answer;
      }
    };
    String accessOnly = "version: 1\ndefaults: { access: deny }\npolicies:\n  - id: all\n    access: allow\n";
    PolicySet set = policy.equals("default") ? DefaultChecks.policySet()
        : PolicySet.parse(List.of(new PolicyDocument("bench.yaml", accessOnly)), DetectorCatalog.builtIn());
    Guardrails guardrails = Guardrails.builder().policies(set).auditLog(false).inventoryEvents(false).build();
    List<String> words = new ArrayList<>(terms);
    for (int i = 0; i < terms; i++) {
      words.add("forbidden-term-" + i);
    }
    bare = ChatClient.builder(model).build();
    guarded = ChatClient.builder(model).defaultAdvisors(GuardrailsAdvisor.of(guardrails)).build();
    safeGuard = ChatClient.builder(model).defaultAdvisors(new SafeGuardAdvisor(words)).build();
    system = "You summarise support tickets.";
    user = Texts.generate(1024, Texts.Kind.PROSE, 1024);
  }

  /**
   * The bare client.
   *
   * @return the answer
   */
  @Benchmark
  public String bare() {
    return bare.prompt().system(system).user(user).call().content();
  }

  /**
   * The client with the Guardrails4j advisor.
   *
   * @return the answer
   */
  @Benchmark
  public String guarded() {
    return guarded.prompt().system(system).user(user).call().content();
  }

  /**
   * The client with Spring AI's {@code SafeGuardAdvisor}.
   *
   * @return the answer
   */
  @Benchmark
  public String safeGuard() {
    return safeGuard.prompt().system(system).user(user).call().content();
  }
}
