package dev.guardrails4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.core.detect.DetectorCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code scan} command's JSON Lines reader over arbitrary input, delivered in reads of
 * arbitrary size: it never throws, writes exactly one valid JSON line per non-blank input line
 * (findings with offsets inside the line's text, or an error), counts what failed, and splits
 * lines at every kind of line end the way a reference split does.
 *
 * <p>Input layout: the first byte sets the largest read (1 to 64 characters) and the line bound
 * (64 to 319 characters); the rest is UTF-8 text.
 */
class JsonLinesFuzzTests {

  static final ObjectMapper JSON = new ObjectMapper();
  static final List<JsonLinesScanner.Probe> PROBES = defaultProbes();

  static List<JsonLinesScanner.Probe> defaultProbes() {
    List<JsonLinesScanner.Probe> out = new ArrayList<>();
    for (DetectorFactory f : DetectorCatalog.builtIn().factories()) {
      try {
        out.add(new JsonLinesScanner.Probe(f.create(Map.of()), x -> true));
      } catch (IllegalArgumentException needsOptions) {
        // scan's default set holds only the detectors that need no options
      }
    }
    return out;
  }

  @FuzzTest(maxDuration = "2m")
  void writesOneValidJsonLinePerNonBlankInputLine(byte[] data) throws IOException {
    if (data.length == 0) {
      return;
    }
    int maxRead = 1 + (data[0] & 0x3F);
    int maxLine = 64 + (data[0] & 0xFF);
    String input = new String(Arrays.copyOfRange(data, 1, data.length), StandardCharsets.UTF_8);

    List<String> reference = referenceLines(input);
    List<String> read = new ArrayList<>();
    LineReader lines = new LineReader(new SmallReads(input, maxRead), Integer.MAX_VALUE);
    for (LineReader.Line l = lines.next(); l != null; l = lines.next()) {
      read.add(l.text());
    }
    assertThat(read).isEqualTo(reference);

    StringWriter out = new StringWriter();
    JsonLinesScanner scanner = new JsonLinesScanner(PROBES, PROBES, maxLine, 0);
    JsonLinesScanner.Summary summary = scanner.scan(new SmallReads(input, maxRead), out,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    List<String> expected = new ArrayList<>();
    for (String line : reference) {
      String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
      if (line.length() > maxLine || !text.isBlank()) {
        expected.add(line);
      }
    }
    assertThat(summary.lines()).isEqualTo(reference.size());
    String written = out.toString();
    assertThat(written.isEmpty() || written.endsWith("\n")).isTrue();
    // every written line ends with \n, and JSON output escapes any \n inside a string
    List<String> outLines = written.isEmpty() ? List.of() : List.of(written.substring(0, written.length() - 1).split("\n", -1));
    assertThat(outLines).hasSameSizeAs(expected);
    long errors = 0;
    for (int i = 0; i < outLines.size(); i++) {
      JsonNode node = JSON.readTree(outLines.get(i));
      assertThat(node.isObject()).isTrue();
      assertThat(node.has("id")).isTrue();
      if (node.has("error")) {
        errors++;
        assertThat(node.get("error").isTextual()).isTrue();
        assertThat(node.has("findings")).isFalse();
        continue;
      }
      String text = JSON.readTree(expected.get(i).startsWith("\uFEFF") ? expected.get(i).substring(1) : expected.get(i))
          .get("text").asText();
      for (JsonNode f : node.get("findings")) {
        int start = f.get("start").asInt();
        int end = f.get("end").asInt();
        double score = f.get("score").asDouble();
        if (!(0 <= start && start < end && end <= text.length() && score >= 0 && score <= 1)) {
          throw new AssertionError("finding " + f + " outside a text of " + text.length() + " characters");
        }
      }
    }
    assertThat(summary.failed()).isEqualTo(errors);
  }

  /** Lines end at \n, \r\n or \r; a line end at the very end opens no further line. */
  static List<String> referenceLines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    List<String> parts = new ArrayList<>(List.of(text.split("\r\n|\r|\n", -1)));
    if (text.endsWith("\n") || text.endsWith("\r")) {
      parts.remove(parts.size() - 1);
    }
    return parts;
  }

  /** A reader that hands out at most {@code max} characters per read, to split lines at reads. */
  static final class SmallReads extends Reader {
    private final StringReader in;
    private final int max;

    SmallReads(String text, int max) {
      this.in = new StringReader(text);
      this.max = max;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
      return in.read(cbuf, off, Math.min(len, max));
    }

    @Override
    public void close() {
      in.close();
    }
  }
}
