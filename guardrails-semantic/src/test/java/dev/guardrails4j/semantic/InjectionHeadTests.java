package dev.guardrails4j.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InjectionHeadTests {

  @Test
  void shipsTheHeadTheDocumentedTrainingRunWrote() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "semantic-model.md"), StandardCharsets.UTF_8);
    Matcher sha = Pattern.compile("\\| SHA-256 \\| `([0-9a-f]{64})` \\|").matcher(doc);
    assertThat(sha.find()).as("docs/semantic-model.md names the SHA-256 of its run").isTrue();

    assertThat(InjectionHead.shipped().checksum()).isEqualTo(sha.group(1));
    assertThat(doc).contains(String.format(Locale.ROOT, "| Threshold | %.4f", InjectionHead.shipped().threshold()));
  }

  @Test
  void readsWhatItEncodes() {
    float[] w = new float[SentenceEncoder.DIMENSIONS];
    Arrays.fill(w, 0.5f);
    InjectionHead head = InjectionHead.read("test", InjectionHead.encode(-1f, 0.75f, w));
    float[] e = new float[SentenceEncoder.DIMENSIONS];
    e[0] = 2f;

    assertThat(head.threshold()).isEqualTo(0.75);
    assertThat(head.score(e)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void rejectsAMissingResourceNamingIt() {
    assertThatThrownBy(() -> InjectionHead.fromResource("/nowhere/head.bin"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("/nowhere/head.bin");
  }

  @Test
  void rejectsDamagedBytes() {
    byte[] good = InjectionHead.encode(0f, 0.5f, new float[SentenceEncoder.DIMENSIONS]);
    byte[] truncated = Arrays.copyOf(good, good.length - 3);
    byte[] trailing = Arrays.copyOf(good, good.length + 4);
    byte[] wrongMagic = good.clone();
    wrongMagic[0] = 'X';

    assertThatThrownBy(() -> InjectionHead.read("t", truncated)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> InjectionHead.read("t", trailing)).hasMessageContaining("damaged");
    assertThatThrownBy(() -> InjectionHead.read("t", wrongMagic)).hasMessageContaining("not a weights resource");
    assertThatThrownBy(() -> InjectionHead.read("t", new byte[0])).isInstanceOf(IllegalStateException.class);
  }
}
