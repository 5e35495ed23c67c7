package dev.guardrails4j.core.policy;

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
 * A parsed YAML/JSON value that remembers where it stood, so that every error can name its line
 * and column. Jackson's tree model drops locations; this small tree keeps them.
 */
final class Node {

  enum Kind { MAP, LIST, STRING, NUMBER, BOOLEAN, NULL }

  final Kind kind;
  final int line;
  final int column;
  final @Nullable Object scalar;
  final Map<String, Node> map;
  final Map<String, int[]> keyPositions;
  final List<Node> list;

  private Node(Kind kind, int line, int column, @Nullable Object scalar, Map<String, Node> map,
      Map<String, int[]> keyPositions, List<Node> list) {
    this.kind = kind;
    this.line = line;
    this.column = column;
    this.scalar = scalar;
    this.map = map;
    this.keyPositions = keyPositions;
    this.list = list;
  }

  boolean isScalar() {
    return kind == Kind.STRING || kind == Kind.NUMBER || kind == Kind.BOOLEAN;
  }

  String text() {
    return String.valueOf(scalar);
  }

  /** Converts to plain Java values (maps, lists, strings, numbers, booleans). */
  @Nullable Object toPlain() {
    switch (kind) {
      case MAP: {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
          Object p = v.toPlain();
          if (p != null) {
            out.put(k, p);
          }
        });
        return out;
      }
      case LIST: {
        List<Object> out = new ArrayList<>();
        for (Node n : list) {
          Object p = n.toPlain();
          if (p != null) {
            out.add(p);
          }
        }
        return out;
      }
      default:
        return scalar;
    }
  }

  static final class DuplicateKeyException extends IOException {
    private static final long serialVersionUID = 1L;
    final String key;
    final int line;
    final int column;

    DuplicateKeyException(String key, int line, int column) {
      super("duplicate key '" + key + "'");
      this.key = key;
      this.line = line;
      this.column = column;
    }
  }

  static final int MAX_DEPTH = 64;

  /** Reads the value at the parser's current token. */
  static Node read(JsonParser p, int depth) throws IOException {
    JsonToken t = p.currentToken();
    JsonLocation loc = p.currentTokenLocation();
    int line = loc.getLineNr();
    int col = loc.getColumnNr();
    if (depth > MAX_DEPTH) {
      throw new IOException("nesting deeper than " + MAX_DEPTH + " levels");
    }
    if (t == null) {
      return new Node(Kind.NULL, line, col, null, Map.of(), Map.of(), List.of());
    }
    switch (t) {
      case START_OBJECT: {
        Map<String, Node> m = new LinkedHashMap<>();
        Map<String, int[]> pos = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonLocation kl = p.currentTokenLocation();
          if (m.containsKey(key)) {
            throw new DuplicateKeyException(key, kl.getLineNr(), kl.getColumnNr());
          }
          p.nextToken();
          pos.put(key, new int[] {kl.getLineNr(), kl.getColumnNr()});
          m.put(key, read(p, depth + 1));
        }
        return new Node(Kind.MAP, line, col, null, m, pos, List.of());
      }
      case START_ARRAY: {
        List<Node> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(read(p, depth + 1));
        }
        return new Node(Kind.LIST, line, col, null, Map.of(), Map.of(), l);
      }
      case VALUE_STRING:
        return new Node(Kind.STRING, line, col, p.getText(), Map.of(), Map.of(), List.of());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new Node(Kind.NUMBER, line, col, p.getNumberValue(), Map.of(), Map.of(), List.of());
      case VALUE_TRUE:
        return new Node(Kind.BOOLEAN, line, col, Boolean.TRUE, Map.of(), Map.of(), List.of());
      case VALUE_FALSE:
        return new Node(Kind.BOOLEAN, line, col, Boolean.FALSE, Map.of(), Map.of(), List.of());
      case VALUE_NULL:
        return new Node(Kind.NULL, line, col, null, Map.of(), Map.of(), List.of());
      default:
        throw new IOException("unexpected " + t);
    }
  }
}
