package dev.guardrails4j.core.detect.text;

import static dev.guardrails4j.core.detect.text.TextNormalizer.ASCII;
import static dev.guardrails4j.core.detect.text.TextNormalizer.MARK;
import static dev.guardrails4j.core.detect.text.TextNormalizer.MULTI_VALUE;
import static dev.guardrails4j.core.detect.text.TextNormalizer.REMOVED;
import static dev.guardrails4j.core.detect.text.TextNormalizer.SEPARATOR;
import static dev.guardrails4j.core.detect.text.TextNormalizer.isCombiningMark;
import static dev.guardrails4j.core.detect.text.TextNormalizer.isRemoved;
import static dev.guardrails4j.core.detect.text.TextNormalizer.stripsDiacritics;

import java.text.Normalizer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Folding tables for the Basic Multilingual Plane, built lazily in blocks of 256 characters the
 * first time a text needs them, so ASCII-only workloads never pay for them. Two threads may build
 * the same block at once; both results are equal and either wins.
 */
final class FoldingTables {
  private static final AtomicReferenceArray<char[]> BLOCKS = new AtomicReferenceArray<>(256);
  private static final ConcurrentHashMap<Character, String> MULTI_MAP =
      new ConcurrentHashMap<>();

  /** Look-alikes folded before case folding (capitals that look Latin). */
  private static final Map<Character, Character> UPPER_HOMOGLYPHS = Map.ofEntries(
      // Cyrillic capitals
      Map.entry('А', 'a'), Map.entry('В', 'b'), Map.entry('Е', 'e'), Map.entry('К', 'k'),
      Map.entry('М', 'm'), Map.entry('Н', 'h'), Map.entry('О', 'o'), Map.entry('Р', 'p'),
      Map.entry('С', 'c'), Map.entry('Т', 't'), Map.entry('У', 'y'), Map.entry('Х', 'x'),
      Map.entry('Ѕ', 's'), Map.entry('І', 'i'), Map.entry('Ј', 'j'), Map.entry('Ԛ', 'q'),
      Map.entry('Ԝ', 'w'), Map.entry('Һ', 'h'),
      // Greek capitals
      Map.entry('Α', 'a'), Map.entry('Β', 'b'), Map.entry('Ε', 'e'), Map.entry('Ζ', 'z'),
      Map.entry('Η', 'h'), Map.entry('Ι', 'i'), Map.entry('Κ', 'k'), Map.entry('Μ', 'm'),
      Map.entry('Ν', 'n'), Map.entry('Ο', 'o'), Map.entry('Ρ', 'p'), Map.entry('Τ', 't'),
      Map.entry('Υ', 'y'), Map.entry('Χ', 'x'));

  /** Look-alikes folded after case folding. */
  private static final Map<Character, Character> LOWER_HOMOGLYPHS = Map.ofEntries(
      // Cyrillic
      Map.entry('а', 'a'), Map.entry('е', 'e'), Map.entry('о', 'o'), Map.entry('р', 'p'),
      Map.entry('с', 'c'), Map.entry('х', 'x'), Map.entry('у', 'y'), Map.entry('і', 'i'),
      Map.entry('ѕ', 's'), Map.entry('ј', 'j'), Map.entry('ԁ', 'd'), Map.entry('ԛ', 'q'),
      Map.entry('ԝ', 'w'), Map.entry('һ', 'h'), Map.entry('ӏ', 'l'), Map.entry('к', 'k'),
      Map.entry('ь', 'b'), Map.entry('г', 'r'), Map.entry('п', 'n'),
      // Greek
      Map.entry('α', 'a'), Map.entry('β', 'b'), Map.entry('γ', 'y'), Map.entry('ε', 'e'),
      Map.entry('η', 'n'), Map.entry('ι', 'i'), Map.entry('κ', 'k'), Map.entry('ν', 'v'),
      Map.entry('ο', 'o'), Map.entry('ρ', 'p'), Map.entry('τ', 't'), Map.entry('υ', 'u'),
      Map.entry('χ', 'x'), Map.entry('ω', 'w'),
      // Latin look-alikes and small capitals
      Map.entry('ı', 'i'), Map.entry('ȷ', 'j'), Map.entry('ɑ', 'a'), Map.entry('ɡ', 'g'),
      Map.entry('ɩ', 'i'), Map.entry('ʟ', 'l'), Map.entry('ɴ', 'n'), Map.entry('ʀ', 'r'),
      Map.entry('ʏ', 'y'), Map.entry('ᴀ', 'a'), Map.entry('ʙ', 'b'), Map.entry('ᴄ', 'c'),
      Map.entry('ᴅ', 'd'), Map.entry('ᴇ', 'e'), Map.entry('ꜰ', 'f'), Map.entry('ɢ', 'g'),
      Map.entry('ʜ', 'h'), Map.entry('ɪ', 'i'), Map.entry('ᴊ', 'j'), Map.entry('ᴋ', 'k'),
      Map.entry('ᴍ', 'm'), Map.entry('ᴏ', 'o'), Map.entry('ᴘ', 'p'), Map.entry('ꜱ', 's'),
      Map.entry('ᴛ', 't'), Map.entry('ᴜ', 'u'), Map.entry('ᴠ', 'v'), Map.entry('ᴡ', 'w'),
      Map.entry('ᴢ', 'z'), Map.entry('ǫ', 'q'),
      // Armenian
      Map.entry('օ', 'o'), Map.entry('ս', 'u'), Map.entry('հ', 'h'));

