package dev.guardrails4j.benchmarks.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionQualityReportTests {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

  /** A factory whose detector reports every occurrence of a marker word with a fixed type. */
  private static DetectorFactory marker(String name, String marker, String type) {
    return factory(name, text -> {
      List<Finding> out = new ArrayList<>();
      for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) {
        out.add(Finding.of(name, type, i, i + marker.length(), 1.0));
      }
      return out;
    });
  }

  private static DetectorFactory factory(String name, Function<String, List<Finding>> detect) {
    return new DetectorFactory() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Detector create(Map<String, Object> options) {
        return new Detector() {
          @Override
          public String name() {
            return name;
          }

          @Override
          public List<Finding> detect(String text) {
            return detect.apply(text);
          }

          @Override
          public Set<String> types() {
            return Set.of();
          }
        };
      }
    };
  }

  private static Path tinyData(Path dir) throws IOException {
    Files.writeString(dir.resolve("pii.jsonl"), String.join("\n",
        "{\"id\":\"1\",\"source\":\"s\",\"text\":\"mail MAIL now\",\"entities\":[{\"type\":\"EMAIL_ADDRESS\",\"start\":5,\"end\":9}]}",
        "{\"id\":\"2\",\"source\":\"s\",\"text\":\"no MAIL here, MAIL\",\"entities\":[]}",
        "{\"id\":\"3\",\"source\":\"s\",\"text\":\"missed one\",\"entities\":[{\"type\":\"EMAIL_ADDRESS\",\"start\":0,\"end\":6}]}"));
    Files.writeString(dir.resolve("secrets.jsonl"), String.join("\n",
        "{\"id\":\"a\",\"source\":\"np:r1.yml\",\"text\":\"key KEY1\",\"label\":\"secret\",\"kind\":\"K\"}",
        "{\"id\":\"b\",\"source\":\"np:r2.yml\",\"text\":\"key nothing\",\"label\":\"secret\",\"kind\":\"Missed kind\"}",
        "{\"id\":\"c\",\"source\":\"code:A.java\",\"text\":\"int KEY1;\",\"label\":\"none\",\"kind\":\"\"}",
        "{\"id\":\"d\",\"source\":\"code:B.java\",\"text\":\"int x;\",\"label\":\"none\",\"kind\":\"\"}"));
    return dir;
  }

  @Test
  void reportsPrecisionRecallAndTargetsFromTheData(@TempDir Path dir) throws IOException {
    DetectionQualityReport.Inputs inputs = DetectionQualityReport.Inputs.load(tinyData(dir));
    String report = DetectionQualityReport.generate(inputs,
        List.of(marker("pii", "MAIL", "EMAIL_ADDRESS"), marker("secrets", "KEY1", "SECRET")),
        "abc1234", CLOCK);

    assertThat(report)
        .contains("| commit | `abc1234` |")
        .contains("| date (UTC) | 2025-01-02 |")
        // 2 labels, 1 found; 3 predictions, 1 correct
        .contains("| EMAIL_ADDRESS | 2 | 1 | 3 | 1 | 0.333 | 0.500 | 0.400 | NOT met |")
        .contains("| np | 2 | 1 | 50.0% | 0 | 0 | – |")
        .contains("| code | 0 | 0 | – | 2 | 1 | 50.0% |")
        .contains("| **all** | 2 | 1 | 50.0% | 2 | 1 | 50.0% |")
        .contains("Missed kind (1)")
        .contains("`none` rows flagged, by source file: A.java (1).")
        .contains("`injection.jsonl` was not found")
        .contains("| `prompt-injection` | not run: not in this build's `BuiltInDetectors` |")
        .contains("| injection recall >= 85% with <= 3% of benign rows flagged | not measured | not measured |");
  }

  @Test
  void keepsTheBlocksOtherToolsWriteWhenTheReportIsRegenerated(@TempDir Path dir) throws IOException {
    Path previous = dir.resolve("detection-quality.md");
    Files.writeString(previous, "# old\n\nold numbers\n\n<!-- evasion-classes:start -->\n| class | rate |\n"
        + "<!-- evasion-classes:end -->\n\n## How to regenerate\n\nold\n\n<!-- semantic:start -->\n"
        + "## semantic-injection\n\n| 0.1 |\n<!-- semantic:end -->\n");
    String fresh = "# new\n\nnew numbers\n\n## How to regenerate\n\nnew\n";

    String kept = DetectionQualityReport.keepEvasionClasses(fresh, previous);

    assertThat(kept).isEqualTo("# new\n\nnew numbers\n\n<!-- evasion-classes:start -->\n| class | rate |\n"
        + "<!-- evasion-classes:end -->\n\n## How to regenerate\n\nnew\n\n<!-- semantic:start -->\n"
        + "## semantic-injection\n\n| 0.1 |\n<!-- semantic:end -->\n");
    assertThat(DetectionQualityReport.keepEvasionClasses(fresh, dir.resolve("none.md"))).isEqualTo(fresh);
  }

  @Test
  void notesDetectorsThatNeedOptions(@TempDir Path dir) throws IOException {
    DetectorFactory picky = new DetectorFactory() {
      @Override
      public String name() {
        return "deny-list";
      }

      @Override
      public Detector create(Map<String, Object> options) {
        throw new IllegalArgumentException("terms: expected a list of terms");
      }
    };
    String report = DetectionQualityReport.generate(
        DetectionQualityReport.Inputs.load(tinyData(dir)), List.of(picky), "x", CLOCK);
    assertThat(report).contains("| `deny-list` | not run: it needs options (terms: expected a list of terms) |");
  }

  @Test
  void measuresEachEvasionOnTheItemsCaughtCleanly(@TempDir Path dir) throws IOException {
    DetectionQualityReport.Inputs inputs = DetectionQualityReport.Inputs.load(tinyData(dir));
    // Case-insensitive marker: survives case changes and wrapping, nothing else.
    DetectorFactory caseless = factory("pii", text -> {
      String upper = text.toUpperCase(Locale.ROOT);
      List<Finding> out = new ArrayList<>();
      for (int i = upper.indexOf("MAIL"); i >= 0; i = upper.indexOf("MAIL", i + 1)) {
        out.add(Finding.of("pii", "EMAIL_ADDRESS", i, i + 4, 1.0));
      }
      return out;
    });
    String report = DetectionQualityReport.generate(inputs, List.of(caseless), "x", CLOCK);
    assertThat(report)
        .contains("| evasion | `pii` (n=1) |")
        .contains("| upper case | 100.0% (1/1) |")
        .contains("| Markdown wrapping | 100.0% (1/1) |")
        .contains("| base64 encoding | 0.0% (0/1) |");
  }

  @Test
  void rewritesOnlyTheSpanAndMovesItsEnd() {
    DetectionQualityReport.Item item =
        new DetectionQualityReport.Item("say ab now", new Span("T", 4, 6));
    DetectionQualityReport.Item rewritten = DetectionQualityReport.rewrite(item, Evasion.SPACES);
    assertThat(rewritten.text()).isEqualTo("say a b now");
    assertThat(rewritten.span()).isEqualTo(new Span("T", 4, 7));
  }
}
