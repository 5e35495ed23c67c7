package dev.guardrails4j.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InjectionHeadTests {

  /** The SHA-256 docs/semantic-model.md publishes; retraining changes both. */
  static final String SHIPPED_SHA256 = "e302f820182c0c8e99fd05a6b4d86884f7eede33f08f2d0f742ae8cae88a9e2c";

  @Test
  void shipsTheHeadTheReportDescribes() {
    assertThat(InjectionHead.shipped().checksum()).isEqualTo(SHIPPED_SHA256);
    assertThat(InjectionHead.shipped().threshold()).isBetween(0.0, 1.0);
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
