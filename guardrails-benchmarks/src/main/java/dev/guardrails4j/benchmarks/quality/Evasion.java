package dev.guardrails4j.benchmarks.quality;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The rewrites of the evasion suite: each keeps the meaning a model (or a person) reads but
 * changes the characters a detector sees.
 */
enum Evasion {
  /** Upper case. */
  UPPER_CASE("upper case") {
    @Override
    String apply(String s) {
      return s.toUpperCase(Locale.ROOT);
    }
  },
  /** Alternating case, starting lower. */
  MIXED_CASE("mixed case") {
    @Override
    String apply(String s) {
      StringBuilder b = new StringBuilder(s.length());
      boolean upper = false;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isLetter(c)) {
          b.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
          upper = !upper;
        } else {
          b.append(c);
        }
      }
      return b.toString();
    }
  },
  /** A space between every two characters. */
  SPACES("inserted spaces") {
    @Override
    String apply(String s) {
      return interleave(s, " ");
    }
  },
  /** A zero-width space between every two characters. */
  ZERO_WIDTH("zero-width characters") {
    @Override
    String apply(String s) {
      return interleave(s, "\u200B");
    }
  },
  /** ASCII rewritten as invisible Unicode tag characters (U+E0000 + c). */
  TAG_CHARACTERS("tag characters") {
    @Override
    String apply(String s) {
      StringBuilder b = new StringBuilder(s.length() * 2);
      s.codePoints().forEach(c -> b.appendCodePoint(c >= 0x20 && c < 0x7F ? 0xE0000 + c : c));
      return b.toString();
    }
  },
  /** Latin letters replaced by Cyrillic or Greek look-alikes. */
  HOMOGLYPHS("homoglyphs") {
    @Override
    String apply(String s) {
      StringBuilder b = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        int k = LATIN.indexOf(c);
        b.append(k >= 0 ? LOOK_ALIKE.charAt(k) : c);
      }
      return b.toString();
    }
  },
  /** ASCII replaced by its full-width form. */
  FULL_WIDTH("full-width forms") {
    @Override
    String apply(String s) {
      StringBuilder b = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        b.append(c > 0x20 && c < 0x7F ? (char) (c + 0xFEE0) : c == ' ' ? '\u3000' : c);
      }
      return b.toString();
    }
  },
  /** Spaces replaced by line breaks; a text without spaces is broken in the middle. */
  LINE_BREAKS("line breaks") {
    @Override
    String apply(String s) {
      if (s.indexOf(' ') >= 0) {
        return s.replace(' ', '\n');
      }
      int middle = s.length() / 2;
      if (middle > 0 && Character.isLowSurrogate(s.charAt(middle))) {
        middle--;
      }
      return s.substring(0, middle) + "\n" + s.substring(middle);
    }
  },
  /** Wrapped in Markdown emphasis. */
  MARKDOWN("Markdown wrapping") {
    @Override
    String apply(String s) {
      return "**" + s + "**";
    }
  },
  /** Wrapped in an HTML element. */
  HTML("HTML wrapping") {
    @Override
    String apply(String s) {
      return "<span>" + s + "</span>";
    }
  },
  /** URL (percent) encoding of everything but letters, digits and {@code .-*_}. */
  PERCENT_ENCODING("URL/percent encoding") {
    @Override
    String apply(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
  },
  /** Base64 of the UTF-8 bytes. */
  BASE64("base64 encoding") {
    @Override
    String apply(String s) {
      return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
  };

  private static final String LATIN = "aceopxyijsACEHKMOPTXBY";
  private static final String LOOK_ALIKE =
      "\u0430\u0441\u0435\u043E\u0440\u0445\u0443\u0456\u0458\u0455"
          + "\u0410\u0421\u0415\u041D\u041A\u041C\u041E\u0420\u0422\u0425\u0412\u03A5";

  private final String label;

  Evasion(String label) {
    this.label = label;
  }

  /** A human-readable name for the report. */
  String label() {
    return label;
  }

  /** Rewrites a text. */
  abstract String apply(String s);

  private static String interleave(String s, String separator) {
    StringBuilder b = new StringBuilder(s.length() * 2);
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (i > 0) {
        b.append(separator);
      }
      b.appendCodePoint(cp);
      i += Character.charCount(cp);
    }
    return b.toString();
  }
}
