package dev.guardrails4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTests {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong clock = new AtomicLong();
  private final AtomicLong read = new AtomicLong();

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void redrawsInPlaceAtMostFiveTimesASecondWithTheShareRead() {
    ProgressBar bar = new ProgressBar(err, 1000, read::get, clock::get);

    read.set(100);
    clock.set(100_000_000L);
    bar.line(10, 0);
    assertThat(printed()).isEmpty();  // 100 ms: too soon to redraw

    read.set(500);
    clock.set(1_000_000_000L);
    bar.line(50, 1);
    assertThat(printed()).isEqualTo("\rguardrails scan [###############...............]  50% 50 lines, 1 failed, 50.0 lines/s");

    read.set(1000);
    clock.set(2_000_000_000L);
    bar.finish(100, 1);
    assertThat(printed()).endsWith("\rguardrails scan [##############################] 100% 100 lines, 1 failed, 50.0 lines/s\n");
  }

  @Test
  void showsLinesAloneWhenTheSizeIsUnknown() {
    ProgressBar bar = new ProgressBar(err, -1, read::get, clock::get);
    clock.set(1_000_000_000L);

    bar.finish(7, 0);

    assertThat(printed()).isEqualTo("\rguardrails scan 7 lines, 0 failed, 7.0 lines/s\n");
  }
}
