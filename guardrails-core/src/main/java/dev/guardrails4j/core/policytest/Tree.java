package dev.guardrails4j.core.policytest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed YAML or JSON value with its line and column, so that every problem in a test file can
 * name where it stands.
 */
final class Tree {

  enum Kind { MAP, LIST, SCALAR, NULL }

  private static final int MAX_DEPTH = 64;

  final Kind kind;
  final int line;
  final int column;
  /** The scalar's text, for {@link Kind#SCALAR}. */
  final String text;
  /** True for a quoted or plain string scalar, false for numbers and booleans. */
  final boolean string;
  final @Nullable Object value;
  final Map<String, Tree> map;
  final Map<String, int[]> keyPositions;
  final List<Tree> list;

  private Tree(Kind kind, int line, int column, String text, boolean string, @Nullable Object value,
      Map<String, Tree> map, Map<String, int[]> keyPositions, List<Tree> list) {
    this.kind = kind;
    this.line = line;
    this.column = column;
    this.text = text;
    this.string = string;
    this.value = value;
    this.map = map;
    this.keyPositions = keyPositions;
    this.list = list;
  }

  /** Thrown for a key that appears twice in one map. */
  static final class DuplicateKey extends IOException {
    private static final long serialVersionUID = 1L;
    final transient String key;
    final int line;
    final int column;

    DuplicateKey(String key, int line, int column) {
      super("duplicate key '" + key + "'");
      this.key = key;
      this.line = line;
      this.column = column;
    }
  }

  static Tree read(JsonParser p, int depth) throws IOException {
    JsonToken t = p.currentToken();
    JsonLocation loc = p.currentTokenLocation();
    int line = loc.getLineNr();
    int col = loc.getColumnNr();
    if (depth > MAX_DEPTH) {
      throw new IOException("nesting deeper than " + MAX_DEPTH + " levels");
    }
    if (t == null || t == JsonToken.VALUE_NULL) {
      return new Tree(Kind.NULL, line, col, "", false, null, Map.of(), Map.of(), List.of());
    }
    switch (t) {
      case START_OBJECT: {
        Map<String, Tree> m = new LinkedHashMap<>();
        Map<String, int[]> pos = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonLocation kl = p.currentTokenLocation();
          if (m.containsKey(key)) {
            throw new DuplicateKey(key, kl.getLineNr(), kl.getColumnNr());
          }
          p.nextToken();
          pos.put(key, new int[] {kl.getLineNr(), kl.getColumnNr()});
          m.put(key, read(p, depth + 1));
        }
        return new Tree(Kind.MAP, line, col, "", false, null, m, pos, List.of());
      }
      case START_ARRAY: {
        List<Tree> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(read(p, depth + 1));
        }
        return new Tree(Kind.LIST, line, col, "", false, null, Map.of(), Map.of(), l);
      }
      case VALUE_STRING:
        return new Tree(Kind.SCALAR, line, col, p.getText(), true, p.getText(), Map.of(), Map.of(), List.of());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new Tree(Kind.SCALAR, line, col, p.getText(), false, p.getNumberValue(), Map.of(), Map.of(), List.of());
      case VALUE_TRUE:
        return new Tree(Kind.SCALAR, line, col, "true", false, Boolean.TRUE, Map.of(), Map.of(), List.of());
      case VALUE_FALSE:
        return new Tree(Kind.SCALAR, line, col, "false", false, Boolean.FALSE, Map.of(), Map.of(), List.of());
      default:
        throw new IOException("unexpected " + t);
    }
  }

  /** Converts to plain Java values: maps, lists, strings, numbers, booleans. */
  @Nullable Object toPlain() {
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
        for (Tree e : list) {
          Object o = e.toPlain();
          if (o != null) {
            out.add(o);
          }
        }
        return out;
      }
      default:
        return value;
    }
  }

  String describe() {
    return switch (kind) {
      case MAP -> "a map";
      case LIST -> "a list";
      case NULL -> "nothing";
      case SCALAR -> "'" + text + "'";
    };
  }
}
