package dev.guardrails4j.core.detect.evasion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.core.detect.DetectorCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evasion suite: disguised cards, e-mail addresses, phone numbers, IBANs, cloud keys, GitHub
 * tokens, private key blocks, JWTs and prompt injections ({@code evasion/cases.jsonl}, written by
 * {@code evasion/generate.py}, one case per evasion class and detector family) run through the
 * default detector set exactly as {@code guardrails scan} without {@code --detectors} picks it: every
 * catalogued detector that needs no options.
 *
 * <p>A case is caught when a finding of its family's detector overlaps the disguised value; it is
 * redacted whole when the findings of that detector cover every letter and digit of the disguised
 * value (so replacing the spans leaves none of it). Ordinary texts with the same separators,
 * encodings and scripts ({@code evasion/negatives.jsonl}) must give no finding at all.
 *
 * <p>With {@code -Devasion.report=FILE} the per-class table of docs/detection-quality.md is written
 * to FILE.
 */
class EvasionSuiteTests {

  /** The catch rate the default set reaches over all cases; it must not fall. */
  static final double OVERALL_FLOOR = 0.95;

  /** Which detector and types catch each family. */
  static final Map<String, Expectation> FAMILIES = Map.of(
      "card", new Expectation("pii", Set.of("CREDIT_CARD")),
      "email", new Expectation("pii", Set.of("EMAIL_ADDRESS")),
      "phone", new Expectation("pii", Set.of("PHONE_NUMBER")),
      "iban", new Expectation("pii", Set.of("IBAN_CODE")),
      "aws", new Expectation("secrets", Set.of()),
      "github", new Expectation("secrets", Set.of()),
      "private-key", new Expectation("secrets", Set.of()),
      "jwt", new Expectation("secrets", Set.of()),
      "injection", new Expectation("prompt-injection", Set.of()));

  record Expectation(String detector, Set<String> types) {
    boolean matches(Finding f) {
      return f.detector().equals(detector) && (types.isEmpty() || types.contains(f.type()));
    }
  }

  record Case(String id, String family, String clazz, String text, int start, int end) {}

  record Outcome(Case c, boolean caught, boolean redactedWhole) {}

  static List<Detector> defaults;
  static List<Outcome> outcomes;

  @BeforeAll
  static void scanEveryCase() throws IOException {
    defaults = defaultDetectors();
    outcomes = new ArrayList<>();
    for (JsonNode n : read("evasion/cases.jsonl")) {
      Case c = new Case(n.get("id").asText(), n.get("family").asText(), n.get("class").asText(),
          n.get("text").asText(), n.get("start").asInt(), n.get("end").asInt());
      outcomes.add(judge(c));
    }
    String report = System.getProperty("evasion.report");
    if (report != null && !report.isBlank()) {
      Files.writeString(Path.of(report), table(), StandardCharsets.UTF_8);
    }
    System.out.println(table());
  }

  /** The default set as {@code guardrails scan} builds it without {@code --detectors}. */
  static List<Detector> defaultDetectors() {
    List<Detector> list = new ArrayList<>();
    for (DetectorFactory f : DetectorCatalog.standard().factories()) {
      try {
        list.add(f.create(Map.of()));
      } catch (RuntimeException needsOptions) {
        // not part of the default set
      }
    }
    return list;
  }

  static List<Finding> scan(String text) {
    List<Finding> all = new ArrayList<>();
    for (Detector d : defaults) {
      all.addAll(d.detect(text));
    }
    return all;
  }

  static Outcome judge(Case c) {
    // the value-level check: redacted whole only counts for values, see the redaction test
    Expectation e = FAMILIES.get(c.family());
    boolean caught = false;
    boolean[] covered = new boolean[c.text().length()];
    for (Finding f : scan(c.text())) {
      if (!e.matches(f)) {
        continue;
      }
      if (f.start() < c.end() && c.start() < f.end()) {
        caught = true;
      }
      for (int i = Math.max(0, f.start()); i < Math.min(covered.length, f.end()); i++) {
        covered[i] = true;
      }
    }
    boolean whole = caught;
    for (int i = c.start(); i < c.end() && whole; i++) {
      if (Character.isLetterOrDigit(c.text().codePointAt(i)) && !covered[i]) {
        whole = false;
      }
    }
    return new Outcome(c, caught, whole);
  }

