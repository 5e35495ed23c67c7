package dev.guardrails4j.core.detect.injection;

import dev.guardrails4j.core.detect.text.PhraseAutomaton;
import dev.guardrails4j.core.detect.text.TextNormalizer;
import dev.guardrails4j.core.detect.text.WordAutomaton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The word classes the prompt-injection rules reason about ("override verb", "prior qualifier",
 * "instruction noun", ...), each a list of phrase fragments in several languages, compiled once,
 * over text folded by {@link TextNormalizer#withLeetspeak()}, into a {@link WordAutomaton} (for
 * words of spaced scripts, the common case) and a {@link PhraseAutomaton} (for CJK and other
 * unspaced scripts, and for spelled-out text read without word boundaries). Phrase ids are shared
 * by both automata.
 *
 * <p>Fragment syntax: a trailing {@code *} makes a stem (matches any word that starts with it,
 * for inflected languages); a leading {@code ^} marks a verb of a verb-final language (Japanese,
 * Korean, Hindi), whose object may come before it. Every ASCII fragment is also compiled in two
 * obfuscated layers, ROT13 and reversed, so that {@code vtaber cerivbhf vafgehpgvbaf} and
 * {@code snoitcurtsni suoiverp erongi} are read like the plain phrase.
 *
 * <p>The phrases themselves are data in {@link OverridePhrases}, {@link JailbreakPhrases} and
 * {@link IndirectPhrases}, added in that order.
 */
final class InjectionLexicon {

  // Word classes; bit positions in a phrase's class mask.
  static final int IGNORE = 0;
  static final int IGNORE_WEAK = 1;
  static final int PRIOR = 2;
  static final int QUANT = 3;
  static final int OBJ = 4;
  static final int OBJ_WEAK = 5;
  static final int TOLD = 6;
  static final int VETO = 7;
  static final int DOC = 8;
  static final int SAY = 9;
  static final int CONJ = 10;
  static final int NEW_INSTR = 11;
  static final int FROM_NOW = 12;
  static final int YOU_MODAL = 13;
  static final int REVEAL = 14;
  static final int TARGET = 15;
  static final int SECRET = 16;
  static final int SECRET_ML = 17;
  static final int SECRET_DET = 18;
  static final int SECRET_VETO = 19;
  static final int SECRET_VETO_AFTER = 20;
  static final int ASK = 21;
  static final int PERSONA = 22;
  static final int NO_LIMITS = 23;
  static final int NO_LIMITS_WEAK = 24;
  static final int JB_STRONG = 25;
  static final int DAN = 26;
  static final int DAN_CTX = 27;
  static final int NO_LONGER = 28;
  static final int AI_SELF = 29;
  static final int MODE = 30;
  static final int MODE_NAME = 31;
  static final int MODE_NAME_WEAK = 32;
  static final int ACTIVATE = 33;
  static final int OVERRIDE = 34;
  static final int OVERRIDE_CTX = 35;
  static final int AUTH_INTRO = 36;
  static final int AUTH_ROLE = 37;
  static final int AUTH_CLAIM = 38;
  static final int TEMPLATE = 39;
  static final int ROLE_WORD = 40;
  static final int TURN_Q = 41;
  static final int TURN_A = 42;
  static final int ADDRESS_AI = 43;
  static final int HIDE_USER = 44;
  static final int TELL_USER = 45;
  static final int ENCODING = 46;
  static final int RESPOND = 47;
  static final int MODEL_OUTPUT = 48;
  static final int DECODE = 49;
  static final int FOLLOW = 50;
  static final int SPLIT_JOIN = 51;
  static final int YOUR = 52;
  static final int ARTICLE = 53;
  static final int THE = 54;
  static final int NEGATION = 55;
  static final int DEVICE = 56;
  static final int RESTRICTION_REF = 57;
  static final int INJECT_CODE = 58;
  static final int DANGEROUS_CODE = 59;
  static final int OUTPUT_TARGET = 60;
  static final int EXTRACT_QUESTION = 61;
  static final int POSITIONAL = 62;
  static final int REVEAL_WEAK = 63;
  // classes 64 and up live in a second mask (see PHRASE_CLASSES2)
  static final int PERSONAL_DATA = 64;
  static final int THIRD_PARTY = 65;
  static final int DATA_STORE = 66;
  static final int REFUSAL = 67;
  static final int DEMONSTRATIVE = 68;
  static final int CODE_CONTEXT = 69;
  static final int PREFIX_SURE = 70;
  static final int FICTION = 71;
  static final int LAWLESS = 72;
  /** An owner who is not the person the conversation is about: another user, someone else. */
  static final int OTHER_PARTY = 73;

  /** Layers: the plain text and its two obfuscated readings. */
  static final int PLAIN = 0;
  static final int ROT13 = 1;
  static final int REVERSED = 2;
  static final int LAYERS = 3;

  private static final Map<Integer, String[]> ENTRIES = new LinkedHashMap<>();

  static void add(int cls, String... fragments) {
    ENTRIES.merge(cls, fragments, (a, b) -> {
      String[] c = new String[a.length + b.length];
      System.arraycopy(a, 0, c, 0, a.length);
      System.arraycopy(b, 0, c, a.length, b.length);
      return c;
    });
  }

  static {
    OverridePhrases.addAll();
    JailbreakPhrases.addAll();
    IndirectPhrases.addAll();
  }

