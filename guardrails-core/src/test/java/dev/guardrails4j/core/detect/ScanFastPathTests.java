package dev.guardrails4j.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.detect.pii.PiiDetectorFactory;
import dev.guardrails4j.core.detect.pii.PiiDetectorTests;
import dev.guardrails4j.core.detect.secrets.SecretsDetectorFactory;
import dev.guardrails4j.core.detect.secrets.SecretsDetectorTests;
import dev.guardrails4j.core.detect.text.AsciiCase;
import dev.guardrails4j.core.detect.text.FoldedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast path of the {@code pii} and {@code secrets} scans (plain text scanned as is) gives
 * exactly the answers of the slow one (a folded copy with an offset map), on texts that mix both
 * detectors' findings. The fast paths inside each family are tested there: {@code
 * text.AsciiCaseTests}, {@code secrets.SecretsFastPathTests}.
 */
class ScanFastPathTests {

  private static final Detector PII = new PiiDetectorFactory().create(Map.of());
  private static final Detector SECRETS = new SecretsDetectorFactory().create(Map.of());

  /** Plain ASCII texts with findings of both detectors, taken from their own test cases. */
  static List<String> asciiTexts() {
    List<String> texts = new ArrayList<>();
    Stream.of(PiiDetectorTests.truePositives(), SecretsDetectorTests.providerTokens(),
            SecretsDetectorTests.structuredSecrets())
        .flatMap(s -> s)
        .map(a -> (String) a.get()[0])
        .filter(ScanFastPathTests::isAscii)
        .forEach(texts::add);
    // A longer prompt that mixes prose, code, logs and entities, so that anchors interact.
    StringBuilder mixed = new StringBuilder();
    for (int i = 0; i < texts.size(); i++) {
      mixed.append("2025-03-0").append(i % 9 + 1).append("T09:12:33Z INFO [worker-").append(i % 7)
          .append("] took ").append(10 + i).append(" ms, id=").append(Integer.toHexString(977 * i + 4091))
          .append('\n').append(texts.get(i)).append(i % 3 == 0 ? "\n" : " and then ");
    }
    texts.add(mixed.toString());
    return texts;
  }

  /** Each text with each evasion that sends the scan down the folding path. */
  static Stream<Arguments> evasions() {
    List<Arguments> cases = new ArrayList<>();
    for (String text : asciiTexts()) {
      cases.add(Arguments.of("full-width forms", text, (UnaryOperator<String>) ScanFastPathTests::fullWidth));
      cases.add(Arguments.of("full-width digits", text, (UnaryOperator<String>) ScanFastPathTests::fullWidthDigits));
      cases.add(Arguments.of("Cyrillic homoglyphs", text, (UnaryOperator<String>) ScanFastPathTests::homoglyphs));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("evasions")
  void reportsTheSameFindingsWhenAnEvasionFoldsBackToThePlainText(
      String evasion, String text, UnaryOperator<String> evade) {
    // A full-width zero first: the scan decides to fold at its first character, so the whole text
    // goes down the slow path. (Where the first foldable character sits inside a value the scan
    // skips, it reports what it found on the text as is; that behaviour is not under test here.)
    String evaded = "\uFF10 " + evade.apply(text);
    FoldedText folded = FoldedText.of(evaded);
    assertThat(folded).isNotNull();
    String plain = folded.text();
    // Every replacement is one UTF-16 unit for one, so the offsets are the plain text's.
    assertThat(plain).hasSameSizeAs(evaded).startsWith("0 " + text);
    for (Detector detector : List.of(PII, SECRETS)) {
      assertThat(detector.detect(evaded)).as(detector.name()).isEqualTo(detector.detect(plain));
    }
  }

  static List<String> texts() {
    return asciiTexts();
  }

  @ParameterizedTest
  @MethodSource("texts")
  void mapsOffsetsBackAcrossAZeroWidthSpaceBeforeTheText(String text) {
    // "ok\u200B " folds to "ok ": everything after it sits one character further on.
    List<Finding> plain = new ArrayList<>();
    List<Finding> folded = new ArrayList<>();
    for (Detector detector : List.of(PII, SECRETS)) {
      for (Finding f : detector.detect("ok " + text)) {
        plain.add(Finding.of(f.detector(), f.type(), f.start() + 1, f.end() + 1, f.score()));
      }
      folded.addAll(detector.detect("ok\u200B " + text));
    }
    assertThat(folded).isEqualTo(plain);
  }

  @ParameterizedTest
  @MethodSource("texts")
  void reportsTheSameFindingsWithAZeroWidthSpaceAfterTheText(String text) {
    for (Detector detector : List.of(PII, SECRETS)) {
      assertThat(detector.detect(text + "\nok\u200B")).as(detector.name())
          .isEqualTo(detector.detect(text + "\nok"));
    }
  }

  @Test
  void theAsciiTextsHaveFindingsOfBothDetectors() {
    List<String> texts = asciiTexts();
    assertThat(texts.stream().filter(t -> !PII.detect(t).isEmpty())).hasSizeGreaterThan(20);
    assertThat(texts.stream().filter(t -> !SECRETS.detect(t).isEmpty())).hasSizeGreaterThan(20);
  }

  // ------------------------------------------------------------------ evasions

  private static String fullWidth(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c > ' ' && c < 0x7F ? (char) (c + 0xFEE0) : c);
    }
    return sb.toString();
  }

  private static String fullWidthDigits(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c >= '0' && c <= '9' ? (char) (c + 0xFEE0) : c);
    }
    return sb.toString();
  }

  /** Latin 'a', 'e', 'o' after a plain ASCII letter or digit become their Cyrillic twins. */
  private static String homoglyphs(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean changed = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char prev = i > 0 ? s.charAt(i - 1) : ' ';
      boolean afterPlain = AsciiCase.isAsciiAlnum(prev) && prev != 'a' && prev != 'e' && prev != 'o';
      char twin = c == 'a' ? '\u0430' : c == 'e' ? '\u0435' : c == 'o' ? '\u043E' : 0;
      if (afterPlain && twin != 0) {
        sb.append(twin);
        changed = true;
      } else {
        sb.append(c);
      }
    }
    // A text without such a letter gets one in a trailing word, so it still takes the folding path.
    return changed ? sb.toString() : sb + "\nt\u043E";
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }
}
