package dev.guardrails4j.benchmarks.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Finding;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TextsTests {

  @ParameterizedTest
  @CsvSource({"0, PROSE", "1024, PROSE", "4096, ENTITIES", "65536, ENTITIES"})
  void hasExactlyTheRequestedLengthInAscii(int size, Texts.Kind kind) {
    String text = Texts.generate(size, kind, 1);
    assertThat(text).hasSize(size);
    assertThat(text.chars().allMatch(c -> c < 128)).isTrue();
  }

  @Test
  void givesTheSameTextForTheSameSeed() {
    assertThat(Texts.generate(4096, Texts.Kind.ENTITIES, 9)).isEqualTo(Texts.generate(4096, Texts.Kind.ENTITIES, 9))
        .isNotEqualTo(Texts.generate(4096, Texts.Kind.ENTITIES, 10));
  }

  @Test
  void entitiesAreValidEnoughForThePiiDetectorToFindEveryType() {
    String text = Texts.generate(16_384, Texts.Kind.ENTITIES, 2);
    Set<String> types = DefaultChecks.detector("pii", Map.of()).detect(text).stream().map(Finding::type)
        .collect(Collectors.toSet());
    assertThat(types).contains("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS");
  }

  @Test
  void proseHasNoCardNumbersOrSecrets() {
    String text = Texts.generate(16_384, Texts.Kind.PROSE, 2);
    assertThat(DefaultChecks.detector("secrets", Map.of()).detect(text)).isEmpty();
    assertThat(DefaultChecks.detector("pii", Map.of("types", java.util.List.of("CREDIT_CARD", "IBAN_CODE")))
        .detect(text)).isEmpty();
  }

  @Test
  void generatedTermsNeverOccurInGeneratedText() {
    String text = Texts.generate(65_536, Texts.Kind.ENTITIES, 3).toLowerCase(Locale.ROOT);
    assertThat(Terms.generate(10_000, 7)).hasSize(10_000).noneMatch(text::contains);
  }
}
