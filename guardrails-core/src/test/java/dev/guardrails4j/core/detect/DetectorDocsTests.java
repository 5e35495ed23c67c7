package dev.guardrails4j.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.detect.lists.DenyListDetectorFactory;
import dev.guardrails4j.core.detect.secrets.SecretsDetectorFactory;
import dev.guardrails4j.core.policy.Check;
import dev.guardrails4j.core.policy.Policy;
import dev.guardrails4j.core.policy.PolicySet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps {@code docs/detectors.md} honest: a section per built-in detector naming each of its
 * options and finding types, and policy examples that parse.
 */
class DetectorDocsTests {

  private static final Pattern HEADING = Pattern.compile("(?m)^## `([^`]+)`[ \\t]*$");
  private static final Pattern YAML_BLOCK =
      Pattern.compile("(?ms)^([ \\t]*)```ya?ml[ \\t]*\\n(.*?)^[ \\t]*```");

  /** A complete policy file shown in the document: the line its block starts on and its text. */
  record Example(int line, String yaml) {
    @Override
    public String toString() {
      return "docs/detectors.md:" + line;
    }
  }

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve(".mvn"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("repository root (a directory with .mvn)").isNotNull();
    return dir;
  }

  static String document() {
    try {
      return Files.readString(repositoryRoot().resolve("docs/detectors.md"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text from the heading {@code ## `name`} to the next level-2 heading, if there is one. */
  static Optional<String> section(String doc, String name) {
    Matcher m = HEADING.matcher(doc);
    while (m.find()) {
      if (m.group(1).equals(name)) {
        int next = doc.indexOf("\n## ", m.end());
        return Optional.of(doc.substring(m.end(), next < 0 ? doc.length() : next));
      }
    }
    return Optional.empty();
  }

  /** Every word in {@code names} that the section does not mention in back quotes. */
  static Set<String> unmentioned(String section, Set<String> names) {
    Set<String> missing = new TreeSet<>();
    for (String name : names) {
      if (!section.contains("`" + name + "`")) {
        missing.add(name);
      }
    }
    return missing;
  }

  /** The options of {@code factory} its section does not mention, or all when it has none. */
  static Set<String> undocumentedOptions(String doc, DetectorFactory factory) {
    return section(doc, factory.name()).map(s -> unmentioned(s, factory.options()))
        .orElseGet(() -> new TreeSet<>(factory.options()));
  }

  /** YAML blocks that start with {@code version:}, in {@code text} (a section or the document). */
  static List<Example> examples(String text) {
    List<Example> out = new ArrayList<>();
    Matcher m = YAML_BLOCK.matcher(text);
    while (m.find()) {
      String yaml = m.group(2).replaceAll("(?m)^" + Pattern.quote(m.group(1)), "");
      if (yaml.startsWith("version:")) {
        int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
        out.add(new Example(line, yaml));
      }
    }
    return out;
  }

  static PolicySet parse(Example example) {
    return PolicySet.parse(List.of(new PolicyDocument(example.toString(), example.yaml())),
        DetectorCatalog.standard());
  }

  static List<Check> checks(PolicySet set) {
    List<Check> out = new ArrayList<>();
    for (Policy p : set.policies()) {
      out.addAll(p.input());
      out.addAll(p.output());
      out.addAll(p.tools().arguments());
      out.addAll(p.tools().results());
    }
    return out;
  }

  static Stream<String> builtInFactories() {
    return DetectorCatalog.builtIn().names().stream();
  }

  static DetectorFactory factory(String name) {
    return DetectorCatalog.builtIn().find(name).orElseThrow();
  }

  static Stream<Example> documentedPolicies() {
    return examples(document()).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builtInFactories")
  void hasASectionForEveryBuiltInDetector(String name) {
    DetectorFactory factory = factory(name);
    assertThat(section(document(), factory.name()))
        .as("a '## `%s`' section in docs/detectors.md", factory.name()).isPresent();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builtInFactories")
  void mentionsEveryOptionOfEveryBuiltInDetectorInItsSection(String name) {
    DetectorFactory factory = factory(name);
    assertThat(undocumentedOptions(document(), factory))
        .as("options of %s not mentioned as `option` in its section", factory.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builtInFactories")
  void showsACompletePolicyUsingEveryBuiltInDetector(String name) {
    DetectorFactory factory = factory(name);
    String section = section(document(), factory.name()).orElseThrow();
    List<String> used = examples(section).stream()
        .flatMap(e -> checks(parse(e)).stream())
        .map(c -> c.detector().name())
        .toList();
    assertThat(used).as("detectors used by the examples of section %s", factory.name())
        .contains(factory.name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builtInFactories")
  void namesEveryTypeTheExampleDetectorsCanReport(String name) {
    DetectorFactory factory = factory(name);
    Assumptions.assumeFalse(factory.options().contains("type"), "the policy names the type");
    String section = section(document(), factory.name()).orElseThrow();
    Set<String> types = new LinkedHashSet<>();
    for (Example e : examples(section)) {
      for (Check c : checks(parse(e))) {
        if (c.detector().name().equals(factory.name()) && c.options().get("types") == null) {
          types.addAll(c.detector().types());
        }
      }
    }
    assertThat(unmentioned(section, types))
        .as("types of %s not mentioned as `TYPE` in its section", factory.name()).isEmpty();
  }

  @Test
  void namesOnlyBuiltInDetectorsInItsDetectorHeadings() {
    Set<String> builtIn = DetectorCatalog.builtIn().names();
    Matcher m = HEADING.matcher(document());
    List<String> headings = new ArrayList<>();
    while (m.find()) {
      headings.add(m.group(1));
    }
    assertThat(headings).hasSameElementsAs(builtIn).doesNotHaveDuplicates();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedPolicies")
  void parsesEveryPolicyExample(Example example) {
    assertThat(parse(example).policies()).as("policies at %s", example).isNotEmpty();
  }

  @Test
  void findsThePolicyExamples() {
    assertThat(documentedPolicies()).hasSizeGreaterThanOrEqualTo(DetectorCatalog.builtIn().names().size());
  }

  @Test
  void noticesAnOptionMissingFromItsSection() {
    String doc = """
        # Detectors

        ## `deny-list`

        Options: `terms`, `terms-file`, `type`, `whole-words`, `score`.

        ## `output-length`

        It mentions leetspeak without back quotes, and `leetspeak` only in the wrong section.
        """;
    assertThat(undocumentedOptions(doc, new DenyListDetectorFactory())).containsExactly("leetspeak");
  }

  @Test
  void noticesADetectorWithoutASection() {
    String doc = "# Detectors\n\n## `pii`\n\n`types`\n";
    assertThat(section(doc, "secrets")).isEmpty();
    assertThat(undocumentedOptions(doc, new SecretsDetectorFactory()))
        .containsExactly("identifiers", "model", "types");
  }

  @Test
  void onlyTakesBlocksThatStartWithVersionAsCompletePolicies() {
    String doc = "```yaml\ninput: []\n```\n\n```yaml\nversion: 1\npolicies: []\n```\n";
    assertThat(examples(doc)).extracting(Example::yaml).containsExactly("version: 1\npolicies: []\n");
  }

  /** The custom detector of the document's "Adding your own detector" example, verbatim. */
  static final class InternalHostsDetectorFactory implements DetectorFactory {

    @Override
    public String name() {
      return "internal-hosts";
    }

    @Override
    public Set<String> options() {
      return Set.of("suffix");
    }

    @Override
    public Detector create(Map<String, Object> options) {
      Object suffix = options.getOrDefault("suffix", ".corp.example.com");
      if (!(suffix instanceof String s) || !s.startsWith(".") || s.length() < 2) {
        throw new IllegalArgumentException(
            "suffix: expected a domain suffix such as .corp.example.com, got " + suffix);
      }
      return new InternalHostsDetector(s);
    }

    record InternalHostsDetector(String suffix) implements Detector {

      @Override
      public String name() {
        return "internal-hosts";
      }

      @Override
      public Set<String> types() {
        return Set.of("INTERNAL_HOST");
      }

      @Override
      public List<Finding> detect(String text) {
        List<Finding> findings = new ArrayList<>();
        int floor = 0;
        for (int at = 0; at + suffix.length() <= text.length(); at++) {
          if (text.regionMatches(true, at, suffix, 0, suffix.length())) {
            int start = at;
            while (start > floor && isHostChar(text.charAt(start - 1))) {
              start--;
            }
            if (start < at) {
              findings.add(Finding.of(name(), "INTERNAL_HOST", start, at + suffix.length(), 0.9));
            }
            floor = at + suffix.length();
            at = floor - 1;
          }
        }
        return findings;
      }

      private static boolean isHostChar(char c) {
        return c == '-' || c < 128 && Character.isLetterOrDigit(c);
      }
    }
  }

  @Test
  void theCustomDetectorExampleWorksThroughTheCatalog() {
    DetectorCatalog catalog = DetectorCatalog.standard().with(new InternalHostsDetectorFactory());
    String yaml = """
        version: 1
        policies:
          - id: hosts
            output:
              - { detector: internal-hosts, suffix: .corp.example.com, action: redact, style: mask }
        """;
    PolicySet set = PolicySet.parse(List.of(new PolicyDocument("hosts.yaml", yaml)), catalog);
    Detector detector = set.policies().get(0).output().get(0).detector();
    String text = "connect to DB1.Corp.Example.com, not example.com";

    assertThat(detector.detect(text))
        .extracting(f -> text.substring(f.start(), f.end()))
        .containsExactly("DB1.Corp.Example.com");
  }

  @Test
  void theDocumentShowsTheCustomDetectorExampleAsTested() {
    String doc = document();
    assertThat(doc)
        .contains("if (text.regionMatches(true, at, suffix, 0, suffix.length())) {")
        .contains("findings.add(Finding.of(name(), \"INTERNAL_HOST\", start, at + suffix.length(), 0.9));")
        .contains(".detectors(DetectorCatalog.standard().with(new InternalHostsDetectorFactory()))")
        .contains("META-INF/services/dev.guardrails4j.api.spi.DetectorFactory");
  }
}
