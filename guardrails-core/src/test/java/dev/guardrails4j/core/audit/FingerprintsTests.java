package dev.guardrails4j.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintsTests {

  Fingerprints a = new Fingerprints("salt-salt-salt-salt".getBytes(StandardCharsets.UTF_8));
  Fingerprints b = new Fingerprints("other-other-other-salt".getBytes(StandardCharsets.UTF_8));

  @Test
  void sameTextAndSaltGiveTheSameFingerprint() {
    assertThat(a.of("hello world")).hasSize(16).isEqualTo(a.of("hello world"));
  }

  @Test
  void differentSaltsOrTextsDiffer() {
    assertThat(a.of("hello world")).isNotEqualTo(b.of("hello world")).isNotEqualTo(a.of("hello worle"));
  }

  @Test
  void bulkAndCharWisePathsAgree() {
    // splitting a text differently must not change the digest of the concatenation's words
    String text = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int cut = 0; cut <= text.length(); cut++) {
      assertThat(a.of(List.of(text.substring(0, cut), text.substring(cut))))
          .isNotEqualTo(a.of(text)); // separator makes a two-part list differ from one text
    }
    assertThat(a.of(List.of("ab", "c"))).isNotEqualTo(a.of(List.of("a", "bc")));
  }

  @Test
  void lengthIsPartOfTheDigest() {
    assertThat(a.of("a")).isNotEqualTo(a.of("a\u0000"));
  }

  @Test
  void emptyTextsHaveNoFingerprintAndShortSaltsAreRejected() {
    assertThat(a.of("")).isEmpty();
    assertThat(a.of(List.of())).isEmpty();
    assertThatThrownBy(() -> new Fingerprints(new byte[8])).isInstanceOf(IllegalArgumentException.class);
  }
}
