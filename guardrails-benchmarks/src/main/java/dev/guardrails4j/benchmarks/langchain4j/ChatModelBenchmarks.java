package dev.guardrails4j.benchmarks.langchain4j;

import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.benchmarks.inputs.DefaultChecks;
import dev.guardrails4j.benchmarks.inputs.Texts;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.PolicySet;
import dev.guardrails4j.langchain4j.GuardedChatModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
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

/**
 * What {@link GuardedChatModel} adds to a call of an instant in-memory {@code ChatModel} (the
 * budget: under 10 microseconds): the same request (a system message and a 1 KiB user prompt of
 * generated prose, {@link Texts}) through the bare model and through the decorator.
 *
 * <ul>
 *   <li>{@code policy=access-only}: a policy that allows the call and has no content check, so
 *       that this measures the adapter and the engine's fixed per-call work (invocation, access,
 *       audit event without a log);
 *   <li>{@code policy=default}: the default policy ({@link DefaultChecks#POLICY}), whose input
 *       checks run the default detectors over the prompt.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChatModelBenchmarks {

  /** The policy: {@code access-only} or {@code default}. */
  @Param({"access-only", "default"})
  public String policy;

  ChatModel bare;
  ChatModel guarded;
  ChatRequest request;

  /** Builds the model, the engine and the request. */
  @Setup
  public void setUp() {
    ChatResponse answer = ChatResponse.builder().aiMessage(AiMessage.from("Ticket 4711: printer fixed."))
        .tokenUsage(new TokenUsage(40, 8)).build();
    bare = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest chatRequest) {
        return answer;
      }
    };
    String accessOnly = "version: 1\ndefaults: { access: deny }\npolicies:\n  - id: all\n    access: allow\n";
    PolicySet set = policy.equals("default") ? DefaultChecks.policySet()
        : PolicySet.parse(List.of(new PolicyDocument("bench.yaml", accessOnly)), DetectorCatalog.builtIn());
    guarded = GuardedChatModel.wrap(bare, Guardrails.builder().policies(set).auditLog(false).build());
    request = ChatRequest.builder().messages(SystemMessage.from("You summarise support tickets."),
        UserMessage.from(Texts.generate(1024, Texts.Kind.PROSE, 1024))).build();
  }

  /**
   * The bare model.
   *
   * @return the response
   */
  @Benchmark
  public ChatResponse bare() {
    return bare.chat(request);
  }

  /**
   * The guarded model.
   *
   * @return the response
   */
  @Benchmark
  public ChatResponse guarded() {
    return guarded.chat(request);
  }
}
