package dev.guardrails4j.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentenceEncoderTests {

  private static final SentenceEncoder ENCODER = SentenceEncoder.shared();

  @Test
  void keepsAShortTextInOneWindow() {
    String text = "  How do I reset my password?  ";

    SentenceEncoder.Windows w = ENCODER.windows(text, 64);

    assertThat(w.windows()).containsExactly(new SentenceEncoder.Window(2, text.length() - 2));
    assertThat(w.scannedEnd()).isEqualTo(text.length());
  }

  @Test
  void splitsALongTextIntoOverlappingWindowsThatCoverIt() {
    String text = "word ".repeat(1000);

    List<SentenceEncoder.Window> w = ENCODER.windows(text, 64).windows();

    assertThat(w).hasSize(5);  // 1000 tokens: windows start at tokens 0, 192, 384, 576 and 768
    for (int i = 1; i < w.size(); i++) {
      assertThat(w.get(i).start()).isLessThan(w.get(i - 1).end());  // overlap
    }
    assertThat(w.get(0).start()).isZero();
    assertThat(w.get(w.size() - 1).end()).isEqualTo(text.length() - 1);
    assertThat(text.substring(w.get(0).start(), w.get(0).end()).split(" ")).hasSize(SentenceEncoder.WINDOW_TOKENS);
  }

  @Test
  void stopsAtTheWindowCapAndSaysWhereTheScannedTextEnds() {
    String text = "word ".repeat(1000);

    SentenceEncoder.Windows w = ENCODER.windows(text, 2);

    assertThat(w.windows()).hasSize(2);
    assertThat(w.scannedEnd()).isEqualTo(w.windows().get(1).end()).isLessThan(text.length());
  }

  @Test
  void hasNoWindowsForEmptyText() {
    assertThat(ENCODER.windows("", 4).windows()).isEmpty();
    assertThat(ENCODER.windows("", 4).scannedEnd()).isZero();
  }

  @Test
  void embedsToUnitVectorsAndServesRepeatsFromTheCache() {
    float[] a = ENCODER.embedWindow("The invoice for March is attached.");
    float[] b = ENCODER.embedWindow("The invoice for March is attached.");

    assertThat(a).hasSize(SentenceEncoder.DIMENSIONS);
    assertThat(SentenceEncoder.dot(a, a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(b).isSameAs(a);
    assertThat(ENCODER.embedUncached("The invoice for March is attached.")).isNotSameAs(a).containsExactly(a,
        org.assertj.core.data.Offset.offset(1e-5f));
    assertThat(SentenceEncoder.dot(a, ENCODER.embedWindow("March's bill is enclosed.")))
        .isGreaterThan(SentenceEncoder.dot(a, ENCODER.embedWindow("Penguins live in the southern hemisphere.")));
  }

  @Test
  void failsClearlyWhenTheModelFileIsMissing(@TempDir Path dir) {
    assertThatThrownBy(() -> SentenceEncoder.fromFiles(dir.resolve("model.onnx"), dir.resolve("tokenizer.json"), 0))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("model.onnx").hasMessageContaining("does not exist");
  }

  @Test
  void failsClearlyWhenTheModelFileIsCorrupt(@TempDir Path dir) throws IOException {
    Path model = Files.write(dir.resolve("model.onnx"), "not an onnx model".getBytes());
    Path tokenizer = Files.writeString(dir.resolve("tokenizer.json"), "{}");

    assertThatThrownBy(() -> SentenceEncoder.fromFiles(model, tokenizer, 0))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("model.onnx");
  }
}
