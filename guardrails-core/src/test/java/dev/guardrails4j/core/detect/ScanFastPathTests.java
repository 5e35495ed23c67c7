package dev.guardrails4j.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast paths of the {@code pii} and {@code secrets} scans (plain text scanned as is, ASCII
 * case-insensitive matching, base64 decoded by hand, a token rule's first-character gate) give
 * exactly the answers of the slow ones (a folded copy with an offset map, {@code regionMatches},
 * {@link Base64}, the rule's full expression).
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

  // ------------------------------------------------------------------ case-insensitive matching

  static Stream<Arguments> caseInsensitiveRegions() {
    return Stream.of(
        Arguments.of("PASSWORD", "password"), Arguments.of("PassWord", "password"),
        Arguments.of("passw0rd", "password"), Arguments.of("pass", "password"),
        Arguments.of("o\u212Ata", "okta"), // KELVIN SIGN lower-cases to 'k'
        Arguments.of("\u017Fecret", "secret"), // LATIN SMALL LETTER LONG S upper-cases to 'S'
        Arguments.of("tok\u0131n", "tokin"), // dotless i upper-cases to 'I'
        Arguments.of("\u0130s ", "is "), // capital I with dot lower-cases to 'i'
        Arguments.of("\uFF54oken", "token"), Arguments.of("to-ken", "to_ken"),
        Arguments.of("AUTH0", "auth0"), Arguments.of("ext.", "ext"), Arguments.of("[AT]", "[at]"),
        Arguments.of("", "a"), Arguments.of("@", "`"), Arguments.of("{", "["));
  }

  @ParameterizedTest
  @MethodSource("caseInsensitiveRegions")
  void matchesCaseInsensitivelyExactlyAsRegionMatchesDoes(String text, String word) {
    for (int p = -1; p <= text.length() + 1; p++) {
      boolean expected = p >= 0 && text.regionMatches(true, p, word, 0, word.length());
      assertThat(AsciiCase.startsWith(text, p, word)).as("at %d", p).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @MethodSource("caseInsensitiveRegions")
  void findsAWordInAWindowExactlyAsRegionMatchesAtEveryPositionDoes(String text, String word) {
    String padded = "x " + text + " y";
    for (int from = -3; from <= padded.length(); from++) {
      for (int to = from; to <= padded.length(); to++) {
        boolean expected = false;
        for (int p = Math.max(0, from); p + word.length() <= to; p++) {
          expected |= padded.regionMatches(true, p, word, 0, word.length());
        }
        if (!Character.isLetter(word.charAt(0))) {
          continue; // occursIn asks for a word that starts with a letter
        }
        assertThat(AsciiCase.occursIn(padded, from, to, word)).as("[%d, %d)", from, to)
            .isEqualTo(expected);
      }
    }
  }

  // ------------------------------------------------------------------ base64

  static Stream<String> base64Inputs() {
    List<String> inputs = new ArrayList<>(List.of(
        "dXNlcjpwYXNz", "dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZDE=", "YQ==", "YWI=", "YWJj",
        "Y===", "====", "YQ=a", "YQ==YWJj", "Y=Q=", "AAAA", "////", "++++", "YWJj-GVm", "YWJj_GVm",
        "YR==", "YWK=", "dXNlcjpwYXNz\u00e9", "abc", "ab", "YWJjZA", "YWJjZGU", "LS0tLS1CRUdJTiBSU0Eg"));
    Random random = new Random(7);
    String alphabet = "ABCYZabcyz0189+/=-_. ";
    for (int k = 0; k < 500; k++) {
      StringBuilder sb = new StringBuilder();
      int length = 4 + random.nextInt(13);
      for (int i = 0; i < length; i++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      inputs.add(sb.toString());
    }
    for (int k = 0; k < 150; k++) {
      byte[] bytes = new byte[1 + random.nextInt(20)];
      random.nextBytes(bytes);
      inputs.add(Base64.getEncoder().encodeToString(bytes));
    }
    return inputs.stream();
  }

  @ParameterizedTest
  @MethodSource("base64Inputs")
  void decodesBase64ExactlyAsTheJdkDecoderDoes(String input) {
    assertThat(SecretsDetector.decodeBase64("  " + input + " ", 2, 2 + input.length()))
        .isEqualTo(jdkDecode(input));
  }

  /** What the scan decoded before: the JDK decoder on the text cut to whole quadruples. */
  private static String jdkDecode(String input) {
    if (input.length() < 4) {
      return null;
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(input.substring(0, input.length() / 4 * 4));
      for (byte b : bytes) {
        if ((b < 0x20 && b != '\n' && b != '\r' && b != '\t') || b == 0x7F) {
          return null;
        }
      }
      return new String(bytes, StandardCharsets.ISO_8859_1);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ token rules

  static Stream<TokenRule> rules() {
    return SecretFormats.RULES.stream();
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("rules")
  void skipsABodyOnlyWhenItsExpressionCouldNotMatchEither(TokenRule rule) {
    // For every first character the gate turns away, the full expression fails too, whatever
    // follows it.
    String[] tails = {"", "A", "0", "a", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
        "-0000-0000-0000-000000000000", ".eyJhbGciOiJIUzI1NiJ9.abcdefghijklmnopqrstuvwxyz"};
    for (char c = 0; c < 128; c++) {
      if (rule.mayStartBody(c)) {
        continue;
      }
      for (String tail : tails) {
        String body = c + tail;
        assertThat(rule.bodyMatches(body)).as("%s then %s", rule.prefix, body).isFalse();
        assertThat(rule.match(rule.prefix + body, 0)).isEqualTo(-1);
      }
    }
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
      boolean afterPlain = PiiDetector.isAsciiAlnum(prev) && prev != 'a' && prev != 'e' && prev != 'o';
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
