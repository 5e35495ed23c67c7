package dev.guardrails4j.benchmarks.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpanCountsTests {

  @Test
  void countsOverlappingSpansOfTheSameTypeAsMatches() {
    List<Span> labels = List.of(new Span("EMAIL_ADDRESS", 10, 20), new Span("EMAIL_ADDRESS", 30, 40));
    List<Span> predicted = List.of(new Span("EMAIL_ADDRESS", 15, 25), new Span("EMAIL_ADDRESS", 50, 60));
    SpanCounts counts = SpanCounts.of("EMAIL_ADDRESS", labels, predicted);
    assertThat(counts).isEqualTo(new SpanCounts(2, 1, 2, 1));
    assertThat(counts.precision()).isEqualTo(0.5);
    assertThat(counts.recall()).isEqualTo(0.5);
    assertThat(counts.f1()).isEqualTo(0.5);
  }

  @Test
  void doesNotMatchAcrossTypes() {
    SpanCounts counts = SpanCounts.of("PHONE_NUMBER",
        List.of(new Span("PHONE_NUMBER", 0, 10)), List.of(new Span("US_SSN", 0, 10)));
    assertThat(counts).isEqualTo(new SpanCounts(1, 0, 0, 0));
    assertThat(counts.f1()).isZero();
  }

  @Test
  void treatsTouchingSpansAsNotOverlapping() {
    assertThat(new Span("T", 0, 5).overlaps(new Span("T", 5, 9))).isFalse();
    assertThat(new Span("T", 0, 6).overlaps(new Span("T", 5, 9))).isTrue();
  }

  @Test
  void letsOneWidePredictionFindTwoLabelsButCountOnce() {
    SpanCounts counts = SpanCounts.of("IP_ADDRESS",
        List.of(new Span("IP_ADDRESS", 0, 7), new Span("IP_ADDRESS", 10, 17)),
        List.of(new Span("IP_ADDRESS", 0, 17)));
    assertThat(counts).isEqualTo(new SpanCounts(2, 2, 1, 1));
    assertThat(counts.f1()).isEqualTo(1.0);
  }

  @Test
  void computesTheHarmonicMeanAcrossTexts() {
    SpanCounts total = new SpanCounts(4, 3, 0, 0).plus(new SpanCounts(0, 0, 5, 4));
    assertThat(total.precision()).isEqualTo(0.8);
    assertThat(total.recall()).isEqualTo(0.75);
    assertThat(total.f1()).isCloseTo(2 * 0.8 * 0.75 / 1.55, within(1e-12));
  }

  @Test
  void leavesPrecisionUndefinedWithoutPredictions() {
    SpanCounts counts = new SpanCounts(3, 0, 0, 0);
    assertThat(counts.precision()).isNaN();
    assertThat(counts.recall()).isZero();
    assertThat(counts.f1()).isZero();
  }

  @Test
  void rejectsInconsistentCounts() {
    assertThatThrownBy(() -> new SpanCounts(1, 2, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Span("T", 5, 4)).isInstanceOf(IllegalArgumentException.class);
  }
}
