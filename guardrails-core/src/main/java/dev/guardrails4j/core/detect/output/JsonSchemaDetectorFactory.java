package dev.guardrails4j.core.detect.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.resource.SchemaLoader;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.core.detect.text.OptionValidation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creates the {@code json-schema} detector for structured answers: it reports
 * {@code JSON_INVALID} when the answer is not one JSON value, and one
 * {@code JSON_SCHEMA_VIOLATION} per violation of a JSON Schema, spanning the offending value
 * (or the whole value when the violation cannot be placed more precisely).
 *
 * <p>Options:
 * <ul>
 *   <li>{@code schema}: the JSON Schema written inline as YAML (a map, or {@code true}/{@code false});
 *   <li>{@code schema-file}: the path of a JSON or YAML file holding the schema, relative to the
 *       working directory; exactly one of {@code schema} and {@code schema-file} is required;
 *   <li>{@code extract} (default {@code true}): when the answer does not start with JSON, accept
 *       the first Markdown code block fenced with {@code ```json} (or a bare {@code ```}).
 * </ul>
 *
 * <p>The dialect is the schema's {@code $schema} (drafts 4, 6, 7, 2019-09, 2020-12), 2020-12 when
 * absent; the schema is checked against its meta-schema when the detector is created. Schemas must
 * be self-contained: a {@code $ref} may point into the schema itself ({@code #/$defs/...}) but never
 * to a file or to the network. {@code pattern} and {@code patternProperties} run on RE2/J, a
 * linear-time engine, so a pattern cannot hang a thread on a hostile answer; patterns that need
 * backtracking (look-around, back-references) are rejected when the detector is created.
 * {@code format} is asserted or not as the dialect says (annotation only in 2019-09 and 2020-12).
 *
 * <p>Answers are parsed with bounds: at most 5,000,000 characters and 200 levels of nesting; a
 * longer or deeper answer, duplicate object keys and trailing content are reported as
 * {@code JSON_INVALID} rather than exhausting memory or the stack. At most 100 violations are
 * reported per answer. Parsing is fast (a megabyte in a few milliseconds); validation costs about
 * 10 to 20 microseconds per JSON value once warm, so pair this detector with {@code output-length}
 * when answers may be large.
 */
public final class JsonSchemaDetectorFactory implements DetectorFactory {

  /** The largest {@code schema-file} read: 1 MiB. */
  public static final long MAX_SCHEMA_FILE_BYTES = 1024L * 1024;

  /** The name policy files use. */
  public static final String NAME = "json-schema";

  private static final Set<String> OPTIONS = Set.of("schema", "schema-file", "extract");
  private static final ObjectMapper YAML = new YAMLMapper();

  /** Creates the factory. */
  public JsonSchemaDetectorFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> options() {
    return OPTIONS;
  }

  /**
   * Creates the detector.
   *
   * @param options {@code schema} or {@code schema-file}, and optionally {@code extract}
   * @return the detector
   * @throws IllegalArgumentException if neither or both schema options are set, the file cannot be
   *     read, or the schema is not a valid, self-contained JSON Schema
   */
  @Override
  public Detector create(Map<String, Object> options) {
    Objects.requireNonNull(options, "options");
    OptionValidation.rejectUnknown(options, OPTIONS, NAME);
    boolean extract = OptionValidation.bool(options, "extract", true);
    boolean inline = options.containsKey("schema");
    boolean file = options.containsKey("schema-file");
    if (inline == file) {
      throw new IllegalArgumentException(
          "schema: set exactly one of schema (inline YAML) and schema-file (a path) for detector "
              + NAME);
    }
    String option = inline ? "schema" : "schema-file";
    JsonNode schemaNode = inline ? inlineSchema(options.get("schema")) : fileSchema(options.get("schema-file"));
    return new JsonSchemaDetector(NAME, compile(option, schemaNode), extract);
  }

  private static JsonNode inlineSchema(Object value) {
    if (!(value instanceof Map<?, ?>) && !(value instanceof Boolean)) {
      throw new IllegalArgumentException(
          "schema: expected the JSON Schema as a YAML map (or true/false), got "
              + OptionValidation.describe(value));
    }
    return YAML.valueToTree(value);
  }

  private static JsonNode fileSchema(Object value) {
    if (!(value instanceof String path) || path.isBlank()) {
      throw new IllegalArgumentException(
          "schema-file: expected the path of a JSON or YAML file, got "
              + OptionValidation.describe(value));
    }
    try {
      Path file = Path.of(path.strip());
      long size = Files.size(file);
      if (size > MAX_SCHEMA_FILE_BYTES) {
        throw new IllegalArgumentException("schema-file: " + path + " has " + size + " bytes; the limit is "
            + MAX_SCHEMA_FILE_BYTES + " (1 MiB)");
      }
      JsonNode node = YAML.readTree(Files.readString(file));
      if (node == null || !(node.isObject() || node.isBoolean())) {
        throw new IllegalArgumentException(
            "schema-file: " + path + " does not hold a JSON Schema object");
      }
      return node;
    } catch (IOException | InvalidPathException e) {
      throw new IllegalArgumentException(
          "schema-file: cannot read " + path + ": " + e.getClass().getSimpleName() + " "
              + e.getMessage(), e);
    }
  }

  private static JsonSchema compile(String option, JsonNode schemaNode) {
    VersionFlag dialect;
    try {
      Optional<VersionFlag> declared = SpecVersionDetector.detectOptionalVersion(schemaNode, false);
      dialect = declared.orElse(VersionFlag.V202012);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          option + ": unsupported $schema; use draft 4, 6, 7, 2019-09 or 2020-12", e);
    }
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(dialect,
        builder -> builder.schemaLoaders(loaders -> loaders.add(LOCAL_ONLY)));
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
        .pathType(PathType.JSON_POINTER)
        .regularExpressionFactory(JsonSchemaDetectorFactory::linearTimeRegex)
        .build();
    try {
      JsonSchema meta = factory.getSchema(SchemaLocation.of(dialect.getId()), config);
      Set<ValidationMessage> problems = meta.validate(schemaNode);
      if (!problems.isEmpty()) {
        StringBuilder message = new StringBuilder(option)
            .append(": not a valid JSON Schema (").append(dialect.getId()).append("): ");
        Iterator<ValidationMessage> it = problems.iterator();
        for (int i = 0; i < 3 && it.hasNext(); i++) {
          message.append(i == 0 ? "" : "; ").append(it.next().getMessage());
        }
        throw new IllegalArgumentException(message.toString());
      }
      JsonSchema schema = factory.getSchema(schemaNode, config);
      schema.initializeValidators();
      return schema;
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(option + ":")) {
        throw e;
      }
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          option + ": cannot use the schema: " + e.getClass().getSimpleName() + " "
              + e.getMessage(), e);
    }
  }

  /** Keeps schema loading on the class path (bundled meta-schemas); never files or the network. */
  private static final SchemaLoader LOCAL_ONLY = iri -> {
    String value = iri.toString();
    if (value.startsWith("classpath:") || value.startsWith("resource:")) {
      return null; // the library's class-path loader serves the bundled meta-schemas
    }
    throw new IllegalArgumentException(
        "$ref to " + value + " is not allowed; keep the schema self-contained (use $defs)");
  };

  /** ECMA-262 {@code pattern} semantics (unanchored search) on RE2/J. */
  private static RegularExpression linearTimeRegex(String regex) {
    com.google.re2j.Pattern pattern;
    try {
      pattern = com.google.re2j.Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "pattern " + regex + " is not supported by the linear-time engine RE2/J: "
              + e.getDescription(), e);
    }
    return value -> pattern.matcher(value).find();
  }
}
