package dev.guardrails4j.cli;

import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.Check;
import dev.guardrails4j.core.policy.Policy;
import dev.guardrails4j.core.policy.PolicyProblem;
import dev.guardrails4j.core.policy.PolicySet;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code guardrails scan}: runs detectors over JSON Lines. */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = {"Runs detectors over JSON Lines and writes their findings as JSON Lines.",
        "Each input line is an object with \"id\" and \"text\", and optionally \"phase\" (input, the default,",
        "or output). Writes one line per input line, in the same order:",
        "  {\"id\": ..., \"findings\": [{\"detector\": \"pii\", \"type\": \"EMAIL_ADDRESS\", \"start\": 12, \"end\": 29, \"score\": 1.0}]}",
        "start and end are UTF-16 offsets into the text, end exclusive. A line that cannot be scanned gets",
        "  {\"id\": ..., \"error\": \"...\"}   (id null when unreadable)",
        "and the scan goes on. Blank lines are skipped.",
        "Exit code 0 when every line was scanned, 2 when some line failed or on a usage error."})
final class ScanCommand implements Callable<Integer> {

  private final Main.Io io;

  @Option(names = "--detectors", split = ",", paramLabel = "NAME",
      description = "Detectors to run, comma-separated (default: every detector that needs no options and is not"
          + " costly; name costly ones such as semantic-injection to run them).")
  @Nullable List<String> detectors;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Run the input or output checks of these policy files instead (per line's phase), with their types and min-score.")
  @Nullable List<Path> policies;

  @Option(names = "--input", paramLabel = "FILE", description = "Read this file instead of standard input.")
  @Nullable Path input;

  @Option(names = "--output", paramLabel = "FILE", description = "Write this file instead of standard output.")
  @Nullable Path output;

  @Option(names = "--max-line-length", paramLabel = "CHARS", defaultValue = "10000000",
      description = "Longer lines are reported as errors, not read (default ${DEFAULT-VALUE}).")
  int maxLineLength;

  @Option(names = "--progress-every", paramLabel = "LINES", defaultValue = "5000",
      description = "Print progress on standard error every this many lines; 0 for never (default ${DEFAULT-VALUE}).")
  long progressEvery;

  @Option(names = "--progress", negatable = true,
      description = "Draw a progress bar on standard error (default: when the JVM has a console, that is standard "
          + "input and output are a terminal); --no-progress for the plain lines of --progress-every.")
  @Nullable Boolean progress;

  ScanCommand(Main.Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    if (detectors != null && policies != null) {
      io.err().println("guardrails scan: give --detectors or --policy, not both");
      return 2;
    }
    if (maxLineLength < 1 || progressEvery < 0) {
      io.err().println("guardrails scan: --max-line-length must be at least 1 and --progress-every at least 0");
      return 2;
    }
    DetectorCatalog catalog = DetectorCatalog.standard();
    List<JsonLinesScanner.Probe> in = new ArrayList<>();
    List<JsonLinesScanner.Probe> out = new ArrayList<>();
    if (policies != null) {
      PolicySet set;
      try {
        set = Policies.load(policies, catalog);
      } catch (Policies.Invalid e) {
        for (PolicyProblem p : e.problems) {
          io.err().println(p);
        }
        return 2;
      }
      for (Policy p : set.policies()) {
        p.input().forEach(c -> in.add(probe(c)));
        p.output().forEach(c -> out.add(probe(c)));
      }
    } else {
      List<JsonLinesScanner.Probe> chosen = new ArrayList<>();
      if (detectors != null) {
        for (String name : detectors) {
          Optional<DetectorFactory> f = catalog.find(name.trim());
          if (f.isEmpty()) {
            io.err().println("guardrails scan: unknown detector '" + name.trim() + "'; known: "
                + String.join(", ", catalog.names()));
            return 2;
          }
          try {
            chosen.add(new JsonLinesScanner.Probe(f.get().create(Map.of()), x -> true));
          } catch (RuntimeException e) {
            io.err().println("guardrails scan: detector '" + name.trim() + "' needs options (" + e.getMessage()
                + "); scan with --policy FILE to give them");
            return 2;
          }
        }
      } else {
        for (DetectorFactory f : catalog.factories()) {
          // costly detectors (an embedding model) run when named, never by default: they are not
          // even created, so a default scan never loads a model
          if (f.cost() == Detector.Cost.EXPENSIVE) {
            continue;
          }
          Detector d = withoutOptions(f);
          if (d != null && d.cost() != Detector.Cost.EXPENSIVE) {
            chosen.add(new JsonLinesScanner.Probe(d, x -> true));
          }
        }
      }
      if (chosen.isEmpty()) {
        io.err().println("guardrails scan: no detector to run; the catalog has: " + String.join(", ", catalog.names()));
        return 2;
      }
      in.addAll(chosen);
      out.addAll(chosen);
    }
    JsonLinesScanner scanner = new JsonLinesScanner(in, out, maxLineLength, progressEvery);
    JsonLinesScanner.Summary summary;
    boolean bar = progress != null ? progress : System.console() != null && io.err() == System.err;
    ProgressBar.Counting counting = null;
    try (Reader reader = reader(bar ? s -> new ProgressBar.Counting(s) : s -> s); Writer writer = writer()) {
      if (reader instanceof CountingReader c) {
        counting = c.counting;
      }
      ProgressBar.Counting counted = counting;
      ProgressBar progressBar = !bar || counted == null ? null : new ProgressBar(io.err(),
          input == null ? -1 : Files.size(input), counted::count, System::nanoTime);
      summary = scanner.scan(reader, writer, io.err(), progressBar);
    } catch (NoSuchFileException e) {
      io.err().println("guardrails scan: no such file: " + e.getFile());
      return 2;
    }
    return summary.failed() == 0 ? 0 : 2;
  }

  private static JsonLinesScanner.Probe probe(Check c) {
    return new JsonLinesScanner.Probe(c.detector(), f -> c.acceptsType(f.type()) && f.score() >= c.minScore());
  }

  private static @Nullable Detector withoutOptions(DetectorFactory f) {
    try {
      return f.create(Map.of());
    } catch (RuntimeException e) {
      return null; // it needs options: not part of the default set
    }
  }

  private Reader reader(java.util.function.UnaryOperator<InputStream> wrap) throws IOException {
    InputStream s = wrap.apply(input == null ? io.in() : Files.newInputStream(input));
    // bytes that are not UTF-8 become a marker that makes their line an error row; the scan goes on
    InputStreamReader r = new InputStreamReader(s, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
        .replaceWith(String.valueOf(JsonLinesScanner.NOT_UTF8)));
    return s instanceof ProgressBar.Counting c ? new CountingReader(r, c) : r;
  }

  /** A reader that knows the byte counter below it, for the progress bar. */
  private static final class CountingReader extends java.io.FilterReader {
    final ProgressBar.Counting counting;

    CountingReader(Reader in, ProgressBar.Counting counting) {
      super(in);
      this.counting = counting;
    }
  }

  private Writer writer() throws IOException {
    OutputStream s = output == null ? new NonClosing(io.out()) : Files.newOutputStream(output);
    return new BufferedWriter(new OutputStreamWriter(s, StandardCharsets.UTF_8), 64 * 1024);
  }

  /** Standard output stays open after the scan. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
