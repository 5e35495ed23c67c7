package dev.guardrails4j.core.detect.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonSchemaDetectorTests {

  private static final JsonSchemaDetectorFactory FACTORY = new JsonSchemaDetectorFactory();

  /** A ticket summary, as a policy file would write it in YAML. */
  private static final Map<String, Object> TICKET = Map.of(
      "type", "object",
      "required", List.of("id", "summary", "priority"),
      "additionalProperties", false,
      "properties", Map.of(
          "id", Map.of("type", "integer", "minimum", 1),
          "summary", Map.of("type", "string", "maxLength", 200),
          "priority", Map.of("enum", List.of("low", "medium", "high")),
          "tags", Map.of("type", "array", "items", Map.of("type", "string", "pattern", "^[a-z-]+$"))));

  private static final Detector DETECTOR = FACTORY.create(Map.of("schema", TICKET));

  private static List<String> spans(String text) {
    return DETECTOR.detect(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
  }

  static Stream<Arguments> validAnswers() {
    return Stream.of(
        Arguments.of("a bare object", "{\"id\": 7, \"summary\": \"Printer jam\", \"priority\": \"low\"}"),
        Arguments.of("surrounding whitespace", "\n  {\"id\":1,\"summary\":\"x\",\"priority\":\"high\",\"tags\":[\"hw\"]}\n"),
        Arguments.of("a fenced block after prose", "Here you go:\n```json\n{\"id\":2,\"summary\":\"s\",\"priority\":\"medium\"}\n```\nAnything else?"),
        Arguments.of("an upper-case fence", "```JSON\n{\"id\":2,\"summary\":\"s\",\"priority\":\"medium\"}\n```"),
        Arguments.of("a bare fence", "Result:\n```\n{\"id\":2,\"summary\":\"s\",\"priority\":\"medium\"}\n```"),
        Arguments.of("a tilde fence", "~~~json\n{\"id\":2,\"summary\":\"s\",\"priority\":\"medium\"}\n~~~"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validAnswers")
  void acceptsValidAnswers(String description, String text) {
    assertThat(DETECTOR.detect(text)).isSameAs(List.of());
  }

  static Stream<Arguments> unparseableAnswers() {
    return Stream.of(
        Arguments.of("prose", "Sure! The ticket is about a printer."),
        Arguments.of("a truncated object", "{\"id\": 7, \"summary\": \"Printer"),
        Arguments.of("trailing content", "{\"id\":1,\"summary\":\"x\",\"priority\":\"low\"} and more"),
        Arguments.of("duplicate keys", "{\"id\":1,\"id\":2,\"summary\":\"x\",\"priority\":\"low\"}"),
        Arguments.of("single quotes", "{'id': 1}"),
        Arguments.of("an empty answer", "   "),
        Arguments.of("a fence that holds no JSON", "```json\nnot json\n```"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unparseableAnswers")
  void reportsUnparseableAnswersAsInvalid(String description, String text) {
    assertThat(DETECTOR.detect(text)).singleElement().extracting(Finding::type)
        .isEqualTo("JSON_INVALID");
  }

  static Stream<Arguments> evasions() {
    String valid = "{\"id\":1,\"summary\":\"x\",\"priority\":\"low\"}";
    return Stream.of(
        Arguments.of("a homoglyph key (Cyrillic i)", valid.replace("\"id\"", "\"\u0456d\""), "JSON_SCHEMA_VIOLATION"),
        Arguments.of("an upper-case key", valid.replace("\"id\"", "\"ID\""), "JSON_SCHEMA_VIOLATION"),
        Arguments.of("a zero-width space inside a key", valid.replace("\"id\"", "\"i\u200Bd\""), "JSON_SCHEMA_VIOLATION"),
        Arguments.of("an upper-case enum value", valid.replace("low", "LOW"), "JSON_SCHEMA_VIOLATION"),
        Arguments.of("a number written as a string", valid.replace(":1,", ":\"1\","), "JSON_SCHEMA_VIOLATION"),
        Arguments.of("a zero-width space before the value", "\u200B" + valid, "JSON_INVALID"),
        Arguments.of("full-width braces", "\uFF5B" + valid.substring(1, valid.length() - 1) + "\uFF5D", "JSON_INVALID"),
        Arguments.of("JSON inside an HTML pre element", "<pre>" + valid + "</pre>", "JSON_INVALID"),
        Arguments.of("base64-encoded JSON", "eyJpZCI6MX0=", "JSON_INVALID"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("evasions")
  void doesNotLetLookAlikeOrWrappedJsonPass(String description, String text, String type) {
    assertThat(DETECTOR.detect(text)).isNotEmpty().allMatch(f -> f.type().equals(type));
  }

  @Test
  void spansTheFencedContentWhenItIsInvalid() {
    String text = "Here:\n```json\n{oops}\n```";
    assertThat(spans(text)).containsExactly("{oops}");
  }

  @Test
  void treatsAFenceAsInvalidWhenExtractionIsOff() {
    Detector strict = FACTORY.create(Map.of("schema", TICKET, "extract", false));
    assertThat(strict.detect("```json\n{\"id\":2,\"summary\":\"s\",\"priority\":\"low\"}\n```"))
        .extracting(Finding::type).containsExactly("JSON_INVALID");
  }

  @Test
  void placesATypeViolationOnTheOffendingValue() {
    assertThat(spans("{\"id\": \"seven\", \"summary\": \"x\", \"priority\": \"low\"}"))
        .containsExactly("\"seven\"");
  }

  @Test
  void placesAMissingPropertyOnTheObjectThatLacksIt() {
    String text = "{\"id\": 7, \"summary\": \"x\"}";
    assertThat(spans(text)).containsExactly(text);
  }

  @Test
  void reportsOneFindingPerViolation() {
    String text = "{\"id\": 0, \"summary\": \"x\", \"priority\": \"urgent\", \"tags\": [\"ok\", \"NOT OK\"], \"extra\": 1}";
    List<Finding> findings = DETECTOR.detect(text);
    assertThat(findings).hasSize(4).allMatch(f -> f.type().equals("JSON_SCHEMA_VIOLATION"));
    assertThat(spans(text)).contains("0", "\"urgent\"", "\"NOT OK\"");
  }

  @Test
  void offsetsViolationsInsideAFencedBlock() {
    String text = "Result:\n```json\n{\"id\": -3, \"summary\": \"x\", \"priority\": \"low\"}\n```";
    assertThat(spans(text)).containsExactly("-3");
  }

  @Test
  void rejectsDeepNestingWithAFindingNotAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertTimeoutPreemptively(Duration.ofSeconds(15), () ->
        assertThat(DETECTOR.detect(deep)).extracting(Finding::type).containsExactly("JSON_INVALID"));
  }

  @Test
  void acceptsNestingUpToTheBound() {
    Detector any = FACTORY.create(Map.of("schema", true));
    String nested = "[".repeat(JsonSchemaDetector.MAX_DEPTH) + "]".repeat(JsonSchemaDetector.MAX_DEPTH);
    assertThat(any.detect(nested)).isEmpty();
    String deeper = "[" + nested + "]";
    assertThat(any.detect(deeper)).extracting(Finding::type).containsExactly("JSON_INVALID");
  }

  @Test
  void validatesAMegabyteAnswerInBoundedTime() {
    StringBuilder b = new StringBuilder("{\"id\":1,\"summary\":\"x\",\"priority\":\"low\",\"tags\":[");
    // Validation costs about 10-20 us per value once warm, so the megabyte holds few, long values.
    String tag = "\"" + "a-long-tag-".repeat(100) + "x\",";
    while (b.length() < 1 << 20) {
      b.append(tag);
    }
    b.append("\"BAD\"]}");
    String text = b.toString();
    DETECTOR.detect("{\"id\":1,\"summary\":\"x\",\"priority\":\"low\",\"tags\":[\"warm-up\"]}");
    assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThat(DETECTOR.detect(text)).hasSize(1));
  }

  @Test
  void runsSchemaPatternsInLinearTime() {
    Detector redos = FACTORY.create(Map.of("schema", Map.of("type", "string", "pattern", "^(a+)+$")));
    String hostile = "\"" + "a".repeat(100_000) + "!\"";
    assertTimeoutPreemptively(Duration.ofSeconds(15), () ->
        assertThat(redos.detect(hostile)).extracting(Finding::type)
            .containsExactly("JSON_SCHEMA_VIOLATION"));
  }

  @Test
  void capsTheNumberOfFindings() {
    Detector numbers = FACTORY.create(Map.of("schema", Map.of("type", "array", "items", Map.of("type", "number"))));
    String text = "[" + "\"x\",".repeat(500) + "\"x\"]";
    assertThat(numbers.detect(text)).hasSize(JsonSchemaDetector.MAX_FINDINGS);
  }

  @Test
  void honoursTheDeclaredDialect() {
    // Draft 4 reads exclusiveMaximum as a boolean; 2020-12 would reject the schema.
    Detector draft4 = FACTORY.create(Map.of("schema", Map.of(
        "$schema", "http://json-schema.org/draft-04/schema#",
        "type", "number", "maximum", 10, "exclusiveMaximum", true)));
    assertThat(draft4.detect("10")).hasSize(1);
    assertThat(draft4.detect("9")).isEmpty();
  }

  @Test
  void resolvesReferencesInsideTheSchema() {
    Detector withDefs = FACTORY.create(Map.of("schema", Map.of(
        "$defs", Map.of("positive", Map.of("type", "integer", "minimum", 1)),
        "type", "array", "items", Map.of("$ref", "#/$defs/positive"))));
    assertThat(withDefs.detect("[1, 2, 3]")).isEmpty();
    assertThat(withDefs.detect("[1, 0]")).hasSize(1);
  }

  @Test
  void readsTheSchemaFromAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("ticket.schema.yaml");
    Files.writeString(file, "type: object\nrequired: [id]\nproperties:\n  id: {type: integer}\n");
    Detector fromFile = FACTORY.create(Map.of("schema-file", file.toString()));
    assertThat(fromFile.detect("{\"id\": 1}")).isEmpty();
    assertThat(fromFile.detect("{}")).hasSize(1);
  }

  @Test
  void rejectsASchemaFileOverTheSizeLimit(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("huge.schema.json");
    Files.writeString(file, "{\"description\": \"" + "x".repeat((int) JsonSchemaDetectorFactory.MAX_SCHEMA_FILE_BYTES) + "\"}");
    assertThatThrownBy(() -> FACTORY.create(Map.of("schema-file", file.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("schema-file:").hasMessageContaining("the limit is 1048576");
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        Arguments.of(Map.of(), "schema: set exactly one of schema (inline YAML) and schema-file"),
        Arguments.of(Map.of("schema", Map.of(), "schema-file", "x.json"), "schema: set exactly one of"),
        Arguments.of(Map.of("schema", "{\"type\":\"object\"}"), "schema: expected the JSON Schema as a YAML map (or true/false), got \"{"),
        Arguments.of(Map.of("schema", Map.of("type", 42)), "schema: not a valid JSON Schema"),
        Arguments.of(Map.of("schema", Map.of("minLength", -1)), "schema: not a valid JSON Schema"),
        Arguments.of(Map.of("schema", Map.of("$ref", "https://schemas.test/remote.json")), "schema: "),
        Arguments.of(Map.of("schema", Map.of("type", "string", "pattern", "^(?=a)b")), "schema: "),
        Arguments.of(Map.of("schema-file", "/no/such/schema.json"), "schema-file: cannot read /no/such/schema.json"),
        Arguments.of(Map.of("schema-file", 5), "schema-file: expected the path of a JSON or YAML file, got 5"),
        Arguments.of(Map.of("schema", true, "extract", "yes"), "extract: expected true or false"),
        Arguments.of(Map.of("schema", true, "strict", true), "strict: unknown option"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badOptions")
  void rejectsBadOptionsNamingTheOption(Map<String, Object> options, String message) {
    assertThatThrownBy(() -> FACTORY.create(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void refusesRemoteReferencesWithoutFetchingThem() {
    assertThatThrownBy(() -> FACTORY.create(Map.of("schema", Map.of("$ref", "https://schemas.test/remote.json"))))
        .hasMessageContaining("not allowed");
  }

  @Test
  void declaresItsOptionsTypesAndCost() {
    assertThat(FACTORY.name()).isEqualTo("json-schema");
    assertThat(FACTORY.options()).containsExactlyInAnyOrder("schema", "schema-file", "extract");
    assertThat(DETECTOR.types()).containsExactlyInAnyOrder("JSON_INVALID", "JSON_SCHEMA_VIOLATION");
    assertThat(DETECTOR.cost()).isEqualTo(Detector.Cost.MODERATE);
  }
}
