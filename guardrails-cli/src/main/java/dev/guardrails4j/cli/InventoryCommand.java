package dev.guardrails4j.cli;

import dev.guardrails4j.core.limit.LimitRule;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code guardrails inventory}: builds the fleet map from inventory events in log files. */
@Command(name = "inventory", mixinStandardHelpOptions = true,
    description = {"Builds a map of where AI runs from the inventory events in log files:",
        "per workload its instances, policy versions (drift flagged), models, call sites with their",
        "controls, edge controls and usage, and findings (unguarded model beans, models without any",
        "workload or edge control, call sites without controls, policy drift, stale instances).",
        "Reads JSON lines, or lines with a log prefix before the JSON object, or JSON log records with",
        "the event in 'message' or 'log'; other lines are ignored, unreadable inventory lines are counted.",
        "Gzip files are recognised by their content. '-' reads standard input.",
        "Exit code 0 with a report (even with findings or malformed lines), 2 on a usage error or an",
        "unreadable file."})
final class InventoryCommand implements Callable<Integer> {

  private final Main.Io io;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Log files, gzip or not; '-' for standard input.")
  List<String> files = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text, json, markdown or html (default ${DEFAULT-VALUE}).")
  String format = "text";

  @Option(names = "--stale", paramLabel = "DURATION", defaultValue = "30m",
      description = "An instance not heard from for longer is stale (default ${DEFAULT-VALUE}; the default heartbeat is 10m).")
  String stale = "30m";

  @Option(names = "--now", paramLabel = "TIME",
      description = "The time staleness is measured from, ISO-8601 (default: now). For logs exported earlier.")
  @Nullable String now;

  @Option(names = "--output", paramLabel = "FILE", description = "Write this file instead of standard output.")
  @Nullable Path output;

  @Option(names = "--max-line-length", paramLabel = "CHARS", defaultValue = "8000000",
      description = "Longer lines are skipped and counted (default ${DEFAULT-VALUE}).")
  int maxLineLength;

  InventoryCommand(Main.Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!List.of("text", "json", "markdown", "html").contains(fmt)) {
      io.err().println("guardrails inventory: --format must be text, json, markdown or html, got '" + format + "'");
      return 2;
    }
    Duration staleAfter;
    try {
      staleAfter = LimitRule.parseDuration(stale);
    } catch (IllegalArgumentException e) {
      io.err().println("guardrails inventory: --stale " + e.getMessage());
      return 2;
    }
    Instant reference;
    try {
      reference = now == null ? Instant.now() : Instant.parse(now);
    } catch (DateTimeParseException e) {
      io.err().println("guardrails inventory: --now must be an ISO-8601 instant like 2026-12-07T10:00:00Z, got '" + now + "'");
      return 2;
    }
    if (maxLineLength < 1) {
      io.err().println("guardrails inventory: --max-line-length must be at least 1");
      return 2;
    }
    FleetMap map = new FleetMap();
    for (String f : files) {
      try {
        read(f, map);
      } catch (NoSuchFileException e) {
        io.err().println("guardrails inventory: no such file: " + f);
        return 2;
      } catch (IOException e) {
        io.err().println("guardrails inventory: cannot read " + f + ": " + e.getMessage());
        return 2;
      }
    }
    FleetReport report = new FleetReport(map, files, reference, staleAfter);
    String text = switch (fmt) {
      case "json" -> report.json();
      case "markdown" -> report.markdown();
      case "html" -> report.html();
      default -> report.text();
    };
    if (output != null) {
      Files.writeString(output, text, StandardCharsets.UTF_8);
    } else {
      PrintStream out = io.out();
      out.print(text);
      out.flush();
    }
    if (map.malformed + map.tooLong > 0) {
      io.err().println("guardrails inventory: skipped " + map.malformed + " malformed and " + map.tooLong
          + " too long inventory line(s)" + (map.malformedExamples.isEmpty() ? ""
              : ", first at " + map.malformedExamples.get(0)));
    }
    return 0;
  }

  private void read(String file, FleetMap map) throws IOException {
    InputStream raw = file.equals("-") ? io.in() : Files.newInputStream(Path.of(file));
    try (InputStream in = decompress(raw)) {
      LineReader lines = new LineReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), maxLineLength);
      long n = 0;
      LineReader.Line line;
      try {
        while ((line = lines.next()) != null) {
          n++;
          if (line.tooLong()) {
            map.lines++;
            map.tooLong(file + ":" + n);
          } else {
            map.accept(line.text() == null ? "" : line.text(), file + ":" + n);
          }
        }
      } catch (java.io.EOFException e) {
        // a gzip file cut short: what was read counts, the rest is reported
        map.tooLong(file + ":" + (n + 1) + " (compressed file ends early)");
      }
    }
  }

  /** Gzip is recognised by its magic number, whatever the file is called. */
  private static InputStream decompress(InputStream raw) throws IOException {
    BufferedInputStream b = new BufferedInputStream(raw, 64 * 1024);
    b.mark(2);
    int b0 = b.read();
    int b1 = b.read();
    b.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new GZIPInputStream(b, 64 * 1024);
    }
    return b;
  }
}
