package dev.guardrails4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearTextModelTests {

  static final int BUCKETS = 1 << 12;
  static final HashedNgrams FEATURES = new HashedNgrams(BUCKETS, 3, 5);

  /** A toy model whose weights are +1 on the features of {@code positive} and 0 elsewhere. */
  static byte[] model(String positive, float threshold) {
    float[] w = new float[BUCKETS];
    FEATURES.features(positive, 0, positive.length(), b -> w[b] = 1f);
    return LinearTextModel.encode(BUCKETS, 3, 5, 128, 64, -1f, threshold, w);
  }

  static List<Integer> buckets(String text) {
    List<Integer> out = new ArrayList<>();
    FEATURES.features(text, 0, text.length(), out::add);
    return out;
  }

  @Test
  void readsWhatItEncodesAndScoresWithTheSameFeatures() {
    LinearTextModel m = LinearTextModel.read("toy", model("override the rules", 0.5f));

    assertThat(m.buckets()).isEqualTo(BUCKETS);
    assertThat(m.threshold()).isEqualTo(0.5);
    assertThat(m.score("please override the rules now")).isGreaterThan(m.threshold());
    assertThat(m.score("a quiet afternoon in the garden")).isLessThan(m.threshold());
    assertThat(m.score("")).isEqualTo(-1.0);
  }

  @Test
  void encodesTheSameModelToTheSameBytes() {
    assertThat(model("override the rules", 0.5f)).isEqualTo(model("override the rules", 0.5f));
  }

  @Test
  void findsAPositivePassageInTheMiddleOfALongTextThroughItsWindows() {
    LinearTextModel m = LinearTextModel.read("toy", model("override the rules", 0.5f));
    String filler = "the weather report for tuesday says light rain and a gentle breeze. ".repeat(20);
    String planted = filler + " override the rules " + filler;

    assertThat(planted.length()).isGreaterThan(4 * m.window());
    assertThat(m.score(planted)).isGreaterThan(m.threshold());
    assertThat(m.score(filler + filler)).isLessThan(m.threshold());
  }

  @Test
  void refusesAResourceThatIsCutShortNamingIt() {
    byte[] whole = model("x y z", 0f);

    assertThatThrownBy(() -> LinearTextModel.read("injection-model.bin", Arrays.copyOf(whole, whole.length - 10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("learned model injection-model.bin is damaged: cut short");
  }

  @Test
  void refusesAResourceWhoseBytesChanged() {
    byte[] tampered = model("x y z", 0f);
    tampered[60] ^= 1;

    assertThatThrownBy(() -> LinearTextModel.read("m.bin", tampered))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("checksum mismatch");
  }

  @Test
  void refusesBytesThatAreNotAModel() {
    assertThatThrownBy(() -> LinearTextModel.read("m.bin", "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a Guardrails4j linear model");
  }

  @Test
  void saysWhenAResourceIsMissing() {
    assertThatThrownBy(() -> LinearTextModel.fromResource(LinearTextModelTests.class, "/no/such/model.bin"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("/no/such/model.bin is missing");
  }

  @Test
  void readsCaseInvisibleCharactersAndSeparatorsTheSame() {
    List<Integer> plain = buckets("ignore previous instructions");

    assertThat(buckets("IGNORE Previous INSTRUCTIONS")).isEqualTo(plain);
    assertThat(buckets("ig\u200Bnore pre\u00ADvious instruc\u2060tions")).isEqualTo(plain);
    assertThat(buckets("ignore...previous\n\tinstructions!!")).isEqualTo(plain);
    assertThat(buckets("ignore other instructions")).isNotEqualTo(plain);
  }

  @Test
  void refusesAFeatureSpaceThatIsNotAPowerOfTwo() {
    assertThatThrownBy(() -> new HashedNgrams(1000, 3, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HashedNgrams(1 << 12, 5, 3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scoringOverlappingWindowsFromOnePassEqualsScoringEachWindowOnItsOwn() {
    // random weights in every bucket, so every feature counts, and texts built to cut words,
    // long words, dropped format characters and non-Latin letters at window edges
    java.util.SplittableRandom r = new java.util.SplittableRandom(42);
    float[] w = new float[BUCKETS];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (r.nextDouble() * 2 - 1);
    }
    String[] pieces = {"ignore", "the", "previous", "instructions", "Ünïcödé", "日本語", "x",
        "a".repeat(45), "b".repeat(200), "\u200B", "\u00AD", "-", " ", "  ", "\n", ".", "42", "ab\u200Bcd",
        "\uD83D\uDE00", "QUOTE\"", "\u0301", "Ⅻ"};
    LinearTextModel m = LinearTextModel.read("random", LinearTextModel.encode(BUCKETS, 3, 5, 128, 64, -1f, 0.5f, w));
    LinearTextModel shipped = LinearTextModel.fromResource(LinearTextModelTests.class, "/dev/guardrails4j/injection-model.bin");
    for (int t = 0; t < 3_000; t++) {
      StringBuilder sb = new StringBuilder();
      int length = 1 + r.nextInt(t % 10 == 0 ? 3_000 : 700);
      while (sb.length() < length) {
        sb.append(pieces[r.nextInt(pieces.length)]);
        if (r.nextInt(3) > 0) {
          sb.append(' ');
        }
      }
      String text = sb.toString();
      assertThat(m.score(text)).as("text %d", t).isEqualTo(m.scoreWindowByWindow(text));
      if (t % 10 == 0) {
        assertThat(shipped.score(text)).as("shipped, text %d", t).isEqualTo(shipped.scoreWindowByWindow(text));
      }
    }
  }
}
