package dev.guardrails4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.testsupport.KeywordDetectorFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schema for editors ({@code dev/guardrails4j/policy.schema.json}) and the policy parser
 * agree: on every example policy file in the repository, on deliberately broken fixtures (in
 * folders named {@code invalid}), and on the keys each part of a policy file accepts. Policies in
 * folders named {@code custom-detectors} use detectors that only their module's tests register;
 * the schema must accept them, the parser is left to those tests.
 */
class PolicySchemaTests {

  static final String SCHEMA = "/dev/guardrails4j/policy.schema.json";
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern VERSION = Pattern.compile("(?m)^version:");
  static final Pattern POLICIES = Pattern.compile("(?m)^policies:");
  /** The built-in families; detectors not merged yet are stood in for by a permissive factory. */
  static final List<String> BUILT_IN_NAMES = List.of("pii", "secrets", "prompt-injection",
      "invisible-text", "deny-list", "exfiltration-links", "output-length", "json-schema");
  /** Detectors of optional modules core does not depend on (guardrails-semantic), stood in for too. */
  static final List<String> OPTIONAL_MODULE_NAMES = List.of("semantic-injection", "topics");

  static JsonNode schemaNode() throws IOException {
    try (InputStream in = PolicySchemaTests.class.getResourceAsStream(SCHEMA)) {
      assertThat(in).as("schema resource " + SCHEMA).isNotNull();
      return JSON.readTree(in);
    }
  }

  private static JsonSchema schema;

