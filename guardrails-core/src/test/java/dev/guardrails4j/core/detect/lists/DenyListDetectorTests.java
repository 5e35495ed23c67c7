package dev.guardrails4j.core.detect.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.detect.BuiltInDetectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DenyListDetectorTests {

  private static final List<Object> TERMS =
      List.of("Project Falcon", "orca", "Blue-Harbor", "机密项目", "C#");

  private static Detector detector(Map<String, Object> extra) {
    Map<String, Object> options = new HashMap<>(extra);
    options.putIfAbsent("terms", TERMS);
    return new DenyListDetectorFactory().create(options);
  }

  private static List<String> matched(Detector detector, String text) {
    List<String> out = new ArrayList<>();
    for (Finding f : detector.detect(text)) {
      out.add(text.substring(f.start(), f.end()));
    }
    return out;
  }

  static List<Arguments> truePositives() {
    return List.of(
        Arguments.of("plain", "Status of project falcon?", "project falcon"),
        Arguments.of("case", "PROJECT FALCON is late", "PROJECT FALCON"),
        Arguments.of("line break inside a phrase", "project\nfalcon", "project\nfalcon"),
        Arguments.of("punctuation run inside a phrase", "Project -- Falcon!", "Project -- Falcon"),
        Arguments.of("hyphenated term, spaced", "the blue harbor deal", "blue harbor"),
        Arguments.of("hyphenated term", "the Blue-Harbor deal", "Blue-Harbor"),
        Arguments.of("zero-width inside a term", "or\u200Bca", "or\u200Bca"),
        Arguments.of("tag character inside a term", "or\uDB40\uDC63ca", "or\uDB40\uDC63ca"),
        Arguments.of("soft hyphen", "Pro\u00ADject Fal\u00ADcon", "Pro\u00ADject Fal\u00ADcon"),
        Arguments.of("full-width forms", "ＯＲＣＡ", "ＯＲＣＡ"),
        Arguments.of("Cyrillic homoglyphs", "оrса", "оrса"),
        Arguments.of("diacritics", "Órçà", "Órçà"),
        Arguments.of("mathematical letters", "𝐨𝐫𝐜𝐚 team", "𝐨𝐫𝐜𝐚"),
        Arguments.of("Markdown wrapping", "see **orca** now", "orca"),
        Arguments.of("HTML wrapping", "<b>orca</b>", "orca"),
        Arguments.of("term in an unspaced script", "关于机密项目的报告", "机密项目"),
        Arguments.of("term made mostly of symbols", "I code in C# daily", "C"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("truePositives")
  void findsTermsAndEvasions(String name, String text, String expected) {
    assertThat(matched(detector(Map.of()), text)).containsExactly(expected);
  }

  static List<Arguments> trueNegatives() {
    return List.of(
        Arguments.of("inside a longer word", "the orcas swim"),
        Arguments.of("prefix of a word", "orchestra"),
        Arguments.of("one word of a phrase", "the falcon flew"),
        Arguments.of("words in the wrong order", "falcon project"),
        Arguments.of("leetspeak is off by default", "0rc4"),
        Arguments.of("empty text", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trueNegatives")
  void ignoresNearMisses(String name, String text) {
    assertThat(detector(Map.of()).detect(text)).isEmpty();
  }

  @Test
  void doesNotSeeThroughHtmlTagsBetweenTheWordsOfAPhrase() {
    // out of scope: tag names are words too; strip markup before this detector if needed
    assertThat(detector(Map.of()).detect("<b>Project</b> <i>Falcon</i>")).isEmpty();
  }

  @Test
  void reportsTheTypeAndScoreItWasGiven() {
    Detector d = detector(Map.of("type", "CODENAME", "score", 0.7));
    List<Finding> findings = d.detect("orca");
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.detector()).isEqualTo("deny-list");
      assertThat(f.type()).isEqualTo("CODENAME");
      assertThat(f.score()).isEqualTo(0.7);
    });
    assertThat(d.types()).containsExactly("CODENAME");
    assertThat(d.name()).isEqualTo("deny-list");
    assertThat(d.cost()).isEqualTo(Detector.Cost.CHEAP);
  }

  @Test
  void reportsDefaultTypeAndFullScore() {
    Finding f = detector(Map.of()).detect("orca").get(0);
    assertThat(f.type()).isEqualTo(DenyListDetectorFactory.DEFAULT_TYPE);
    assertThat(f.score()).isEqualTo(1.0);
  }

  @Test
  void foldsLeetspeakWhenAsked() {
    Detector d = detector(Map.of("leetspeak", true));
    assertThat(matched(d, "the 0rc4 file")).containsExactly("0rc4");
    assertThat(matched(d, "pr0j3ct f@lc0n")).containsExactly("pr0j3ct f@lc0n");
  }

  @Test
  void matchesInsideWordsWhenWholeWordsIsOff() {
    Detector d = detector(Map.of("whole-words", false));
    assertThat(matched(d, "orcas and porcas")).containsExactly("orca", "orca");
  }

  @Test
  void prefersTheLeftmostThenLongestOfOverlappingTerms() {
    Detector d = new DenyListDetectorFactory().create(
        Map.of("terms", List.of("new york", "york city", "new york city", "city hall")));
    assertThat(matched(d, "new york city hall")).containsExactly("new york city");
  }

  @Test
  void reportsEveryOccurrence() {
    assertThat(matched(detector(Map.of()), "orca, Orca and ORCA")).hasSize(3);
  }

  @Test
  void matchesThousandsOfTermsInOnePass() {
    List<Object> terms = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 5000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < 8; k++) {
        sb.append((char) ('a' + random.nextInt(26)));
      }
      terms.add(sb.toString());
    }
    terms.add("needle phrase");
    Detector d = new DenyListDetectorFactory().create(Map.of("terms", terms));
    String text = "hay ".repeat(1000) + "Needle  Phrase" + " hay".repeat(1000);
    assertThat(matched(d, text)).containsExactly("Needle  Phrase");
  }

  @Test
  void readsTermsFromAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("terms.txt");
    Files.writeString(file, "\uFEFF# competitors\nAcme Corp\n\n  Globex  \n# Initech\n",
        StandardCharsets.UTF_8);
    Detector d = new DenyListDetectorFactory().create(Map.of("terms-file", file.toString()));
    assertThat(matched(d, "acme corp, globex and initech")).containsExactly("acme corp", "globex");
  }

  @Test
  void combinesTermsAndATermsFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("terms.txt");
    Files.writeString(file, "globex\n", StandardCharsets.UTF_8);
    Detector d = new DenyListDetectorFactory().create(
        Map.of("terms", List.of("acme"), "terms-file", file.toString()));
    assertThat(matched(d, "acme globex")).containsExactly("acme", "globex");
  }

  static List<Arguments> invalidOptions() {
    return List.of(
        Arguments.of(Map.of(), "terms:"),
        Arguments.of(Map.of("terms", "orca"), "terms:"),
        Arguments.of(Map.of("terms", List.of("orca", 42)), "terms:"),
        Arguments.of(Map.of("terms", List.of()), "terms:"),
        Arguments.of(Map.of("terms", List.of("!!!")), "terms:"),
        Arguments.of(Map.of("terms-file", 42), "terms-file:"),
        Arguments.of(Map.of("terms-file", "/no/such/file.txt"), "terms-file:"),
        Arguments.of(Map.of("terms", List.of("a"), "type", ""), "type:"),
        Arguments.of(Map.of("terms", List.of("a"), "type", 1), "type:"),
        Arguments.of(Map.of("terms", List.of("a"), "whole-words", "yes"), "whole-words:"),
        Arguments.of(Map.of("terms", List.of("a"), "leetspeak", 1), "leetspeak:"),
        Arguments.of(Map.of("terms", List.of("a"), "score", 1.5), "score:"),
        Arguments.of(Map.of("terms", List.of("a"), "score", "high"), "score:"),
        Arguments.of(Map.of("terms", List.of("a"), "colour", "red"), "colour:"));
  }

  @ParameterizedTest
  @MethodSource("invalidOptions")
  void rejectsInvalidOptionsNamingTheOption(Map<String, Object> options, String prefix) {
    assertThatThrownBy(() -> new DenyListDetectorFactory().create(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(prefix);
  }

  @Test
  void rejectsATermsFileOverTheSizeLimitWithoutReadingIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("huge.txt");
    try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(file,
        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
      c.write(java.nio.ByteBuffer.wrap(new byte[] {'x', '\n'}), DenyListDetectorFactory.MAX_TERMS_FILE_BYTES);
    }
    assertThatThrownBy(() -> new DenyListDetectorFactory().create(Map.of("terms-file", file.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("terms-file:").hasMessageContaining("the limit is 16777216");
  }

  @Test
  void rejectsATermsFileThatIsNotUtf8(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("latin1.txt");
    Files.write(file, new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
    assertThatThrownBy(() -> new DenyListDetectorFactory().create(
        Map.of("terms-file", file.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("terms-file:");
  }

  @Test
  void listsEveryOptionItAccepts() {
    assertThat(new DenyListDetectorFactory().options())
        .containsExactlyInAnyOrder("terms", "terms-file", "type", "whole-words", "leetspeak",
            "score");
    assertThat(new DenyListDetectorFactory().name()).isEqualTo("deny-list");
  }

  @Test
  void isListedAmongTheBuiltInDetectors() {
    assertThat(BuiltInDetectors.factories())
        .anySatisfy(f -> assertThat(f).isInstanceOf(DenyListDetectorFactory.class));
  }

  static List<Arguments> adversarial() {
    return List.of(
        Arguments.of("one letter", "o".repeat(1 << 20)),
        Arguments.of("a term repeated", "orca ".repeat(1 << 18)),
        Arguments.of("near misses", "orc ".repeat(1 << 18)),
        Arguments.of("digits", "1234567890".repeat(1 << 17)),
        Arguments.of("email-like runs", "aaaa@aaaa".repeat(1 << 17)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adversarial")
  void scansAMegabyteOfAdversarialTextInLinearTime(String name, String text) {
    List<Object> terms = new ArrayList<>(TERMS);
    for (int k = 1; k < 64; k++) {
      terms.add("o".repeat(k) + "x");
    }
    Detector d = new DenyListDetectorFactory().create(Map.of("terms", terms, "leetspeak", true));
    d.detect(text.substring(0, 1 << 16)); // warm the JIT first
    assertTimeoutPreemptively(Duration.ofSeconds(15), () -> d.detect(text));
  }
}
