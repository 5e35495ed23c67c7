package dev.guardrails4j.core.detect.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast paths inside the {@code secrets} scan (base64 decoded by hand, a token rule's
 * first-character gate) give exactly the answers of the slow ones ({@link Base64}, the rule's full
 * expression).
 */
class SecretsFastPathTests {
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
    assertThat(SecretText.decodeBase64("  " + input + " ", 2, 2 + input.length()))
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
}
