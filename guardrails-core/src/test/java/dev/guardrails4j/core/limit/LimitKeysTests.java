package dev.guardrails4j.core.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.core.audit.Fingerprints;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LimitKeysTests {

  static final byte[] SALT = "a salt of at least sixteen bytes".getBytes(StandardCharsets.UTF_8);
  static final LimitKeys KEYS = new LimitKeys(SALT);
  static final Workload SVC = Workload.of("spiffe://example.org/ns/support/sa/api");
  static final ModelRef GPT = ModelRef.of("openai", "gpt-4o");

  static LimitRule rule(String text) {
    return LimitRule.parse("p", LimitRule.Kind.REQUESTS, text, Mode.ENFORCE);
  }

  static Invocation call(Caller caller) {
    return Invocation.builder(caller, GPT).action("summarize-ticket").userMessage("hi").build();
  }

  static final Caller ALICE = Caller.of(SVC, User.builder("alice@example.org").tenant("acme").build());

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      60/1m                  | all
      60/1m per tenant       | tenant=acme
      60/1m per workload     | workload=spiffe://example.org/ns/support/sa/api
      60/1m per model        | model=openai:gpt-4o
      60/1m per action       | action=summarize-ticket
      60/1m per tenant+model | tenant=acme+model=openai:gpt-4o
      60/1m per action+model | action=summarize-ticket+model=openai:gpt-4o
      """)
  void keysEachKindByItsValue(String limit, String expected) {
    assertThat(KEYS.key(rule(limit), call(ALICE))).isEqualTo(expected);
  }

  @Test
  void keysAUserByASaltedFingerprintNeverTheRawSubject() {
    String key = KEYS.key(rule("60/1m per user"), call(ALICE));
    assertThat(key).matches("user=[0-9a-f]{16}").doesNotContain("alice");
  }

  @Test
  void fingerprintsAUserAsAuditEventsDoWithTheSameSalt() {
    String key = KEYS.key(rule("60/1m per user"), call(ALICE));
    assertThat(key).isEqualTo("user=" + new Fingerprints(SALT).of("alice@example.org"));
  }

  @Test
  void fingerprintsDifferWithAnotherSalt() {
    LimitKeys other = new LimitKeys("another salt, also long enough".getBytes(StandardCharsets.UTF_8));
    assertThat(other.key(rule("60/1m per user"), call(ALICE)))
        .isNotEqualTo(KEYS.key(rule("60/1m per user"), call(ALICE)));
  }

  @Test
  void keysACallWithoutAUserByItsWorkload() {
    assertThat(KEYS.key(rule("60/1m per user"), call(Caller.of(SVC))))
        .isEqualTo("workload=spiffe://example.org/ns/support/sa/api");
  }

  @Test
  void keysACallWithoutATenantByItsWorkload() {
    Caller noTenant = Caller.of(SVC, User.of("bob"));
    assertThat(KEYS.key(rule("60/1m per tenant"), call(noTenant)))
        .isEqualTo("workload=spiffe://example.org/ns/support/sa/api");
  }

  @Test
  void combinesUserAndModelInTheRulesOrder() {
    String key = KEYS.key(rule("5/1m per user+model"), call(ALICE));
    assertThat(key).matches("user=[0-9a-f]{16}\\+model=openai:gpt-4o");
  }

  @Test
  void leavesOutAPartThatRepeatsAnEarlierOne() {
    assertThat(KEYS.key(rule("60/1m per user+workload"), call(Caller.of(SVC))))
        .isEqualTo("workload=spiffe://example.org/ns/support/sa/api");
  }

  @Test
  void fingerprintsValuesLongerThanTheBound() {
    String longTenant = "t".repeat(LimitKeys.MAX_VALUE_CHARS + 1);
    Caller c = Caller.of(SVC, User.builder("u").tenant(longTenant).build());
    assertThat(KEYS.key(rule("60/1m per tenant"), call(c))).matches("tenant=~[0-9a-f]{16}");
  }

  @Test
  void keysSeveralRulesWithOneFingerprint() {
    List<String> keys = KEYS.keys(List.of(rule("1/1m per user"), rule("1/1m per user+action")), call(ALICE));
    assertThat(keys.get(1)).isEqualTo(keys.get(0) + "+action=summarize-ticket");
  }

  @Test
  void rejectsAShortSalt() {
    assertThatThrownBy(() -> new LimitKeys(new byte[8]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
  }
}
