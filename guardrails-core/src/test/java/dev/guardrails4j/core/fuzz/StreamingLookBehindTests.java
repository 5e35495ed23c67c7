package dev.guardrails4j.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.StreamingOutput;
import dev.guardrails4j.core.testing.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A streamed value recognised by the words before it, found by the streaming fuzz target. */
class StreamingLookBehindTests {

  static final String PHONE = "4155550132";

  @Test
  void aPhoneNumberWhoseCueWordWasReleasedInAnEarlierChunkIsStillRedacted() {
    Guardrails g = Guardrails.builder().auditLog(false).streamWindow(16).policies(Fixtures.policies("""
        version: 1
        policies:
          - id: p
            access: allow
            output: [ { detector: pii, action: redact } ]
        """)).build();
    String whole = "Sure, please call                 " + PHONE + " after lunch, or write.";
    try (GuardedCall call = g.start(Fixtures.invocation().userMessage("q").build())) {
      assertThat(call.checkOutput(whole)).doesNotContain(PHONE);
    }
    // without its cue word the number is not a finding: the cue must be seen in the stream too
    assertThat(Detectors.create("pii", Map.of()).detect("                " + PHONE + " after lunch")).isEmpty();
    try (GuardedCall call = g.start(Fixtures.invocation().userMessage("q").build())) {
      StreamingOutput s = call.streamOutput();
      StringBuilder out = new StringBuilder();
      out.append(s.accept("Sure, please call ")).append(s.accept("                ")).append(s.accept(PHONE));
      out.append(s.accept(" after lunch, or write.")).append(s.finish());
      assertThat(out.toString()).doesNotContain(PHONE).contains("<PHONE_NUMBER_1>");
    }
  }
}
