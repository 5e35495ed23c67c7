package dev.guardrails4j.core.detect.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.detect.BuiltInDetectors;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PatternDetectorTests {

  private static Detector pattern(Object... keysAndValues) {
    Map<String, Object> options = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      options.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return new PatternDetectorFactory().create(options);
  }

  private static List<String> spans(List<Finding> findings, String text) {
    return findings.stream().map(f -> f.type() + "=" + text.substring(f.start(), f.end())).toList();
  }

  private final Detector employeeIds = pattern("type", "EMPLOYEE_ID", "pattern", "EMP-[0-9]{6}");

  @Test
  void reportsEveryMatchWithTheConfiguredType() {
    String text = "Tickets for EMP-004211 and EMP-918273, not EMP-12.";

    assertThat(spans(employeeIds.detect(text), text))
        .containsExactly("EMPLOYEE_ID=EMP-004211", "EMPLOYEE_ID=EMP-918273");
    assertThat(employeeIds.types()).containsExactly("EMPLOYEE_ID");
    assertThat(employeeIds.name()).isEqualTo("pattern");
    assertThat(employeeIds.cost()).isEqualTo(Detector.Cost.MODERATE);
  }

  @Test
  void returnsTheSharedEmptyListWhenNothingMatches() {
    assertThat(employeeIds.detect("no ids here")).isSameAs(List.of());
  }

  @Test
  void scoresWithTheDefaultOrTheConfiguredScore() {
    assertThat(employeeIds.detect("EMP-004211")).extracting(Finding::score).containsExactly(0.9);
    assertThat(pattern("type", "EMPLOYEE_ID", "pattern", "EMP-[0-9]{6}", "score", 0.5).detect("EMP-004211"))
        .extracting(Finding::score).containsExactly(0.5);
  }

  @Test
  void matchesCaseSensitivelyUnlessToldOtherwise() {
    Detector insensitive =
        pattern("type", "EMPLOYEE_ID", "pattern", "EMP-[0-9]{6}", "case-sensitive", false);

    assertThat(employeeIds.detect("emp-004211")).isEmpty();
    assertThat(insensitive.detect("emp-004211")).hasSize(1);
  }

  static Stream<Arguments> validators() {
    return Stream.of(
        Arguments.of("luhn", "[0-9 ]{13,23}[0-9]", "card 4111 1111 1111 1111", true),
        Arguments.of("luhn", "[0-9 ]{13,23}[0-9]", "card 4111 1111 1111 1112", false),
        Arguments.of("mod97", "[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}", "IBAN DE89370400440532013000", true),
        Arguments.of("mod97", "[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}", "IBAN DE89370400440532013001", false),
        Arguments.of("none", "[0-9]{4}", "pin 1234", true));
  }

  @ParameterizedTest(name = "{0} on \"{2}\" -> {3}")
  @MethodSource("validators")
  void keepsOnlyMatchesThatPassTheValidator(String validator, String regex, String text, boolean found) {
    Detector detector = pattern("type", "ACCOUNT", "pattern", regex, "validator", validator);

    assertThat(detector.detect(text).isEmpty()).isEqualTo(!found);
  }

  @Test
  void seesThroughZeroWidthAndFullWidthCharacters() {
    String zeroWidth = "id EMP-00\u200B4211";
    String fullWidth = "id ＥＭＰ－００４２１１";

    assertThat(spans(employeeIds.detect(zeroWidth), zeroWidth)).containsExactly("EMPLOYEE_ID=EMP-00\u200B4211");
    assertThat(spans(employeeIds.detect(fullWidth), fullWidth)).containsExactly("EMPLOYEE_ID=ＥＭＰ－００４２１１");
  }

  @Test
  void stillMatchesPatternsWrittenForNonAsciiText() {
    Detector ordinals = pattern("type", "CASE_NUMBER", "pattern", "№ ?[0-9]{4}");

    assertThat(ordinals.detect("see № 1234")).hasSize(1);
  }

  @Test
  void runsInLinearTimeOnAPatternThatBacktracksElsewhere() {
    Detector nested = pattern("type", "NESTED", "pattern", "(a+)+b");
    String text = "a".repeat(1_000_000);

    List<Finding> findings = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> nested.detect(text));

    assertThat(findings).isEmpty();
  }

  static Stream<Arguments> invalidOptions() {
    return Stream.of(
        Arguments.of(Map.of("pattern", "x"), "type: required for detector pattern"),
        Arguments.of(Map.of("type", "employee id", "pattern", "x"),
            "type: expected an UPPER_SNAKE_CASE name such as EMPLOYEE_ID, got \"employee id\""),
        Arguments.of(Map.of("type", "X"), "pattern: required for detector pattern"),
        Arguments.of(Map.of("type", "X", "pattern", ""), "pattern: must not be empty"),
        Arguments.of(Map.of("type", "X", "pattern", 42), "pattern: expected a string, got 42"),
        Arguments.of(Map.of("type", "X", "pattern", "a".repeat(1001)),
            "pattern: longer than 1000 characters (got 1001)"),
        Arguments.of(Map.of("type", "X", "pattern", "(unclosed"), "pattern: not a valid RE2 regular expression"),
        Arguments.of(Map.of("type", "X", "pattern", "(a)\\1"), "pattern: not a valid RE2 regular expression"),
        Arguments.of(Map.of("type", "X", "pattern", "(?=a)b"), "pattern: not a valid RE2 regular expression"),
        Arguments.of(Map.of("type", "X", "pattern", "[0-9]*"), "pattern: matches the empty string"),
        Arguments.of(Map.of("type", "X", "pattern", "x", "validator", "crc"),
            "validator: expected one of luhn, mod97, none, got \"crc\""),
        Arguments.of(Map.of("type", "X", "pattern", "x", "validator", "LUHN"),
            "validator: expected one of luhn, mod97, none, got \"LUHN\""),
        Arguments.of(Map.of("type", "X", "pattern", "x", "score", 1.5),
            "score: expected a number between 0 and 1, got 1.5"),
        Arguments.of(Map.of("type", "X", "pattern", "x", "score", "high"),
            "score: expected a number between 0 and 1, got \"high\""),
        Arguments.of(Map.of("type", "X", "pattern", "x", "case-sensitive", "maybe"),
            "case-sensitive: expected true or false, got \"maybe\""),
        Arguments.of(Map.of("type", "X", "pattern", "x", "flags", "i"),
            "flags: unknown option for detector pattern"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidOptions")
  void rejectsOptionsWithAMessageNamingTheOption(Map<String, Object> options, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PatternDetectorFactory().create(options))
        .withMessageStartingWith(message);
  }

  @Test
  void acceptsAPatternOfExactlyTheMaximumLength() {
    String regex = "x" + "y?".repeat(499) + "z";

    assertThat(regex).hasSize(1000);
    assertThat(pattern("type", "X", "pattern", regex).detect("xz")).hasSize(1);
  }

  @Test
  void isListedAmongTheBuiltInDetectors() {
    assertThat(BuiltInDetectors.factories())
        .filteredOn(f -> f.name().equals("pattern"))
        .singleElement()
        .isInstanceOf(PatternDetectorFactory.class);
  }

  @Test
  void refusesAPatternWhoseNestedRepetitionsExpandToAHugeProgram() {
    // 27 characters, a million instructions: seconds per scan of a few hundred characters
    assertThatThrownBy(() -> pattern("type", "X", "pattern", "((a{1,100}){1,100}){1,100}b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("pattern: its counted repetitions expand to about 1,000,001 instructions")
        .hasMessageContaining("the limit of 10,000");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '~', textBlock = """
      EMP-[0-9]{6}                          ; 10
      [0-9]{16}                             ; 16
      (ab|cd){2,5}x                         ; 26
      a{1,1000}                             ; 1000
      (?i)(?P<id>[A-Z]{2}[0-9]{2})-\\d+     ; 7
      \\QEMP-{1000}\\E[0-9]+               ; 12
      x{2}{3}                               ; 6
      """)
  void estimatesTheProgramSizeFromTheSyntax(String regex, long size) {
    assertThat(ProgramSize.of(regex)).isEqualTo(size);
  }

  @Test
  void acceptsPatternsUpToTheLimit() {
    assertThat(ProgramSize.of("(a{1,100}){1,100}")).isEqualTo(ProgramSize.LIMIT);
    assertThat(pattern("type", "X", "pattern", "(a{1,100}){1,100}")).isNotNull();
    assertThatThrownBy(() -> pattern("type", "X", "pattern", "(ab{1,100}){1,100}"))
        .hasMessageContaining("10,100 instructions");
  }
}
