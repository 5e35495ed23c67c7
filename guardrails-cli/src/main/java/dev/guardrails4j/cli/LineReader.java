package dev.guardrails4j.cli;

import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;

/**
 * Reads lines of bounded length from a stream: a line longer than the bound is skipped to its end
 * and reported as too long, so one huge line cannot exhaust memory. Lines end at {@code \n},
 * {@code \r\n} or {@code \r}.
 */
final class LineReader {

  /** One line: its text, or {@code null} with {@code tooLong} set. */
  record Line(@Nullable String text, boolean tooLong, long length) {}

  private final Reader in;
  private final int maxLength;
  private final char[] buf = new char[64 * 1024];
  private int pos;
  private int end;
  private boolean eof;
  private boolean skipLf;

  LineReader(Reader in, int maxLength) {
    this.in = in;
    this.maxLength = maxLength;
  }

  /** The next line, or {@code null} at the end of the input. */
  @Nullable Line next() throws IOException {
    StringBuilder sb = null;
    long length = 0;
    boolean tooLong = false;
    while (true) {
      if (pos == end) {
        if (eof || !fill()) {
          return length == 0 && sb == null && !tooLong ? null : line(sb, tooLong, length);
        }
      }
      if (skipLf) {
        skipLf = false;
        if (buf[pos] == '\n') {
          pos++;
          continue;
        }
      }
      int start = pos;
      while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
        pos++;
      }
      int n = pos - start;
      length += n;
      if (!tooLong) {
        if (length > maxLength) {
          tooLong = true;
          sb = null;
        } else {
          if (sb == null) {
            sb = new StringBuilder(Math.max(16, n));
          }
          sb.append(buf, start, n);
        }
      }
      if (pos < end) {
        skipLf = buf[pos] == '\r';
        pos++;
        return line(sb, tooLong, length);
      }
    }
  }

  private static Line line(@Nullable StringBuilder sb, boolean tooLong, long length) {
    return tooLong ? new Line(null, true, length) : new Line(sb == null ? "" : sb.toString(), false, length);
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n < 0) {
      eof = true;
      return false;
    }
    pos = 0;
    end = n;
    return true;
  }
}
