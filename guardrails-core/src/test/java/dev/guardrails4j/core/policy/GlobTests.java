package dev.guardrails4j.core.policy;

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

  @org.junit.jupiter.api.Test
  void matchesLongTextsWithManyStarsInBoundedTime() {
    Glob g = Glob.of("*a*a*a*a*a*a*a*a*b");
    String text = "a".repeat(20_000);
    assertThat(g.matches(text)).isFalse();
  }
}
