package dev.guardrails4j.core.detect.text;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Not API. Folds a text into a canonical form for matching words and phrases, so that the usual
 * obfuscations do not hide them, and keeps an offset map back to the original text (see
 * {@link NormalizedText}).
 *
 * <p>In one linear pass it applies, per character:
 * <ol>
 *   <li>Unicode NFKC compatibility folding (full-width forms, ligatures, mathematical and circled
 *       letters, superscripts), per code point with its combining marks;</li>
 *   <li>case folding (simple, per code point: {@code ſ} and {@code s}, {@code ς} and {@code σ}
 *       fold together);</li>
 *   <li>removal of invisible characters: zero-width space, joiners and non-joiner
 *       (U+200B-U+200D), word joiner and invisible operators (U+2060-U+2064), byte order mark
 *       (U+FEFF), soft hyphen (U+00AD), combining grapheme joiner, bidirectional controls,
 *       variation selectors and tag characters (U+E0000-U+E007F);</li>
 *   <li>removal of diacritics on Latin, Greek and Cyrillic letters ({@code é} becomes
 *       {@code e}), and of stacked combining marks beyond the fourth on any letter;</li>
 *   <li>homoglyph folding of Cyrillic, Greek and small-capital look-alikes to Latin letters
 *       ({@code а}, {@code е}, {@code о}, {@code р}, {@code с}, {@code х}, {@code у},
 *       {@code і}, {@code ѕ}, {@code ο}, {@code α}, {@code ᴀ}, ...), and of enclosed and regional
 *       indicator letters;</li>
 *   <li>optionally, leetspeak folding ({@code 0 1 3 4 5 7 @ $} to {@code o i e a s t a s}) inside
 *       words that also contain letters ({@code 1gn0r3} becomes {@code ignore}, {@code 2024}
 *       stays); off in {@link #standard()}, where digits always stay digits and {@code @} and
 *       {@code $} are separators;</li>
 *   <li>every run of characters that are neither letters, digits nor marks (whitespace,
 *       punctuation, symbols, emoji) collapses to one space.</li>
 * </ol>
 * ASCII characters take a table-driven fast path; only other characters consult the (lazily
 * built, lock-free) folding tables or, when combining marks follow, {@link Normalizer}.
 *
 * <p>NFKC is applied per code point and its following combining marks, which is what folding
 * needs; the rare compositions that span several starters (conjoining Hangul jamo) are left as
 * they are.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TextNormalizer {

  /** Table value: the character is dropped. */
  static final char REMOVED = '\uFFFE';
  /** Table value: the character folds to several characters, see {@link #MULTI}. */
  static final char MULTI_VALUE = '\uFFFF';
  /** Table value: the character is a separator. */
  static final char SEPARATOR = ' ';
  /** Table value: a combining mark, kept or dropped depending on its base. */
  static final char MARK = '\uFDD0';
  /** Combining marks kept after one base character; the rest of a stack is dropped. */
  private static final int MAX_MARKS = 4;

  /** ASCII folding for tables: letters lower-cased, digits, {@code @} and {@code $} kept. */
  static final char[] ASCII = new char[128];
  /** ASCII fast path without leetspeak. */
  private static final char[] ASCII_STANDARD = new char[128];
  /** ASCII fast path with leetspeak. */
  private static final char[] ASCII_LEET = new char[128];

  static {
    for (char c = 0; c < 128; c++) {
      char v;
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '@' || c == '$') {
        v = c;
      } else if (c >= 'A' && c <= 'Z') {
        v = (char) (c + ('a' - 'A'));
      } else {
        v = SEPARATOR;
      }
      ASCII[c] = v;
      ASCII_STANDARD[c] = v == '@' || v == '$' ? SEPARATOR : v;
      ASCII_LEET[c] = v;
    }
  }

  // after the tables above: the constructor reads them
  private static final TextNormalizer STANDARD = new TextNormalizer(false);
  private static final TextNormalizer LEETSPEAK = new TextNormalizer(true);

  private final boolean leetspeak;
  private final char[] ascii;

  private TextNormalizer(boolean leetspeak) {
    this.leetspeak = leetspeak;
    this.ascii = leetspeak ? ASCII_LEET : ASCII_STANDARD;
  }

  /**
   * A normaliser without leetspeak folding: digits stay digits.
   *
   * @return the shared instance
   */
  public static TextNormalizer standard() {
    return STANDARD;
  }

  /**
   * A normaliser that also folds leetspeak digits and symbols to the letters they stand for.
   *
   * @return the shared instance
   */
  public static TextNormalizer withLeetspeak() {
    return LEETSPEAK;
  }

  /**
   * Whether this normaliser folds leetspeak.
   *
   * @return true for {@link #withLeetspeak()}
   */
  public boolean foldsLeetspeak() {
    return leetspeak;
  }

  /**
   * Normalises a text.
   *
   * @param text the text
   * @return the normalised copy with its offset map
   */
  public NormalizedText normalize(String text) {
    return normalize(text, null);
  }

  /**
   * Normalises a text into reusable arrays: the result is only valid until the next call with the
   * same scratch (callers keep it for the duration of one detection).
   *
   * @param text the text
   * @param scratch arrays to reuse, or null to allocate new ones
   * @return the normalised copy with its offset map
   */
  public NormalizedText normalize(String text, @Nullable Scratch scratch) {
    Objects.requireNonNull(text, "text");
    Output out = new Output(text.length(), leetspeak, scratch);
    int n = text.length();
    int i = 0;
    while (i < n) {
      i = out.asciiRun(text, i, ascii);
      while (i < n && text.charAt(i) >= 0x80) {
        out.stopRecordingWords();
        i = foldNonAscii(text, i, out);
      }
    }
    return out.finish(text);
  }

  /** Folds the unit starting at {@code i} (not ASCII) and returns where the next unit starts. */
  private static int foldNonAscii(String text, int i, Output out) {
    int n = text.length();
    char c = text.charAt(i);
    if (!Character.isSurrogate(c)) {
      // the common case: one table look-up says removed, mark or folded value
      char v = FoldingTables.fold(c);
      if (v == REMOVED) {
        return i + 1;
      }
      if (i + 1 < n && isMarkChar(text.charAt(i + 1))) {
        return foldSegment(text, i, i + 1, out);
      }
      emitValue(c, v, i, out);
      return i + 1;
    }
    int cp = text.codePointAt(i);
    int afterCp = i + Character.charCount(cp);
    if (isRemoved(cp)) {
      return afterCp;
    }
    if (afterCp < n && isMarkChar(text.charAt(afterCp))) {
      return foldSegment(text, i, afterCp, out);
    }
    if (cp < 0x10000) {
      emitTableValue((char) cp, i, out);
    } else {
      foldSupplementary(cp, i, out);
    }
    return afterCp;
  }

  /** Whether a BMP character is a combining mark (by the folding table). */
  private static boolean isMarkChar(char c) {
    return c >= 0x300 && !Character.isSurrogate(c) && FoldingTables.fold(c) == MARK;
  }

  /** A base character followed by combining marks: NFKC the segment, then fold each result. */
  private static int foldSegment(String text, int start, int afterBase, Output out) {
    int n = text.length();
    int end = afterBase;
    int kept = afterBase;
    int marks = 0;
    while (end < n) {
      int cp = text.codePointAt(end);
      if (!isCombiningMark(cp) && !isRemoved(cp)) {
        break;
      }
      end += Character.charCount(cp);
      if (isCombiningMark(cp) && marks < MAX_MARKS) {
        marks++;
        kept = end;
      }
    }
    String segment = Normalizer.normalize(text.substring(start, kept), Normalizer.Form.NFKC);
    for (int k = 0; k < segment.length(); ) {
      int cp = segment.codePointAt(k);
      k += Character.charCount(cp);
      emitFolded(cp, start, out);
    }
    return end;
  }

  private static void emitFolded(int cp, int source, Output out) {
    if (cp < 0x80) {
      out.emit(ASCII[cp], source);
    } else if (cp < 0x10000) {
      emitTableValue((char) cp, source, out);
    } else {
      foldSupplementary(cp, source, out);
    }
  }

  private static void emitTableValue(char c, int source, Output out) {
    emitValue(c, FoldingTables.fold(c), source, out);
  }

  private static void emitValue(char c, char v, int source, Output out) {
    if (v == MULTI_VALUE) {
      String s = FoldingTables.multi(c);
      for (int k = 0; k < s.length(); k++) {
        out.emit(s.charAt(k), source);
      }
    } else if (v == MARK) {
      out.mark(c, source);
    } else if (v != REMOVED) {
      out.emit(v, source);
    }
  }

  private static void foldSupplementary(int cp, int source, Output out) {
    // Enclosed letters without a compatibility decomposition, used to dodge filters.
    int letter = -1;
    if (cp >= 0x1F150 && cp <= 0x1F169) {
      letter = cp - 0x1F150;
    } else if (cp >= 0x1F170 && cp <= 0x1F189) {
      letter = cp - 0x1F170;
    } else if (cp >= 0x1F1E6 && cp <= 0x1F1FF) {
      letter = cp - 0x1F1E6;
    }
    if (letter >= 0) {
      out.word((char) ('a' + letter), source);
      return;
    }
    if (Character.isLetterOrDigit(cp) && !Normalizer.isNormalized(
        new String(Character.toChars(cp)), Normalizer.Form.NFKC)) {
      String nf = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
      for (int k = 0; k < nf.length(); ) {
        int r = nf.codePointAt(k);
        k += Character.charCount(r);
        if (r >= 0x10000) {
          emitSupplementaryAsIs(r, source, out);
        } else {
          emitFolded(r, source, out);
        }
      }
      return;
    }
    emitSupplementaryAsIs(cp, source, out);
  }

  private static void emitSupplementaryAsIs(int cp, int source, Output out) {
    if (isRemoved(cp)) {
      return;
    }
    if (Character.isLetterOrDigit(cp) || isCombiningMark(cp)) {
      int folded = Character.toLowerCase(Character.toUpperCase(cp));
      out.word(Character.highSurrogate(folded), source);
      out.word(Character.lowSurrogate(folded), source);
    } else {
      out.separator(source);
    }
  }

  /** Characters that render as nothing and are dropped without leaving a separator. */
  public static boolean isRemoved(int cp) {
    if (cp < 0xAD) {
      return false;
    }
    return cp == 0xAD
        || cp == 0x34F
        || cp == 0x61C
        || cp == 0x115F || cp == 0x1160
        || cp >= 0x17B4 && cp <= 0x17B5
        || cp >= 0x180B && cp <= 0x180F
        || cp >= 0x200B && cp <= 0x200F
        || cp >= 0x202A && cp <= 0x202E
        || cp >= 0x2060 && cp <= 0x206F
        || cp == 0x3164
        || cp >= 0xFE00 && cp <= 0xFE0F
        || cp == 0xFEFF
        || cp == 0xFFA0
        || cp >= 0x1BCA0 && cp <= 0x1BCA3
        || cp >= 0x1D173 && cp <= 0x1D17A
        || cp >= 0xE0000 && cp <= 0xE0FFF;
  }

  /** Whether the code point that ends at {@code end} (after {@code floor}) is a removed one. */
  static boolean endsWithRemoved(String text, int end, int floor) {
    char last = text.charAt(end - 1);
    if (Character.isLowSurrogate(last) && end - 2 > floor
        && Character.isHighSurrogate(text.charAt(end - 2))) {
      return isRemoved(Character.toCodePoint(text.charAt(end - 2), last));
    }
    return isRemoved(last);
  }

  static boolean isCombiningMark(int cp) {
    if (cp < 0x300) {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /** Scripts whose diacritics are folded away: Latin, Greek, Cyrillic (and their extensions). */
  static boolean stripsDiacritics(int cp) {
    return cp < 0x530
        || cp >= 0x1D00 && cp <= 0x1FFF
        || cp >= 0x2C60 && cp <= 0x2C7F
        || cp >= 0xA640 && cp <= 0xA69F
        || cp >= 0xA720 && cp <= 0xA7FF
        || cp >= 0xAB30 && cp <= 0xAB6F;
  }

  private static char leet(char c) {
    switch (c) {
      case '0': return 'o';
      case '1': return 'i';
      case '3': return 'e';
      case '4': return 'a';
      case '5': return 's';
      case '7': return 't';
      case '@': return 'a';
      case '$': return 's';
      default: return c;
    }
  }

  /**
   * Arrays that one caller reuses from call to call (one per thread, never used by two calls at
   * once), so that normalising a prompt allocates nothing; texts longer than {@link #MAX_KEPT}
   * characters get arrays of their own, so a huge text does not stay in memory.
   */
  public static final class Scratch {
    /**
     * The longest text whose arrays are kept for the next call (16 Ki characters: about 100 KB per
     * thread); a longer one gets arrays of its own.
     */
    public static final int MAX_KEPT = 1 << 14;
    /** The most words whose list is kept for the next call. */
    static final int MAX_KEPT_WORDS = 1 << 12;
    /** Ordinary prose has a word every six characters or so. */
    static final int CHARS_PER_WORD = 6;
    char[] chars = new char[0];
    int[] starts = new int[0];

    /**
     * Set by the caller: also list the words of an all-ASCII text (maximal runs without a space in
     * the normalised copy) with their {@link WordAutomaton#hash(CharSequence)}, so that a word
     * pass need not read the copy again.
     */
    public boolean recordWords;
    /** How many words were listed, or -1 if none were (not asked for, or the text is not ASCII). */
    public int words = -1;
    /** Where each listed word starts and ends (exclusive) in the normalised copy. */
    public int[] wordStarts = new int[0];
    public int[] wordEnds = new int[0];
    /** Each listed word's hash. */
    public long[] wordHashes = new long[0];

    /** Lets go of a word list that grew past {@link #MAX_KEPT_WORDS} (call after use). */
    public void trim() {
      if (wordStarts.length > MAX_KEPT_WORDS) {
        wordStarts = new int[0];
        wordEnds = new int[0];
        wordHashes = new long[0];
      }
      words = -1;
    }

    /** Makes room for so many words up front (prose needs no growing). */
    void reserveWords(int capacity) {
      if (wordStarts.length < capacity) {
        grow(capacity);
      }
    }

    private void grow(int capacity) {
      wordStarts = Arrays.copyOf(wordStarts, capacity);
      wordEnds = Arrays.copyOf(wordEnds, capacity);
      wordHashes = Arrays.copyOf(wordHashes, capacity);
    }

    void addWord(int from, int to, long hash) {
      if (words == wordStarts.length) {
        grow(Math.max(64, words * 2));
      }
      wordStarts[words] = from;
      wordEnds[words] = to;
      wordHashes[words] = hash;
      words++;
    }
  }

  /** The growing output of one call. */
  private static final class Output {
    private final boolean leetspeak;
    private char[] chars;
    private int[] starts;
    private int length;
    private int separatorStart = -1;
    /** Leetspeak: where the current word starts, and what it holds so far. */
    private int wordStart;
    private boolean wordHasLetter;
    private boolean wordHasLeet;
    /** Where the words of an all-ASCII text are listed, or null (not asked, or not ASCII). */
    private @Nullable Scratch words;
    /** The hash of the current word so far (while words are listed). */
    private long hash = WordAutomaton.SEED;

    /** A character that is not ASCII: the word list is abandoned. */
    void stopRecordingWords() {
      if (words != null) {
        words.words = -1;
        words = null;
      }
    }

    /** Lists the words (runs without a space) of the finished copy between two indexes. */
    private void recordPieces(Scratch list, int from, int to) {
      int k = from;
      while (k < to) {
        if (chars[k] == SEPARATOR) {
          k++;
          continue;
        }
        int start = k;
        long h = WordAutomaton.SEED;
        while (k < to && chars[k] != SEPARATOR) {
          h = WordAutomaton.hash(h, chars[k]);
          k++;
        }
        list.addWord(start, k, h);
      }
    }

    Output(int expected, boolean leetspeak, @Nullable Scratch scratch) {
      int capacity = Math.max(16, expected + 1);
      if (scratch != null) {
        scratch.words = scratch.recordWords ? 0 : -1;
        if (scratch.recordWords) {
          this.words = scratch;
          scratch.reserveWords(expected / Scratch.CHARS_PER_WORD);
        }
      }
      if (scratch != null && scratch.chars.length >= capacity) {
        this.chars = scratch.chars;
        this.starts = scratch.starts;
      } else {
        this.chars = new char[capacity];
        this.starts = new int[capacity];
        if (scratch != null && expected <= Scratch.MAX_KEPT) {
          scratch.chars = chars;
          scratch.starts = starts;
        }
      }
      this.leetspeak = leetspeak;
    }

    /**
     * The fast path: folds ASCII characters from {@code from} until the first non-ASCII one, with
     * the state in local variables, and returns where it stopped.
     */
    int asciiRun(String text, int from, char[] table) {
      int n = text.length();
      ensureCapacity(length + (n - from) + 1);
      char[] out = chars;
      int[] sources = starts;
      int len = length;
      int sep = separatorStart;
      Scratch list = words;
      long h = hash;
      boolean hasLeet = wordHasLeet;
      boolean hasLetter = wordHasLetter;
      int i = from;
      for (; i < n; i++) {
        char c = text.charAt(i);
        if (c >= 0x80) {
          break;
        }
        char v = table[c];
        if (v == SEPARATOR) {
          if (sep < 0) {
            if (hasLeet) {
              length = len;
              separatorStart = -1;
              wordHasLetter = hasLetter;
              int word = wordStart;
              endLeetWord();
              if (list != null) {
                // leetspeak rewrote the word (or split it): hash what it became
                recordPieces(list, word, length);
              }
              hasLeet = false;
              hasLetter = false;
              len = length;
              sep = separatorStart;
            } else if (list != null && len > wordStart) {
              list.addWord(wordStart, len, h);
            }
            h = WordAutomaton.SEED;
            if (sep < 0) {
              sep = i;
            }
          }
          continue;
        }
        if (sep >= 0) {
          out[len] = SEPARATOR;
          sources[len] = sep;
          len++;
          sep = -1;
          wordStart = len;
          hasLetter = false;
        }
        out[len] = v;
        sources[len] = i;
        len++;
        h = WordAutomaton.hash(h, v);
        if (leetspeak) {
          // the leet table holds letters, digits, @ and $; everything below 'a' is leet
          if (v < 'a') {
            hasLeet = true;
          } else {
            hasLetter = true;
          }
        }
      }
      length = len;
      separatorStart = sep;
      hash = h;
      wordHasLeet = hasLeet;
      wordHasLetter = hasLetter;
      return i;
    }

    private void ensureCapacity(int capacity) {
      if (capacity > chars.length) {
        chars = Arrays.copyOf(chars, capacity);
        starts = Arrays.copyOf(starts, capacity);
      }
    }

    void separator(int source) {
      if (separatorStart < 0) {
        if (wordHasLeet) {
          endLeetWord();
        }
        if (separatorStart < 0) {
          separatorStart = source;
        }
      }
    }

    /** A folded character from the tables: a separator, a letter or digit, {@code @} or $. */
    void emit(char v, int source) {
      if (v == SEPARATOR || !leetspeak && (v == '@' || v == '$')) {
        separator(source);
      } else {
        word(v, source);
      }
    }

    /** A combining mark: dropped after a letter whose diacritics fold away, or with no base. */
    void mark(char c, int source) {
      if (length == 0 || separatorStart >= 0 || stripsDiacritics(chars[length - 1])) {
        return;
      }
      word(c, source);
    }

    void word(char c, int source) {
      if (separatorStart >= 0) {
        append(SEPARATOR, separatorStart);
        separatorStart = -1;
        wordStart = length;
        wordHasLetter = false;
      }
      append(c, source);
      if (leetspeak) {
        if (c >= '0' && c <= '9' || c == '@' || c == '$') {
          wordHasLeet = true;
        } else {
          wordHasLetter = true;
        }
      }
    }

    private void append(char c, int source) {
      if (length == chars.length) {
        int capacity = chars.length + (chars.length >> 1) + 16;
        chars = Arrays.copyOf(chars, capacity);
        starts = Arrays.copyOf(starts, capacity);
      }
      chars[length] = c;
      starts[length] = source;
      length++;
    }

    /**
     * Leetspeak folds digits, {@code @} and {@code $} only inside words that also have letters
     * ({@code 1gn0r3}, {@code p@ss}); in a word without letters digits stay digits ({@code 2024})
     * and {@code @} and {@code $} are separators.
     */
    private void endLeetWord() {
      if (wordHasLetter) {
        for (int k = wordStart; k < length; k++) {
          chars[k] = leet(chars[k]);
        }
      } else {
        int j = wordStart;
        int pending = -1;
        for (int k = wordStart; k < length; k++) {
          char ch = chars[k];
          if (ch == '@' || ch == '$') {
            if (pending < 0) {
              pending = starts[k];
            }
            continue;
          }
          if (pending >= 0 && j > wordStart) {
            chars[j] = SEPARATOR;
            starts[j] = pending;
            j++;
          }
          pending = -1;
          chars[j] = ch;
          starts[j] = starts[k];
          j++;
        }
        length = j;
        if (j == wordStart && wordStart > 0) {
          // a word of nothing but @ and $ merges with the separator before it
          length--;
          separatorStart = starts[length];
        } else if (pending >= 0) {
          separatorStart = pending;
        }
      }
      wordHasLeet = false;
      wordHasLetter = false;
    }

    NormalizedText finish(String original) {
      Scratch list = words;
      if (wordHasLeet) {
        int word = wordStart;
        endLeetWord();
        if (list != null) {
          recordPieces(list, word, length);
        }
      } else if (list != null && separatorStart < 0 && length > wordStart) {
        list.addWord(wordStart, length, hash);
      }
      if (separatorStart >= 0) {
        append(SEPARATOR, separatorStart);
        separatorStart = -1;
      }
      return new NormalizedText(original, chars, starts, length);
    }
  }
}
