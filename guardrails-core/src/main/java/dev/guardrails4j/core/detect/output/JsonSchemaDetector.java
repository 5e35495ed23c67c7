package dev.guardrails4j.core.detect.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a text is one JSON value (optionally inside a fenced code block) that satisfies a
 * JSON Schema. See {@link JsonSchemaDetectorFactory}.
 */
final class JsonSchemaDetector implements Detector {

  static final String INVALID = "JSON_INVALID";
  static final String VIOLATION = "JSON_SCHEMA_VIOLATION";
  static final Set<String> TYPES = Set.of(INVALID, VIOLATION);

  static final int MAX_CHARS = 5_000_000;
  static final int MAX_DEPTH = 200;
  static final int MAX_FINDINGS = 100;

  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxDocumentLength(MAX_CHARS)
          .maxStringLength(MAX_CHARS)
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final ObjectMapper MAPPER = JsonMapper.builder(JSON)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private final String name;
  private final JsonSchema schema;
  private final boolean extract;

  JsonSchemaDetector(String name, JsonSchema schema, boolean extract) {
    this.name = name;
    this.schema = schema;
    this.extract = extract;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> types() {
    return TYPES;
  }

  @Override
  public Cost cost() {
    return Cost.MODERATE;
  }

  @Override
  public List<Finding> detect(String text) {
    int n = text.length();
    int start = 0;
    int end = n;
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (extract && start < end && !startsLikeJson(text.charAt(start))) {
      long block = fencedBlock(text, start, end);
      if (block >= 0) {
        start = (int) (block >>> 32);
        end = (int) block;
        while (start < end && Character.isWhitespace(text.charAt(start))) {
          start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
          end--;
        }
      }
    }
    if (start >= end || end - start > MAX_CHARS) {
      return List.of(Finding.of(name, INVALID, start >= end ? 0 : start, start >= end ? n : end, 1.0));
    }
    String json = text.substring(start, end);
    JsonNode value;
    try {
      value = MAPPER.readTree(json);
    } catch (IOException | RuntimeException e) {
      // Jackson's constraint violations (depth, length) and syntax errors alike; the message may
      // quote the answer, so it is not kept.
      return List.of(Finding.of(name, INVALID, start, end, 1.0));
    }
    if (value == null || value.isMissingNode()) {
      return List.of(Finding.of(name, INVALID, start, end, 1.0));
    }
    Set<ValidationMessage> violations;
    try {
      violations = schema.validate(value, context -> {
        // The library's debug logging prints instance values: answers must never reach a log.
        context.getExecutionConfig().setDebugEnabled(false);
        context.getExecutionConfig().setAnnotationCollectionEnabled(false);
      });
    } catch (RuntimeException e) {
      return List.of(Finding.of(name, VIOLATION, start, end, 1.0));
    }
    if (violations.isEmpty()) {
      return List.of();
    }
    return locate(json, start, violations);
  }

  private static boolean startsLikeJson(char c) {
    return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't'
        || c == 'f' || c == 'n';
  }

  /**
   * The content of the first code block fenced with three backticks or tildes whose info string is
   * empty or {@code json}, packed as {@code start << 32 | end}, or -1.
   */
  static long fencedBlock(String text, int from, int to) {
    int i = from;
    while (i < to) {
      int lineEnd = text.indexOf('\n', i);
      if (lineEnd < 0 || lineEnd > to) {
        lineEnd = to;
      }
      int p = i;
      while (p < lineEnd && p - i < 3 && text.charAt(p) == ' ') {
        p++;
      }
      char fence = p < lineEnd ? text.charAt(p) : 0;
      if ((fence == '`' || fence == '~') && fenceLength(text, p, lineEnd, fence) >= 3) {
        int width = fenceLength(text, p, lineEnd, fence);
        String info = text.substring(p + width, lineEnd).strip();
        if (info.isEmpty() || info.regionMatches(true, 0, "json", 0, 4)
            && (info.length() == 4 || !Character.isLetterOrDigit(info.charAt(4)))) {
          int contentStart = Math.min(lineEnd + 1, to);
          int close = closingFence(text, contentStart, to, fence, width);
          return ((long) contentStart << 32) | (close < 0 ? to : close);
        }
      }
      i = lineEnd + 1;
    }
    return -1;
  }

  private static int fenceLength(String text, int p, int lineEnd, char fence) {
    int q = p;
    while (q < lineEnd && text.charAt(q) == fence) {
      q++;
    }
    return q - p;
  }

  /** The start of the line closing a fence, or -1. */
  private static int closingFence(String text, int from, int to, char fence, int width) {
    int i = from;
    while (i < to) {
      int lineEnd = text.indexOf('\n', i);
      if (lineEnd < 0 || lineEnd > to) {
        lineEnd = to;
      }
      int p = i;
      while (p < lineEnd && p - i < 3 && text.charAt(p) == ' ') {
        p++;
      }
      if (p < lineEnd && text.charAt(p) == fence && fenceLength(text, p, lineEnd, fence) >= width
          && text.substring(p, lineEnd).strip().chars().allMatch(ch -> ch == fence)) {
        return i;
      }
      i = lineEnd + 1;
    }
    return -1;
  }

  /** Places each violation on the value it is about, in one streaming pass over the JSON. */
  private List<Finding> locate(String json, int offset, Set<ValidationMessage> violations) {
    Map<String, List<Integer>> wanted = new HashMap<>();
    List<int[]> spans = new ArrayList<>();
    for (ValidationMessage violation : violations) {
      if (spans.size() == MAX_FINDINGS) {
        break;
      }
      wanted.computeIfAbsent(pointer(violation.getInstanceLocation()), k -> new ArrayList<>())
          .add(spans.size());
      spans.add(new int[] {0, json.length()});
    }
    try (JsonParser parser = JSON.createParser(json)) {
      int[] starts = new int[MAX_DEPTH + 2];
      String[] pointers = new String[MAX_DEPTH + 2];
      int depth = 0;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME) {
          continue;
        }
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          depth--;
          place(wanted, pointers[depth], spans, starts[depth],
              (int) parser.currentLocation().getCharOffset());
          continue;
        }
        String path = parser.getParsingContext().pathAsPointer().toString();
        int tokenStart = (int) parser.currentTokenLocation().getCharOffset();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          starts[depth] = tokenStart;
          pointers[depth] = path;
          depth++;
        } else {
          parser.finishToken(); // strings are read lazily; the end is known once read
          place(wanted, path, spans, tokenStart, (int) parser.currentLocation().getCharOffset());
        }
      }
    } catch (IOException | RuntimeException e) {
      // Already parsed once; keep the whole-value spans if the second pass fails.
    }
    List<Finding> out = new ArrayList<>(spans.size());
    for (int[] span : spans) {
      out.add(Finding.of(name, VIOLATION, offset + span[0], offset + span[1], 1.0));
    }
    out.sort(Comparator.comparingInt(Finding::start));
    return Collections.unmodifiableList(out);
  }

  private static void place(Map<String, List<Integer>> wanted, String path, List<int[]> spans,
      int start, int end) {
    List<Integer> indexes = wanted.get(path);
    if (indexes == null || start < 0 || end < start) {
      return;
    }
    for (int index : indexes) {
      spans.get(index)[0] = start;
      spans.get(index)[1] = end;
    }
  }

  /** A JSON Pointer string in Jackson's spelling for a validator's instance location. */
  static String pointer(JsonNodePath path) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      sb.append('/');
      Object element = path.getElement(i);
      String segment = element.toString();
      for (int k = 0; k < segment.length(); k++) {
        char c = segment.charAt(k);
        if (c == '~') {
          sb.append("~0");
        } else if (c == '/') {
          sb.append("~1");
        } else {
          sb.append(c);
        }
      }
    }
    return sb.toString();
  }
}
