package dev.guardrails4j.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsDetectorTests {

  private static final Map<String, Object> MEDICAL = Map.of("name", "medical-advice", "examples",
      List.of("Which medicine should I take for my fever?", "Is this lump on my neck dangerous?",
          "What dose of painkillers is safe for a child?"));
  private static final Map<String, Object> BILLING = Map.of("name", "billing", "examples",
      List.of("Why is my invoice higher this month?", "Please refund the duplicate payment."));

  private static final Detector DETECTOR = new TopicsDetectorFactory()
      .create(Map.of("denied", List.of(MEDICAL), "allowed", List.of(BILLING)));
  private static final Detector DENIED_ONLY = new TopicsDetectorFactory().create(Map.of("denied", List.of(MEDICAL)));

  @ParameterizedTest
  @ValueSource(strings = {
      "I have had a high temperature for three days, what tablets would help?",
      "my kid swallowed two of my sleeping pills, how much is too much",
      "Could the dark spot on my arm be skin cancer?"})
  void namesTheDeniedTopicWithItsSimilarity(String text) {
    List<Finding> found = DENIED_ONLY.detect(text);

    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.type()).isEqualTo("TOPIC_MEDICAL_ADVICE");
      assertThat(f.score()).isBetween(TopicsDetectorFactory.DEFAULT_MIN_SIMILARITY, 1.0);
      assertThat(f.start()).isZero();
      assertThat(f.end()).isEqualTo(text.length());
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Why was my card charged twice for the same order?",
      "How do I download last year's invoices as PDF?",
      "The delivery was late, can I change my shipping address?"})
  void letsOtherQuestionsThrough(String text) {
    assertThat(DENIED_ONLY.detect(text)).isEmpty();
  }

  @Test
  void findsTheDeniedTopicInTheMiddleOfALongText() {
    String filler = "The quarterly report lists the numbers of tickets opened and closed per team and per week. ";
    String question = "My son has had a fever since Monday and now a rash on his chest. Which medicine should I "
        + "give him, and how many tablets a day? Could the rash be an infection that needs antibiotics? ";
    String text = filler.repeat(40) + question + filler.repeat(40);
    int at = text.indexOf(question);

    List<Finding> found = DENIED_ONLY.detect(text);

    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.type()).isEqualTo("TOPIC_MEDICAL_ADVICE");
      assertThat(f.start()).isLessThanOrEqualTo(at).isGreaterThan(0);
      assertThat(f.end()).isGreaterThan(at).isLessThan(text.length());
    });
  }

  @Test
  void reportsTextNearNoAllowedTopicAsOffTopic() {
    assertThat(DETECTOR.detect("Compose a sonnet about the sea at night.")).extracting(Finding::type)
        .containsExactly("OFF_TOPIC");
    assertThat(DETECTOR.detect("Why did you charge me twice on this invoice?")).isEmpty();
  }

  @Test
  void declaresItsTypesFromItsTopics() {
    assertThat(DETECTOR.types()).contains("TOPIC_MEDICAL_ADVICE", "OFF_TOPIC", "UNSCANNED_TEXT")
        .doesNotContain("TOPIC_BILLING");
    assertThat(DENIED_ONLY.types()).doesNotContain("OFF_TOPIC");
  }

  @Test
  void findsNothingInEmptyText() {
    assertThat(DETECTOR.detect("")).isEmpty();
  }

  @Test
  void rejectsMalformedOptionsNamingThem() {
    TopicsDetectorFactory f = new TopicsDetectorFactory();
    assertThatThrownBy(() -> f.create(Map.of())).hasMessageStartingWith("denied:");
    assertThatThrownBy(() -> f.create(Map.of("denied", "medicine"))).hasMessageStartingWith("denied:");
    assertThatThrownBy(() -> f.create(Map.of("denied", List.of(Map.of("name", "Medical Advice", "examples", List.of("x"))))))
        .hasMessageStartingWith("denied[0].name:");
    assertThatThrownBy(() -> f.create(Map.of("denied", List.of(MEDICAL, Map.of("name", "legal", "examples", List.of())))))
        .hasMessageStartingWith("denied[1].examples:");
    assertThatThrownBy(() -> f.create(Map.of("denied", List.of(Map.of("name", "legal", "examples", List.of("ok", 3))))))
        .hasMessageStartingWith("denied[0].examples[1]:");
    assertThatThrownBy(() -> f.create(Map.of("denied", List.of(MEDICAL), "allowed", List.of(MEDICAL))))
        .hasMessageStartingWith("allowed[0].name:").hasMessageContaining("twice");
    assertThatThrownBy(() -> f.create(Map.of("denied", List.of(MEDICAL), "min-similarity", 2)))
        .hasMessageStartingWith("min-similarity:");
    assertThatThrownBy(() -> f.create(Map.of("denied", List.of(MEDICAL), "colour", "red")))
        .hasMessageStartingWith("colour:");
  }
}
