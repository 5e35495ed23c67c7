package dev.guardrails4j.core.detect.text.views;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The look-alike letters of other scripts (Cyrillic, Greek, Armenian, Cherokee, Latin small
 * capitals and more) that render like one ASCII letter or digit, each with that ASCII character: the
 * part of the Unicode TS #39 confusables skeleton that matters for tokens and keywords.
 *
 * <p>The table {@code confusables.txt} is generated from ICU4J's {@code SpoofChecker} by {@code
 * ConfusablesTableTests} (test scope; run it with {@code -Dconfusables.write=PATH} to regenerate),
 * which also checks every entry against ICU4J, so core needs no ICU4J at run time. A code point
 * maps to the ASCII letter or digit with the same skeleton, preferring the same case (Cyrillic
 * {@code І} to {@code I}, {@code і} to {@code i}).
 */
final class Confusables {

  private static final char[] FROM;
  private static final char[] TO;

  static {
    char[] from = new char[1024];
    char[] to = new char[1024];
    int n = 0;
    try (InputStream in = Confusables.class.getResourceAsStream("confusables.txt")) {
      if (in == null) {
        throw new IllegalStateException("confusables.txt is missing from the class path");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int space = line.indexOf(' ');
        int cp = Integer.parseInt(line.substring(0, space), 16);
        if (cp > 0xFFFF) {
          continue; // supplementary look-alikes (mathematical letters) fold through NFKC
        }
        if (n == from.length) {
          from = Arrays.copyOf(from, n * 2);
          to = Arrays.copyOf(to, n * 2);
        }
        from[n] = (char) cp;
        to[n] = line.charAt(space + 1);
        n++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FROM = Arrays.copyOf(from, n);
    TO = Arrays.copyOf(to, n);
  }

  private Confusables() {}

  /** The ASCII look-alike of a BMP character, or 0 if it has none in the table. */
  static char latin(int cp) {
    if (cp < 0x80 || cp > 0xFFFF) {
      return 0;
    }
    int k = Arrays.binarySearch(FROM, (char) cp);
    return k >= 0 ? TO[k] : 0;
  }

  /** How many entries the table holds (for the test that checks it against ICU4J). */
  static int size() {
    return FROM.length;
  }

  /** Entry {@code k}: the code point. */
  static char from(int k) {
    return FROM[k];
  }

  /** Entry {@code k}: its ASCII look-alike. */
  static char to(int k) {
    return TO[k];
  }
}