  private FoldingTables() {}

  static char fold(char c) {
    int index = c >>> 8;
    char[] block = BLOCKS.get(index);
    if (block == null) {
      block = buildBlock(index);
      BLOCKS.set(index, block);
    }
    return block[c & 0xFF];
  }

  static String multi(char c) {
    String s = MULTI_MAP.get(c);
    return s != null ? s : String.valueOf(SEPARATOR);
  }

  private static char[] buildBlock(int index) {
    char[] block = new char[256];
    for (int k = 0; k < 256; k++) {
      char c = (char) ((index << 8) | k);
      block[k] = compute(c);
    }
    return block;
  }

  private static char compute(char c) {
    if (c < 0x80) {
      return ASCII[c];
    }
    if (Character.isSurrogate(c)) {
      return SEPARATOR;
    }
    if (isRemoved(c)) {
      return REMOVED;
    }
    if (isCombiningMark(c)) {
      return MARK;
    }
    if (c >= 0x4E00 && c <= 0x9FFF || c >= 0xAC00 && c <= 0xD7A3) {
      return c; // CJK ideographs and Hangul syllables: stable under NFKC, no case
    }
    String nfkc = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC);
    StringBuilder folded = new StringBuilder(nfkc.length());
    for (int k = 0; k < nfkc.length(); ) {
      int cp = nfkc.codePointAt(k);
      k += Character.charCount(cp);
      appendFolded(cp, folded);
    }
    if (folded.length() == 1) {
      return folded.charAt(0);
    }
    if (folded.length() == 0) {
      return REMOVED;
    }
    String s = folded.toString();
    MULTI_MAP.put(c, s);
    return MULTI_VALUE;
  }

  private static void appendFolded(int cp, StringBuilder folded) {
    if (isRemoved(cp)) {
      return;
    }
    if (cp < 0x80) {
      folded.append(ASCII[cp]);
      return;
    }
    if (cp >= 0x10000) {
      if (Character.isLetterOrDigit(cp)) {
        folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp)));
      } else {
        folded.append(SEPARATOR);
      }
      return;
    }
    char c = (char) cp;
    if (c == 'ß' || c == 'ẞ') {
      folded.append("ss");
      return;
    }
    Character upper = UPPER_HOMOGLYPHS.get(c);
    if (upper != null) {
      folded.append(upper.charValue());
      return;
    }
    int lower = Character.toLowerCase(Character.toUpperCase(cp));
    if (lower != cp && lower < 0x80) {
      folded.append(ASCII[lower]);
      return;
    }
    if (stripsDiacritics(lower)) {
      String nfd = Normalizer.normalize(String.valueOf((char) lower), Normalizer.Form.NFD);
      int base = nfd.charAt(0);
      if (nfd.length() > 1 && !isCombiningMark(base)) {
        lower = base;
      }
    }
    if (lower < 0x80) {
      folded.append(ASCII[lower]);
      return;
    }
    Character homoglyph = LOWER_HOMOGLYPHS.get((char) lower);
    if (homoglyph != null) {
      folded.append(homoglyph.charValue());
      return;
    }
    if (Character.isLetterOrDigit(lower) || isCombiningMark(lower)) {
      folded.append((char) lower);
    } else {
      folded.append(SEPARATOR);
    }
  }
}