  static String table() {
    Map<String, int[]> byClass = new LinkedHashMap<>();
    for (Outcome o : outcomes) {
      int[] t = byClass.computeIfAbsent(o.c().clazz(), k -> new int[3]);
      t[0]++;
      if (o.caught()) {
        t[1]++;
      }
      if (o.redactedWhole() || o.c().family().equals("injection")) {
        t[2]++; // injections are blocked, not redacted
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("| Evasion class | Cases | Caught | Redacted whole (values) | Missed |\n");
    sb.append("|---|---:|---:|---:|---|\n");
    int total = 0;
    int caught = 0;
    int whole = 0;
    for (Map.Entry<String, int[]> row : byClass.entrySet()) {
      int[] t = row.getValue();
      total += t[0];
      caught += t[1];
      whole += t[2];
      List<String> missed = new ArrayList<>();
      for (Outcome o : outcomes) {
        if (o.c().clazz().equals(row.getKey()) && !o.caught()) {
          missed.add(o.c().family());
        }
      }
      sb.append("| ").append(row.getKey()).append(" | ").append(t[0]).append(" | ")
          .append(percent(t[1], t[0])).append(" | ").append(percent(t[2], t[0])).append(" | ")
          .append(missed.isEmpty() ? "-" : String.join(", ", missed)).append(" |\n");
    }
    sb.append("| **all** | ").append(total).append(" | ").append(percent(caught, total))
        .append(" | ").append(percent(whole, total)).append(" | |\n");
    return sb.toString();
  }

  static String percent(int part, int whole) {
    return String.format(java.util.Locale.ROOT, "%.0f%%", 100.0 * part / whole);
  }

  static List<JsonNode> read(String resource) {
    List<JsonNode> nodes = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    try (InputStream in = EvasionSuiteTests.class.getClassLoader().getResourceAsStream(resource);
        BufferedReader r = new BufferedReader(new InputStreamReader(
            java.util.Objects.requireNonNull(in, resource), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          nodes.add(mapper.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return nodes;
  }

  @Test
  void theSuiteCoversEveryFamilyAndTheListedClasses() {
    assertThat(outcomes).extracting(o -> o.c().family()).containsAll(FAMILIES.keySet());
    assertThat(outcomes).extracting(o -> o.c().clazz()).contains(
        "control-NUL", "control-BEL", "control-ESC", "control-DEL", "control-BS",
        "invisible-soft-hyphen", "invisible-cgj-034F", "invisible-khmer-17B4",
        "invisible-braille-blank-2800", "invisible-object-FFFC", "invisible-line-separator-2028",
        "invisible-paragraph-separator-2029", "invisible-lone-surrogate",
        "invisible-zero-width-space", "lookalike-cyrillic", "lookalike-greek",
        "markup-markdown-bold", "markup-html-tags", "markup-backticks", "compat-fullwidth",
        "compat-small-commercial-at", "compat-math-alphanumerics", "digits-tab", "digits-newline",
        "digits-slash", "digits-underscore", "digits-comma", "digits-parentheses",
        "token-split-line", "words-joined", "words-camel-case", "words-soft-hyphens",
        "words-underscores", "encoded-url", "encoded-html-decimal-entities", "encoded-u-escape",
        "encoded-quoted-printable", "encoded-hex", "encoded-base64", "smuggled-tag-characters");
  }

  @Test
  void theDefaultSetCatchesTheEvasionsAtTheFloor() {
    long caught = outcomes.stream().filter(Outcome::caught).count();
    assertThat((double) caught / outcomes.size())
        .as("catch rate; missed: %s", outcomes.stream().filter(o -> !o.caught())
            .map(o -> o.c().id()).toList())
        .isGreaterThanOrEqualTo(OVERALL_FLOOR);
  }

  @Test
  void everyPlainValueIsCaught() {
    assertThat(outcomes).filteredOn(o -> o.c().clazz().equals("plain"))
        .allMatch(Outcome::caught);
  }

  @Test
  void redactingTheFindingsRemovesTheWholeDisguisedValue() {
    // injections are blocked, not redacted: their findings mark the phrase that decided
    assertThat(outcomes).filteredOn(Outcome::caught)
        .filteredOn(o -> !o.c().family().equals("injection"))
        .filteredOn(o -> !o.redactedWhole())
        .extracting(o -> o.c().id())
        .isEmpty();
  }

  @Test
  void ordinaryTextWithTheSameSeparatorsAndEncodingsGivesNoFinding() {
    Map<String, List<Finding>> flagged = new LinkedHashMap<>();
    for (JsonNode n : read("evasion/negatives.jsonl")) {
      // exfiltration-links judges links and data URLs (a query string, an image) on purpose
      List<Finding> findings = scan(n.get("text").asText()).stream()
          .filter(f -> !f.detector().equals("exfiltration-links")).toList();
      if (!findings.isEmpty()) {
        flagged.put(n.get("id").asText(), findings);
      }
    }
    assertThat(flagged).isEmpty();
  }
}
