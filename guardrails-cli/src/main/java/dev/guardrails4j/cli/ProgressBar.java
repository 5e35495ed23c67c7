package dev.guardrails4j.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on standard error for {@code guardrails scan --progress} (and scans run
 * from an interactive terminal): the share of the input file read when its size is known, lines,
 * failures and lines per second, redrawn in place at most five times a second.
 */
final class ProgressBar {

  private static final long REDRAW_NANOS = 200_000_000L;
  private static final int WIDTH = 30;

  private final PrintStream err;
  private final long totalBytes;
  private final LongSupplier bytesRead;
  private final LongSupplier clock;
  private final long started;
  private long lastDraw;

  ProgressBar(PrintStream err, long totalBytes, LongSupplier bytesRead, LongSupplier clock) {
    this.err = err;
    this.totalBytes = totalBytes;
    this.bytesRead = bytesRead;
    this.clock = clock;
    this.started = clock.getAsLong();
    this.lastDraw = started;
  }

  /** Called after every line; redraws when enough time has passed. */
  void line(long lines, long failed) {
    long now = clock.getAsLong();
    if (now - lastDraw >= REDRAW_NANOS) {
      lastDraw = now;
      draw(lines, failed, now);
    }
  }

  /** Draws the final state and ends the line. */
  void finish(long lines, long failed) {
    draw(lines, failed, clock.getAsLong());
    err.print('\n');
    err.flush();
  }

  private void draw(long lines, long failed, long now) {
    double seconds = Math.max(1e-9, (now - started) / 1e9);
    StringBuilder b = new StringBuilder(96).append("\rguardrails scan ");
    if (totalBytes > 0) {
      double share = Math.min(1.0, (double) bytesRead.getAsLong() / totalBytes);
      int filled = (int) Math.round(share * WIDTH);
      b.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
          .append(String.format(Locale.ROOT, "%3.0f%% ", share * 100));
    }
    b.append(lines).append(" lines, ").append(failed).append(" failed, ")
        .append(String.format(Locale.ROOT, "%.1f lines/s", lines / seconds));
    err.print(b);
    err.flush();
  }

  /** Counts the bytes read through it, for the bar's share. */
  static final class Counting extends FilterInputStream {
    private long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    long count() {
      return count;
    }
  }
}