  static synchronized JsonSchema schema() throws IOException {
    if (schema == null) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode());
    }
    return schema;
  }

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve(".mvn"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("repository root (a directory with .mvn)").isNotNull();
    return dir;
  }

  /** Every YAML file of the repository, outside build output and hidden folders. */
  static Stream<Path> yamlFiles() {
    List<Path> out = new ArrayList<>();
    try {
      Files.walkFileTree(repositoryRoot(), new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
          boolean skip = n.equals("target") || n.equals("node_modules") || n.startsWith(".") && n.length() > 1;
          return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          String n = file.getFileName().toString();
          if (attrs.isRegularFile() && (n.endsWith(".yaml") || n.endsWith(".yml"))) {
            out.add(file);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(null);
    return out.stream();
  }

  static boolean inInvalidFolder(Path p) {
    return inFolder(p, "invalid");
  }

  static boolean inFolder(Path p, String folder) {
    for (Path part : repositoryRoot().relativize(p)) {
      if (part.toString().equals(folder)) {
        return true;
      }
    }
    return false;
  }

  static boolean isPolicyFile(Path p) {
    String name = p.getFileName().toString();
    if (name.endsWith(".test.yaml") || name.endsWith(".test.yml")) {
      return false; // policy test files, read by PolicyTestFile
    }
    String text = read(p);
    return VERSION.matcher(text).find() && POLICIES.matcher(text).find();
  }

  static Stream<Path> examplePolicies() {
    return yamlFiles().filter(p -> !inInvalidFolder(p) && !inFolder(p, "custom-detectors"))
        .filter(PolicySchemaTests::isPolicyFile);
  }

  static Stream<Path> customDetectorPolicies() {
    return yamlFiles().filter(p -> inFolder(p, "custom-detectors")).filter(PolicySchemaTests::isPolicyFile);
  }

  static Stream<Path> brokenFixtures() {
    return yamlFiles().filter(PolicySchemaTests::inInvalidFolder);
  }

  /** The file as text; bytes that are not UTF-8 become U+FFFD (the parser refuses such files itself). */
  static String read(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean isUtf8(Path p) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(p)));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The standard catalog, the test detector, and stand-ins for built-in detectors not present. */
  static DetectorCatalog catalog() {
    DetectorCatalog c = DetectorCatalog.standard().with(new KeywordDetectorFactory());
    for (String name : java.util.stream.Stream.concat(BUILT_IN_NAMES.stream(), OPTIONAL_MODULE_NAMES.stream()).toList()) {
      if (c.find(name).isEmpty()) {
        c = c.with(new StandIn(name));
      }
    }
    return c;
  }

  static List<String> schemaErrors(JsonSchema schema, Path file) throws IOException {
    if (!isUtf8(file)) {
      return List.of("not UTF-8");   // editors refuse such a file before any schema applies
    }
    return schemaErrors(schema, read(file));
  }

  static List<String> schemaErrors(JsonSchema schema, String yaml) throws IOException {
    JsonNode doc;
    try {
      doc = YAML.readTree(yaml);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return List.of("not valid YAML");   // no schema can accept what does not parse
    }
    List<String> out = new ArrayList<>();
    for (ValidationMessage m : schema.validate(doc)) {
      out.add(m.getInstanceLocation() + ": " + m.getMessage());
    }
    return out;
  }

  /** Reads the file as the engine does (bytes that are not UTF-8 are refused) and parses it. */
  static PolicySet parse(Path file) {
    try {
      return PolicySet.parse(List.of(FilePolicySource.document(file.toString(), Files.readAllBytes(file))), catalog());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void findsTheExamplePoliciesAndTheBrokenFixtures() {
    assertThat(examplePolicies()).extracting(p -> p.getFileName().toString())
        .contains("every-key.yaml", "minimal.yaml", "support.yaml")
        .doesNotContain("missing-version.yaml");
    assertThat(brokenFixtures()).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void schemaIsAValidDraft202012Schema() throws IOException {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    JsonSchema meta = factory.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    assertThat(meta.validate(schemaNode())).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examplePolicies")
  void schemaAndParserAcceptEveryExamplePolicy(Path file) throws IOException {
    assertThat(schemaErrors(schema(), file)).as("schema errors in " + file).isEmpty();
    assertThat(parse(file).policies()).as("policies of " + file).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("customDetectorPolicies")
  void schemaAcceptsPoliciesWithCustomDetectors(Path file) throws IOException {
    assertThat(schemaErrors(schema(), file)).as("schema errors in " + file).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFixtures")
  void schemaAndParserRejectEveryBrokenFixture(Path file) throws IOException {
    assertThat(schemaErrors(schema(), file)).as("schema errors in " + file).isNotEmpty();
    assertThatThrownBy(() -> parse(file)).isInstanceOf(PolicyException.class);
  }

  @Test
  void schemaDescribesExactlyTheKeysTheParserAccepts() throws IOException {
    JsonNode s = schemaNode();
    JsonNode defs = s.get("$defs");
    assertThat(keys(s.get("properties"))).isEqualTo(new TreeSet<>(PolicyParser.TOP_KEYS));
    assertThat(keys(defs.at("/defaults/properties"))).isEqualTo(new TreeSet<>(PolicyParser.DEFAULT_KEYS));
    assertThat(keys(defs.at("/policy/properties"))).isEqualTo(new TreeSet<>(PolicyParser.POLICY_KEYS));
    assertThat(keys(defs.at("/match/properties"))).isEqualTo(new TreeSet<>(PolicyParser.MATCH_KEYS));
    assertThat(keys(defs.at("/match/properties/user/anyOf/1/properties")))
        .isEqualTo(new TreeSet<>(PolicyParser.USER_KEYS));
    assertThat(keys(defs.at("/tools/properties"))).isEqualTo(new TreeSet<>(PolicyParser.TOOL_KEYS));
    assertThat(keys(defs.at("/limits/properties"))).isEqualTo(new TreeSet<>(PolicyParser.LIMIT_KEYS));
    assertThat(keys(defs.at("/provider/properties"))).isEqualTo(new TreeSet<>(PolicyParser.PROVIDER_KEYS));
    assertThat(keys(defs.at("/edgeControl/properties"))).isEqualTo(new TreeSet<>(PolicyParser.EDGE_KEYS));
    assertThat(keys(defs.at("/provider/properties/circuit-breaker/properties")))
        .isEqualTo(new TreeSet<>(PolicyParser.BREAKER_KEYS));
    Set<String> checkKeys = keys(defs.at("/check/properties"));
    checkKeys.addAll(keys(defs.at("/inputCheck/properties")));
    assertThat(checkKeys).isEqualTo(new TreeSet<>(PolicyParser.CHECK_KEYS));
  }

  @Test
  void schemaDocumentsEveryOptionOfEveryBuiltInDetector() throws IOException {
    JsonNode s = schemaNode();
    List<String> missing = new ArrayList<>();
    for (DetectorFactory f : DetectorCatalog.builtIn().factories()) {
      missing.addAll(undocumentedOptions(s, f));
    }
    assertThat(missing).as("add these to $defs/detectorOptions in " + SCHEMA).isEmpty();
  }

  @Test
  void noticesAnUndocumentedDetectorOption() throws IOException {
    DetectorFactory documented = new StandIn("deny-list", Set.of("terms", "whole-words"));
    DetectorFactory withNewOption = new StandIn("deny-list", Set.of("terms", "fuzzy"));
    DetectorFactory unknown = new StandIn("sentiment", Set.of());
    assertThat(undocumentedOptions(schemaNode(), documented)).isEmpty();
    assertThat(undocumentedOptions(schemaNode(), withNewOption)).containsExactly("deny-list: option fuzzy");
    assertThat(undocumentedOptions(schemaNode(), unknown)).containsExactly("sentiment: no entry");
  }

  static List<String> undocumentedOptions(JsonNode schema, DetectorFactory f) {
    for (JsonNode entry : schema.at("/$defs/detectorOptions/allOf")) {
      if (f.name().equals(entry.at("/if/properties/detector/const").asText())) {
        Set<String> documented = keys(entry.at("/then/properties"));
        List<String> out = new ArrayList<>();
        for (String o : new TreeSet<>(f.options())) {
          if (!documented.contains(o)) {
            out.add(f.name() + ": option " + o);
          }
        }
        return out;
      }
    }
    return List.of(f.name() + ": no entry");
  }

  static Set<String> keys(JsonNode object) {
    assertThat(object.isObject()).as("schema object " + object).isTrue();
    Set<String> out = new TreeSet<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /**
   * A detector that accepts every option and finds nothing: stands in for a built-in detector
   * family that is not on the class path, so that example policies naming it can be parsed.
   */
  static final class StandIn implements DetectorFactory {
    private final String name;
    private final Set<String> options;

    StandIn(String name) {
      this(name, new AbstractSet<>() {
        @Override
        public boolean contains(Object o) {
          return true;
        }

        @Override
        public Iterator<String> iterator() {
          return Collections.emptyIterator();
        }

        @Override
        public int size() {
          return 0;
        }
      });
    }

    StandIn(String name, Set<String> options) {
      this.name = name;
      this.options = options;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<String> options() {
      return options;
    }

    @Override
    public Detector create(Map<String, Object> opts) {
      return new Detector() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public List<Finding> detect(String text) {
          return List.of();
        }
      };
    }
  }
}
