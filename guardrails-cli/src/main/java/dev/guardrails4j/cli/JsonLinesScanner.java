package dev.guardrails4j.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Scans JSON Lines: one object per line with {@code id}, {@code text} and optionally
 * {@code phase}; writes one line per input line, in order, with the findings or an error.
 */
final class JsonLinesScanner {

  /** A detector and which of its findings count (a policy check's types and minimum score). */
  record Probe(Detector detector, Predicate<Finding> accepts) {}

  /** What the scan did. */
  record Summary(long lines, long failed) {}

  static final Comparator<Finding> ORDER = Comparator.comparingInt(Finding::start)
      .thenComparingInt(Finding::end).thenComparing(Finding::detector).thenComparing(Finding::type);

  /**
   * Strict JSON: a key given twice is an error (otherwise the last {@code "text"} would win and a
   * secret in the first would never be scanned). The line length bound limits strings, so
   * Jackson's own string limit is lifted.
   */
  private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(Integer.MAX_VALUE).maxNestingDepth(64).build())
      .build()).build();

  /**
   * What the input decoder puts in place of bytes that are not UTF-8: U+FFFF, a noncharacter that
   * text never holds, so that such a line is reported instead of scanned with U+FFFD in it.
   */
  static final char NOT_UTF8 = '\uFFFF';

  private final List<Probe> input;
  private final List<Probe> output;
  private final int maxLineLength;
  private final long progressEvery;

  JsonLinesScanner(List<Probe> input, List<Probe> output, int maxLineLength, long progressEvery) {
    this.input = List.copyOf(input);
    this.output = List.copyOf(output);
    this.maxLineLength = maxLineLength;
    this.progressEvery = progressEvery;
  }

  Summary scan(Reader in, Writer out, PrintStream progress) throws IOException {
    return scan(in, out, progress, null);
  }

  Summary scan(Reader in, Writer out, PrintStream progress, @Nullable ProgressBar bar) throws IOException {
    LineReader lines = new LineReader(in, maxLineLength);
    long count = 0;
    long failed = 0;
    StringBuilder sb = new StringBuilder(256);
    LineReader.Line line;
    while ((line = lines.next()) != null) {
      count++;
      sb.setLength(0);
      if (!scanLine(line, sb)) {
        failed++;
      }
      if (sb.length() > 0) {
        out.write(sb.toString());
      }
      if (bar != null) {
        bar.line(count, failed);
      } else if (progressEvery > 0 && count % progressEvery == 0) {
        out.flush();
        progress.println("guardrails scan: " + count + " lines, " + failed + " failed");
      }
    }
    out.flush();
    if (bar != null) {
      bar.finish(count, failed);
    } else if (progressEvery > 0 && count >= progressEvery) {
      progress.println("guardrails scan: done, " + count + " lines, " + failed + " failed");
    }
    return new Summary(count, failed);
  }

  /** Scans one line into {@code sb}; returns false when the line failed. Blank lines write nothing. */
  private boolean scanLine(LineReader.Line line, StringBuilder sb) {
    if (line.tooLong()) {
      error(sb, null, "line is longer than " + maxLineLength + " characters (" + line.length() + ")");
      return false;
    }
    String text = line.text();
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1); // a byte order mark at the start of the input
    }
    if (text.isBlank()) {
      return true;
    }
    int bad = text.indexOf(NOT_UTF8);
    if (bad >= 0) {
      error(sb, null, "line holds bytes that are not UTF-8 (first at character " + (bad + 1)
          + "); it was not scanned");
      return false;
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      error(sb, null, "not valid JSON: " + e.getOriginalMessage());
      return false;
    }
    if (node == null || !node.isObject()) {
      error(sb, null, "expected a JSON object with \"id\" and \"text\"");
      return false;
    }
    JsonNode id = node.get("id");
    if (id == null || id.isNull() || id.isContainerNode()) {
      error(sb, null, "missing \"id\" (a string or a number)");
      return false;
    }
    JsonNode t = node.get("text");
    if (t == null || !t.isTextual()) {
      error(sb, id, "missing \"text\" (a string)");
      return false;
    }
    JsonNode ph = node.get("phase");
    List<Probe> probes;
    if (ph == null || ph.isNull()) {
      probes = input;
    } else {
      String phase = ph.isTextual() ? ph.asText().toLowerCase(Locale.ROOT) : "";
      if (phase.equals("input")) {
        probes = input;
      } else if (phase.equals("output")) {
        probes = output;
      } else {
        error(sb, id, "\"phase\" must be \"input\" or \"output\", got " + ph);
        return false;
      }
    }
    String content = t.asText();
    Set<Finding> found = new LinkedHashSet<>();
    for (Probe p : probes) {
      List<Finding> fs;
      try {
        fs = p.detector().detect(content);
      } catch (RuntimeException e) {
        // the exception message may quote the text: name the failure only
        error(sb, id, "detector '" + p.detector().name() + "' failed: " + e.getClass().getName());
        return false;
      }
      for (Finding f : fs) {
        if (p.accepts().test(f)) {
          found.add(Finding.of(f.detector(), f.type(), f.start(), f.end(), f.score()));
        }
      }
    }
    List<Finding> sorted = new ArrayList<>(found);
    sorted.sort(ORDER);
    sb.append("{\"id\": ").append(id.toString()).append(", \"findings\": [");
    for (int i = 0; i < sorted.size(); i++) {
      Finding f = sorted.get(i);
      sb.append(i == 0 ? "" : ", ").append("{\"detector\": ").append(quote(f.detector()))
          .append(", \"type\": ").append(quote(f.type()))
          .append(", \"start\": ").append(f.start())
          .append(", \"end\": ").append(f.end())
          .append(", \"score\": ").append(f.score()).append('}');
    }
    sb.append("]}\n");
    return true;
  }

  private static void error(StringBuilder sb, @Nullable JsonNode id, String message) {
    sb.append("{\"id\": ").append(id == null ? "null" : id.toString()).append(", \"error\": ")
        .append(quote(message)).append("}\n");
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a string as JSON", e);
    }
  }
}