  /** Phrase ids of the automaton to their class masks: classes 0-63. */
  static final long[] PHRASE_CLASSES;
  /** Phrase ids to their classes 64-127 (bit {@code cls - 64}). */
  static final long[] PHRASE_CLASSES2;
  /** The layer of each phrase id. */
  static final byte[] PHRASE_LAYER;
  /** Whether a phrase is a verb of a verb-final language. */
  static final boolean[] PHRASE_SOV;
  /** The compiled automaton over characters (for unspaced scripts and joined letters). */
  static final PhraseAutomaton AUTOMATON;
  /** The compiled automaton over words (for everything else). */
  static final WordAutomaton WORDS;

  static {
    TextNormalizer normalizer = TextNormalizer.withLeetspeak();
    // phrase text per layer -> classes, sov flag, stem flag
    List<Map<String, long[]>> byLayer = new ArrayList<>();
    for (int l = 0; l < LAYERS; l++) {
      byLayer.add(new LinkedHashMap<>());
    }
    for (Map.Entry<Integer, String[]> e : ENTRIES.entrySet()) {
      int cls = e.getKey();
      long bit = cls < 64 ? 1L << cls : 0L;
      long bit2 = cls < 64 ? 0L : 1L << (cls - 64);
      for (String raw : e.getValue()) {
        boolean sov = raw.startsWith("^");
        boolean stem = raw.endsWith("*");
        String body = raw.substring(sov ? 1 : 0, raw.length() - (stem ? 1 : 0));
        String phrase = normalizer.normalize(body).toString().strip();
        if (phrase.isEmpty()) {
          throw new IllegalStateException("empty lexicon fragment: " + raw);
        }
        long flags = (sov ? 1L : 0L) | (stem ? 2L : 0L);
        merge(byLayer.get(PLAIN), phrase, bit, bit2, flags);
        // obfuscated twins of short words would collide with ordinary words ("on", "evil")
        if (isAsciiWords(phrase) && (phrase.length() >= 4 || phrase.indexOf(' ') > 0)) {
          merge(byLayer.get(ROT13), rot13(phrase), bit, bit2, flags);
          merge(byLayer.get(REVERSED), new StringBuilder(phrase).reverse().toString(), bit,
              bit2, flags);
        }
      }
    }
    PhraseAutomaton.Builder builder = PhraseAutomaton.builder();
    WordAutomaton.Builder words = WordAutomaton.builder();
    List<long[]> values = new ArrayList<>();
    List<Integer> layers = new ArrayList<>();
    for (int l = 0; l < LAYERS; l++) {
      for (Map.Entry<String, long[]> e : byLayer.get(l).entrySet()) {
        String phrase = e.getKey();
        boolean stem = (e.getValue()[1] & 2L) != 0;
        if (stem && isAsciiWords(phrase)) {
          throw new IllegalStateException("stems must be non-ASCII: " + phrase);
        }
        int id = builder.add(phrase, true, !stem);
        List<String> split = List.of(phrase.split(" "));
        if (split.size() > 16) {
          throw new IllegalStateException("phrase too long: " + phrase);
        }
        if (!hasUnspaced(phrase)) {
          words.add(split, stem, id);
        }
        values.add(e.getValue());
        layers.add(l);
      }
    }
    AUTOMATON = builder.build();
    WORDS = words.build();
    int n = values.size();
    PHRASE_CLASSES = new long[n];
    PHRASE_CLASSES2 = new long[n];
    PHRASE_LAYER = new byte[n];
    PHRASE_SOV = new boolean[n];
    for (int k = 0; k < n; k++) {
      PHRASE_CLASSES[k] = values.get(k)[0];
      PHRASE_CLASSES2[k] = values.get(k)[2];
      PHRASE_SOV[k] = (values.get(k)[1] & 1L) != 0;
      PHRASE_LAYER[k] = (byte) (int) layers.get(k);
    }
  }

  /**
   * Every plain ASCII word of the phrases above, with common short words, so that run-together
   * text ({@code ignoreallpreviousinstructions}) can be split into words before it is read.
   */
  static final Set<String> SPLIT_WORDS = words();

  private static Set<String> words() {
    Set<String> words = new HashSet<>(List.of("a", "i", "all", "and", "the", "your", "you", "my",
        "me", "to", "of", "any", "now", "this", "that", "from", "on", "in", "is", "are", "be", "do",
        "not", "no", "what", "tell", "show", "print", "give", "with", "for", "it", "us", "so", "an",
        "or", "as", "at", "by", "then", "instead", "just", "only", "everything", "above"));
    for (String[] fragments : ENTRIES.values()) {
      for (String f : fragments) {
        for (String w : f.replace("*", "").replace("^", "").split(" ")) {
          if (w.length() >= 2 && w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            words.add(w);
          }
        }
      }
    }
    return Set.copyOf(words);
  }

  private InjectionLexicon() {}

  private static void merge(Map<String, long[]> map, String phrase, long bit, long bit2,
      long flags) {
    long[] v = map.computeIfAbsent(phrase, p -> new long[3]);
    v[0] |= bit;
    v[1] |= flags;
    v[2] |= bit2;
  }

  private static boolean hasUnspaced(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (PhraseAutomaton.isUnspaced(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAsciiWords(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c == ' ')) {
        return false;
      }
    }
    return true;
  }

  static String rot13(String s) {
    char[] out = s.toCharArray();
    for (int i = 0; i < out.length; i++) {
      char c = out[i];
      if (c >= 'a' && c <= 'z') {
        out[i] = (char) ('a' + (c - 'a' + 13) % 26);
      }
    }
    return new String(out);
  }

  /** Whether a class mask contains a class. */
  static boolean has(long mask, int cls) {
    return (mask & (1L << cls)) != 0;
  }
}
