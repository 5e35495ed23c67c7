package dev.guardrails4j.benchmarks.langchain4j;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.PolicySet;
import dev.guardrails4j.langchain4j.GuardedStreamingChatModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of guarding a streamed answer with {@link GuardedStreamingChatModel}: an in-memory
 * streaming model emits {@code chunks} partial responses of 8 characters each (about two tokens),
 * synchronously, then completes; the handler only consumes what it receives.
 *
 * <ul>
 *   <li>{@code bare}: the in-memory model alone, the baseline.
 *   <li>{@code guarded}: the same model behind the decorator, with the engine's default 256-character
 *       stream window; {@code checks=none} has a policy with no output check (adapter and window
 *       bookkeeping only), {@code checks=email} one output check whose detector looks for an
 *       {@code @} and scans around it, as a cheap prefiltered detector does.
 * </ul>
 *
 * <p>Per-chunk overhead is {@code (guarded - bare)} at 256 chunks minus the same at 1 chunk (the
 * fixed cost of a guarded call: invocation, access, audit), divided by 255.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StreamingBenchmarks {

  /** Partial responses per stream. */
  @Param({"1", "256"})
  public int chunks;

  /** Output checks in the policy. */
  @Param({"none", "email"})
  public String checks;

  StreamingChatModel bare;
  StreamingChatModel guarded;
  ChatRequest request;

  /** Builds the model, the engine and the request. */
  @Setup
  public void setUp() {
    List<String> parts = new ArrayList<>(chunks);
    for (int i = 0; i < chunks; i++) {
      parts.add(i % 16 == 15 ? "ok, thx " : "answer. ");
    }
    String whole = String.join("", parts);
    bare = new StreamingChatModel() {
      @Override
      public void doChat(ChatRequest chatRequest, StreamingChatResponseHandler handler) {
        for (String p : parts) {
          handler.onPartialResponse(p);
        }
        handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(whole)).build());
      }
    };
    String output = checks.equals("email")
        ? "    output: [ { detector: bench-email, action: redact } ]\n" : "";
    String policy = "version: 1\ndefaults: { access: allow }\npolicies:\n  - id: all\n    access: allow\n" + output;
    PolicySet set = PolicySet.parse(List.of(new PolicyDocument("bench.yaml", policy)),
        DetectorCatalog.builtIn().with(new EmailFactory()));
    Guardrails engine = Guardrails.builder().policies(set).auditLog(false).build();
    guarded = GuardedStreamingChatModel.wrap(bare, engine);
    request = ChatRequest.builder().messages(UserMessage.from("Summarise ticket 4711 for the weekly report."))
        .build();
  }

  /**
   * The bare model.
   *
   * @param bh sink
   */
  @Benchmark
  public void bare(Blackhole bh) {
    bare.chat(request, new Sink(bh));
  }

  /**
   * The guarded model.
   *
   * @param bh sink
   */
  @Benchmark
  public void guarded(Blackhole bh) {
    guarded.chat(request, new Sink(bh));
  }

  /** Consumes every callback. */
  static final class Sink implements StreamingChatResponseHandler {
    private final Blackhole bh;

    Sink(Blackhole bh) {
      this.bh = bh;
    }

    @Override
    public void onPartialResponse(String partialResponse) {
      bh.consume(partialResponse);
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
      bh.consume(completeResponse);
    }

    @Override
    public void onError(Throwable error) {
      throw new IllegalStateException(error);
    }
  }

  /** A cheap e-mail detector: finds {@code @}, then scans the address around it. */
  static final class EmailFactory implements DetectorFactory {
    @Override
    public String name() {
      return "bench-email";
    }

    @Override
    public Detector create(Map<String, Object> options) {
      return new Detector() {
        @Override
        public String name() {
          return "bench-email";
        }

        @Override
        public Set<String> types() {
          return Set.of("EMAIL_ADDRESS");
        }

        @Override
        public List<Finding> detect(String text) {
          int at = text.indexOf('@');
          if (at < 0) {
            return List.of();
          }
          List<Finding> out = new ArrayList<>(1);
          while (at >= 0) {
            int s = at;
            while (s > 0 && Character.isLetterOrDigit(text.charAt(s - 1))) {
              s--;
            }
            int e = at + 1;
            while (e < text.length() && (Character.isLetterOrDigit(text.charAt(e)) || text.charAt(e) == '.')) {
              e++;
            }
            if (s < at && e > at + 1) {
              out.add(Finding.of("bench-email", "EMAIL_ADDRESS", s, e, 1.0));
            }
            at = text.indexOf('@', e);
          }
          return out;
        }
      };
    }
  }
}
