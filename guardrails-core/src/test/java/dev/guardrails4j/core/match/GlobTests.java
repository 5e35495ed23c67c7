package dev.guardrails4j.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GlobTests {

  @ParameterizedTest
  @CsvSource({
      "openai:gpt-4o*, openai:gpt-4o, true",
      "openai:gpt-4o*, openai:gpt-4o-mini, true",
      "openai:gpt-4o*, openai:gpt-3.5, false",
      "ollama:*, ollama:meta-llama/Llama-3, true",
      "*:llama3, ollama:llama3, true",
      "*:llama3, ollama:llama3.1, false",
      "summarize-*-ticket, summarize-support-ticket, true",
      "summarize-?, summarize-a, true",
      "summarize-?, summarize-ab, false",
      "exact, exact, true",
      "exact, exactly, false",
      "*, anything/with/slashes, true"})
  void matchesNamesWhereStarCrossesEverything(String glob, String text, boolean expected) {
    assertThat(Glob.of(glob).matches(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "spiffe://example.org/ns/*/sa/billing, spiffe://example.org/ns/prod/sa/billing, true",
      "spiffe://example.org/ns/*/sa/billing, spiffe://example.org/ns/a/b/sa/billing, false",
      "spiffe://example.org/ns/*/sa/billing, spiffe://example.org/ns/prod/sa/billing2, false",
      "spiffe://example.org/ns/support/**, spiffe://example.org/ns/support/sa/api, true",
      "spiffe://example.org/ns/support/*, spiffe://example.org/ns/support/sa/api, false",
      "spiffe://example.org/ns/support/*, spiffe://example.org/ns/support/api, true",
      "spiffe://example.org/**/sa/api, spiffe://example.org/ns/x/sa/api, true",
      "spiffe://*.org/ns/x, spiffe://example.org/ns/x, true"})
  void matchesWorkloadsWhereStarStaysInOneSegment(String glob, String text, boolean expected) {
    assertThat(Glob.ofPath(glob).matches(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "a***b"})
  void rejectsBadGlobs(String glob) {
    assertThatThrownBy(() -> Glob.of(glob)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
      "spiffe://example.org/ns/team-3/sa/*, spiffe://example.org/ns/team-3/sa/api, true",
      "spiffe://example.org/ns/team-3/sa/*, spiffe://example.org/ns/team-3/sa/, true",
      "spiffe://example.org/ns/team-3/sa/*, spiffe://example.org/ns/team-3/sa/api/x, false",
      "spiffe://example.org/ns/team-3/sa/*, spiffe://example.org/ns/team-33/sa/api, false",
      "spiffe://example.org/*/team-3/sa/api, spiffe://example.org/ns/team-3/sa/api, true",
      "spiffe://example.org/*/team-3/sa/api, spiffe://example.org/a/b/team-3/sa/api, false",
      "spiffe://*/ns/*/sa/a*i, spiffe://example.org/ns/x/sa/api, true",
      "spiffe://*/ns/*/sa/a*i, spiffe://example.org/ns/x/sa/ap/i, false",
      "a/*b, a/xb/b, false",
      "*/*, a/b, true",
      "*/*, a/b/c, false",
      "*, a, true",
      "*, a/b, false"})
  void matchesPathSegmentShapes(String glob, String text, boolean expected) {
    assertThat(Glob.ofPath(glob).matches(text)).isEqualTo(expected);
  }

  /*
   * Every glob shape gives the same answer as the reference table matcher on exhaustive small
   * patterns and texts over an alphabet with the characters that matter ('/', '*', '?').
   */
  @org.junit.jupiter.api.Test
  void everyShapeAgreesWithTheReferenceMatcher() {
    String[] patternParts = {"a", "b", "/", "*", "?", "**"};
    String[] texts = words(new String[] {"a", "b", "/"}, 5);
    int checked = 0;
    for (String pattern : words(patternParts, 4)) {
      if (pattern.isEmpty() || pattern.contains("***")) {
        continue;
      }
      Glob name = Glob.of(pattern);
      Glob path = Glob.ofPath(pattern);
      for (String text : texts) {
        assertThat(name.matches(text)).as("glob %s on %s", pattern, text).isEqualTo(name.table(text));
        assertThat(path.matches(text)).as("path glob %s on %s", pattern, text).isEqualTo(path.table(text));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100_000);
  }

  private static String[] words(String[] parts, int maxParts) {
    java.util.List<String> out = new java.util.ArrayList<>();
    out.add("");
    int from = 0;
    for (int len = 1; len <= maxParts; len++) {
      int to = out.size();
      for (int i = from; i < to; i++) {
        for (String part : parts) {
          out.add(out.get(i) + part);
        }
      }
      from = to;
    }
    return out.toArray(String[]::new);
  }

  @org.junit.jupiter.api.Test
  void matchesLongTextsWithManyStarsInBoundedTime() {
    Glob g = Glob.of("*a*a*a*a*a*a*a*a*b");
    String text = "a".repeat(20_000);
    assertThat(g.matches(text)).isFalse();
  }
}
