package dev.guardrails4j.core;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.core.policy.RedactionStyle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The redactions of one call: placeholders numbered per type and consistent within the call (the
 * same value always gets the same placeholder), and the originals of reversible ones, kept only
 * in memory for restoring the answer.
 */
final class Redactions {

  /** One span to replace in a text. */
  record Span(int start, int end, String type, RedactionStyle style, boolean reversible) {}

  /** A value redacted in this call, redacted the same way wherever it appears again. */
  record Value(String text, Finding finding, RedactionStyle style, boolean reversible) {}

  private final byte[] salt;
  private final Map<String, String> placeholderByValue = new HashMap<>();
  private final Map<String, Integer> counters = new HashMap<>();
  private final Map<String, String> reversible = new HashMap<>();

  private final List<Value> values = new ArrayList<>(2);

  Redactions(byte[] salt) {
    this.salt = salt;
  }

  /** Remembers a redacted value for the rest of the call, once, up to {@code max} values. */
  void remember(String value, Finding finding, RedactionStyle style, boolean reversible, int max) {
    if (values.size() >= max) {
      return;
    }
    for (int i = 0, n = values.size(); i < n; i++) {
      if (values.get(i).text().equals(value)) {
        return;
      }
    }
    values.add(new Value(value, finding, style, reversible));
  }

  boolean hasValues() {
    return !values.isEmpty();
  }

  List<Value> values() {
    return values;
  }

  boolean hasReversible() {
    return !reversible.isEmpty();
  }

  /**
   * Applies spans to a text. Overlapping spans are merged into the first (earliest, then longest)
   * so every character of every span is replaced.
   */
  String apply(String text, List<Span> spans) {
    if (spans.isEmpty()) {
      return text;
    }
    List<Span> sorted = new ArrayList<>(spans);
    sorted.sort((a, b) -> a.start != b.start ? Integer.compare(a.start, b.start) : Integer.compare(b.end, a.end));
    StringBuilder out = new StringBuilder(text.length());
    int pos = 0;
    int i = 0;
    while (i < sorted.size()) {
      Span s = sorted.get(i);
      int start = Math.max(s.start, pos);
      int end = s.end;
      int j = i + 1;
      while (j < sorted.size() && sorted.get(j).start < end) {
        end = Math.max(end, sorted.get(j).end);
        j++;
      }
      end = Math.min(end, text.length());
      if (start < end) {
        out.append(text, pos, start);
        String value = text.substring(start, end);
        String replacement = replacement(value, s);
        if (replacement.isEmpty() && start > 0 && end < text.length()
            && !Character.isWhitespace(text.charAt(start - 1)) && !Character.isWhitespace(text.charAt(end))) {
          // Removing a value must not join its neighbours into a new one ("2001:db8:" and ":8"
          // around a removed e-mail address read as the address 2001:db8::8): keep a space.
          replacement = " ";
        }
        out.append(replacement);
        pos = end;
      }
      i = j;
    }
    out.append(text, pos, text.length());
    return out.toString();
  }

  private String replacement(String value, Span s) {
    switch (s.style) {
      case REMOVE:
        return "";
      case MASK:
        return mask(value);
      case HASH:
        return "<" + s.type + ":" + hmac(value) + ">";
      default:
        String key = s.type + '\u0000' + value;
        String ph = placeholderByValue.get(key);
        if (ph == null) {
          int n = counters.merge(s.type, 1, Integer::sum);
          ph = "<" + s.type + "_" + n + ">";
          placeholderByValue.put(key, ph);
        }
        if (s.reversible) {
          reversible.put(ph, value);
        }
        return ph;
    }
  }

  /** Restores reversible placeholders in an answer. */
  String restore(String text) {
    if (reversible.isEmpty() || text.indexOf('<') < 0) {
      return text;
    }
    StringBuilder out = null;
    int pos = 0;
    int i = text.indexOf('<');
    while (i >= 0) {
      int close = text.indexOf('>', i);
      if (close < 0) {
        break;
      }
      String candidate = text.substring(i, close + 1);
      String original = candidate.length() <= 80 ? reversible.get(candidate) : null;
      if (original != null) {
        if (out == null) {
          out = new StringBuilder(text.length() + 32);
        }
        out.append(text, pos, i).append(original);
        pos = close + 1;
        i = text.indexOf('<', pos);
      } else {
        i = text.indexOf('<', i + 1);
      }
    }
    if (out == null) {
      return text;
    }
    return out.append(text, pos, text.length()).toString();
  }

  /** The longest reversible placeholder, so streaming can hold back a partial one. */
  int longestPlaceholder() {
    int max = 0;
    for (String k : reversible.keySet()) {
      max = Math.max(max, k.length());
    }
    return max;
  }

  static String mask(String value) {
    int alnum = 0;
    for (int i = 0; i < value.length(); i++) {
      if (Character.isLetterOrDigit(value.charAt(i))) {
        alnum++;
      }
    }
    int keep = alnum >= 12 ? 4 : 0;
    StringBuilder sb = new StringBuilder(value.length());
    int seen = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        seen++;
        sb.append(seen > alnum - keep ? c : '*');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private @Nullable Mac mac;

  private String hmac(String value) {
    try {
      if (mac == null) {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      }
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 0, 4);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
