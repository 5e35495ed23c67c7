package dev.guardrails4j.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Not API. A parsed YAML or JSON value that remembers where it stood, so that every problem in a
 * policy file or a policy test file can name its line and column: Jackson's tree model drops
 * locations, this small tree keeps them. Policy files and policy test files are both read with
 * {@link #parse(String, String, String, String, Problems)}.
 *
 * <p>Immutable; maps keep the order of the file.
 */
public final class PositionedNode {

  /** What a node holds. */
  public enum Kind {
    /** Key-value pairs, in file order. */
    MAP,
    /** A sequence. */
    LIST,
    /** Text, quoted or plain. */
    STRING,
    /** An integer or a decimal number. */
    NUMBER,
    /** {@code true} or {@code false} (YAML also reads yes/no/on/off as booleans). */
    BOOLEAN,
    /** An explicit null or an empty value. */
    NULL
  }

  /** Receives each problem found while reading a document. */
  @FunctionalInterface
  public interface Problems {
    /**
     * Records one problem.
     *
     * @param line 1-based line, 0 when unknown
     * @param column 1-based column, 0 when unknown
     * @param field the field, empty for the whole document
     * @param message what is wrong
     */
    void add(int line, int column, String field, String message);
  }

  /** Deeper nesting than this is refused, so that a hostile file cannot exhaust the stack. */
  public static final int MAX_DEPTH = 64;

  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
  /**
   * The most characters a document may have: the 4 MiB policy file limit (SnakeYAML's own default
   * stops at 3 MiB of code points, below the documented limit).
   */
  public static final int MAX_CODE_POINTS = 4 * 1024 * 1024;

  private static final YAMLFactory YAML = YAMLFactory.builder().loaderOptions(loaderOptions()).build();

  private static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
    org.yaml.snakeyaml.LoaderOptions o = new org.yaml.snakeyaml.LoaderOptions();
    o.setCodePointLimit(MAX_CODE_POINTS);
    return o;
  }

  private final Kind kind;
  private final int line;
  private final int column;
  private final @Nullable Object scalar;
  private final String source;
  private final Map<String, PositionedNode> map;
  private final Map<String, int[]> keyPositions;
  private final List<PositionedNode> list;

  private PositionedNode(Kind kind, int line, int column, @Nullable Object scalar, String source,
      Map<String, PositionedNode> map, Map<String, int[]> keyPositions, List<PositionedNode> list) {
    this.kind = kind;
    this.line = line;
    this.column = column;
    this.scalar = scalar;
    this.source = source;
    this.map = map;
    this.keyPositions = keyPositions;
    this.list = list;
  }

  private static PositionedNode scalar(Kind kind, int line, int column, @Nullable Object value, String source) {
    return new PositionedNode(kind, line, column, value, source, Map.of(), Map.of(), List.of());
  }

  // ---- reading -------------------------------------------------------------------------------

  /**
   * Reads one YAML document, or one JSON document when {@code name} ends in {@code .json}.
   * Problems (an empty file, invalid syntax, a duplicate key, a second document) go to {@code
   * problems}, never thrown.
   *
   * @param name the file name, which decides between JSON and YAML
   * @param content the document
   * @param emptyMessage the problem for an empty file (it may say what the file needs)
   * @param oneDocumentHint appended to the problem for a second document: where everything belongs
   * @param problems receives the problems
   * @return the root node, or {@code null} when nothing could be read; with a second document the
   *     first is returned
   */
  public static @Nullable PositionedNode parse(String name, String content, String emptyMessage,
      String oneDocumentHint, Problems problems) {
    Objects.requireNonNull(problems, "problems");
    boolean json = name.toLowerCase(Locale.ROOT).endsWith(".json");
    if (content.isBlank()) {
      problems.add(1, 1, "", emptyMessage);
      return null;
    }
    try (JsonParser p = (json ? JSON : YAML).createParser(content)) {
      if (p.nextToken() == null) {
        problems.add(1, 1, "", emptyMessage);
        return null;
      }
      PositionedNode n = read(p, 0);
      if (p.nextToken() != null) {
        JsonLocation l = p.currentTokenLocation();
        problems.add(l.getLineNr(), l.getColumnNr(), "", "more than one document in the file; " + oneDocumentHint);
      }
      return n;
    } catch (AliasException e) {
      problems.add(e.line, e.column, "", "YAML aliases (*name) are not supported in policy files; write the value out"
          + " where it is used (anchors and aliases would otherwise be read as the alias's name)");
    } catch (DuplicateKeyException e) {
      problems.add(e.line, e.column, e.key, "duplicate key '" + e.key + "' (first at " + e.firstLine
          + ":" + e.firstColumn + "); a key may appear once in a map");
    } catch (JsonProcessingException e) {
      YamlSyntaxError yaml = json ? null : YamlSyntaxError.of(e);
      if (yaml != null) {
        problems.add(yaml.line(), yaml.column(), "", "not valid YAML: " + yaml.message());
      } else {
        JsonLocation l = e.getLocation();
        problems.add(l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), "",
            "not valid " + (json ? "JSON" : "YAML") + ": " + firstLine(e.getOriginalMessage()));
      }
    } catch (IOException | RuntimeException e) {
      problems.add(0, 0, "", "cannot read: " + e.getMessage());
    }
    return null;
  }

  /** A key that appears twice in one map. */
  private static final class AliasException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    AliasException(int line, int column) {
      super("YAML alias");
      this.line = line;
      this.column = column;
    }
  }

  private static final class DuplicateKeyException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final int line;
    private final int column;
    private final int firstLine;
    private final int firstColumn;

    DuplicateKeyException(String key, int line, int column, int[] first) {
      super("duplicate key '" + key + "'");
      this.key = key;
      this.line = line;
      this.column = column;
      this.firstLine = first[0];
      this.firstColumn = first[1];
    }
  }

  /** Jackson's messages may run over several lines; a problem is one line. */
  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }

  /** Reads the value at the parser's current token. */
  private static PositionedNode read(JsonParser p, int depth) throws IOException {
    JsonToken t = p.currentToken();
    JsonLocation loc = p.currentTokenLocation();
    int line = loc.getLineNr();
    int col = loc.getColumnNr();
    if (depth > MAX_DEPTH) {
      throw new IOException("nesting deeper than " + MAX_DEPTH + " levels");
    }
    if (t == null) {
      return scalar(Kind.NULL, line, col, null, "");
    }
    if (p instanceof YAMLParser y && y.isCurrentAlias()) {
      // Jackson hands an alias over as the text of its name ("*advice" reads "advice"): a policy
      // would silently mean something else, so aliases are refused where they stand
      throw new AliasException(line, col);
    }
    switch (t) {
      case START_OBJECT: {
        Map<String, PositionedNode> m = new LinkedHashMap<>();
        Map<String, int[]> pos = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonLocation kl = p.currentTokenLocation();
          if (m.containsKey(key)) {
            throw new DuplicateKeyException(key, kl.getLineNr(), kl.getColumnNr(), pos.get(key));
          }
          p.nextToken();
          pos.put(key, new int[] {kl.getLineNr(), kl.getColumnNr()});
          m.put(key, read(p, depth + 1));
        }
        return new PositionedNode(Kind.MAP, line, col, null, "", Collections.unmodifiableMap(m),
            pos, List.of());
      }
      case START_ARRAY: {
        List<PositionedNode> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(read(p, depth + 1));
        }
        return new PositionedNode(Kind.LIST, line, col, null, "", Map.of(), Map.of(), List.copyOf(l));
      }
      case VALUE_STRING:
        return scalar(Kind.STRING, line, col, p.getText(), p.getText());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return scalar(Kind.NUMBER, line, col, p.getNumberValue(), p.getText());
      case VALUE_TRUE:
        return scalar(Kind.BOOLEAN, line, col, Boolean.TRUE, "true");
      case VALUE_FALSE:
        return scalar(Kind.BOOLEAN, line, col, Boolean.FALSE, "false");
      case VALUE_NULL:
        return scalar(Kind.NULL, line, col, null, "");
      default:
        throw new IOException("unexpected " + t);
    }
  }

  // ---- reading a node ------------------------------------------------------------------------

  /**
   * What the node holds.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Where the node starts.
   *
   * @return the 1-based line
   */
  public int line() {
    return line;
  }

  /**
   * Where the node starts.
   *
   * @return the 1-based column
   */
  public int column() {
    return column;
  }

  /**
   * Whether the node is a string, a number or a boolean.
   *
   * @return true for those kinds
   */
  public boolean isScalar() {
    return kind == Kind.STRING || kind == Kind.NUMBER || kind == Kind.BOOLEAN;
  }

  /**
   * The scalar value: a {@link String}, a {@link Number} or a {@link Boolean}.
   *
   * @return the value, or {@code null} for maps, lists and nulls
   */
  public @Nullable Object scalar() {
    return scalar;
  }

  /**
   * The scalar as text, numbers in Java's form ({@code 1.50} becomes {@code 1.5}); {@code "null"}
   * for maps, lists and nulls.
   *
   * @return the text
   */
  public String text() {
    return String.valueOf(scalar);
  }

  /**
   * The scalar as the file wrote it ({@code 1.50} stays {@code 1.50}; booleans are {@code true} or
   * {@code false}); empty for maps, lists and nulls.
   *
   * @return the text
   */
  public String sourceText() {
    return source;
  }

  /**
   * The entries of a map, in file order.
   *
   * @return the entries; empty for other kinds
   */
  public Map<String, PositionedNode> map() {
    return map;
  }

  /**
   * The elements of a list.
   *
   * @return the elements; empty for other kinds
   */
  public List<PositionedNode> list() {
    return list;
  }

  /**
   * Where a key of this map stands.
   *
   * @param key a key of {@link #map()}
   * @return the 1-based line, 0 for a key the map does not have
   */
  public int keyLine(String key) {
    int[] pos = keyPositions.get(key);
    return pos == null ? 0 : pos[0];
  }

  /**
   * Where a key of this map stands.
   *
   * @param key a key of {@link #map()}
   * @return the 1-based column, 0 for a key the map does not have
   */
  public int keyColumn(String key) {
    int[] pos = keyPositions.get(key);
    return pos == null ? 0 : pos[1];
  }

  /**
   * Converts to plain Java values: maps, lists, strings, numbers, booleans; nulls are left out.
   *
   * @return the value, {@code null} for a null node
   */
  public @Nullable Object toPlain() {
    switch (kind) {
      case MAP: {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
          Object o = v.toPlain();
          if (o != null) {
            out.put(k, o);
          }
        });
        return out;
      }
      case LIST: {
        List<Object> out = new ArrayList<>();
        for (PositionedNode e : list) {
          Object o = e.toPlain();
          if (o != null) {
            out.add(o);
          }
        }
        return out;
      }
      default:
        return scalar;
    }
  }

  /**
   * The node for a problem message: {@code a map}, {@code a list}, {@code nothing}, or the scalar
   * quoted as written.
   *
   * @return the description
   */
  public String describe() {
    return switch (kind) {
      case MAP -> "a map";
      case LIST -> "a list";
      case NULL -> "nothing";
      default -> "'" + source + "'";
    };
  }

  // ---- problems shared by the policy and policy test parsers ----------------------------------

  /**
   * Checks that the node is a map, reporting {@code expected a map (key: value pairs), got ...}
   * otherwise.
   *
   * @param path the field's path, for the problem
   * @param problems receives the problem
   * @return true for a map
   */
  public boolean expectMap(String path, Problems problems) {
    if (kind != Kind.MAP) {
      problems.add(line, column, path, "expected a map (key: value pairs), got " + describe());
      return false;
    }
    return true;
  }

  /**
   * Reports each key of this map that is not allowed, at the key's position, naming the allowed
   * keys in order.
   *
   * @param path the map's path; each problem's field is {@code path.key}
   * @param allowed the keys allowed here
   * @param problems receives one problem per unknown key
   */
  public void unknownKeys(String path, Set<String> allowed, Problems problems) {
    for (String key : map.keySet()) {
      if (!allowed.contains(key)) {
        problems.add(keyLine(key), keyColumn(key), path.isEmpty() ? key : path + "." + key,
            "unknown key '" + key + "'; allowed here: " + String.join(", ", new TreeSet<>(allowed)));
      }
    }
  }

  @Override
  public String toString() {
    return kind + "@" + line + ":" + column;
  }
}
