package dev.guardrails4j.core.detect;

import static dev.guardrails4j.core.detect.InjectionLexicon.ACTIVATE;
import static dev.guardrails4j.core.detect.InjectionLexicon.ADDRESS_AI;
import static dev.guardrails4j.core.detect.InjectionLexicon.AI_SELF;
import static dev.guardrails4j.core.detect.InjectionLexicon.ARTICLE;
import static dev.guardrails4j.core.detect.InjectionLexicon.ASK;
import static dev.guardrails4j.core.detect.InjectionLexicon.AUTH_CLAIM;
import static dev.guardrails4j.core.detect.InjectionLexicon.AUTH_INTRO;
import static dev.guardrails4j.core.detect.InjectionLexicon.AUTH_ROLE;
import static dev.guardrails4j.core.detect.InjectionLexicon.CONJ;
import static dev.guardrails4j.core.detect.InjectionLexicon.DAN;
import static dev.guardrails4j.core.detect.InjectionLexicon.DANGEROUS_CODE;
import static dev.guardrails4j.core.detect.InjectionLexicon.DAN_CTX;
import static dev.guardrails4j.core.detect.InjectionLexicon.DECODE;
import static dev.guardrails4j.core.detect.InjectionLexicon.DEVICE;
import static dev.guardrails4j.core.detect.InjectionLexicon.DOC;
import static dev.guardrails4j.core.detect.InjectionLexicon.ENCODING;
import static dev.guardrails4j.core.detect.InjectionLexicon.EXTRACT_QUESTION;
import static dev.guardrails4j.core.detect.InjectionLexicon.FOLLOW;
import static dev.guardrails4j.core.detect.InjectionLexicon.FROM_NOW;
import static dev.guardrails4j.core.detect.InjectionLexicon.HIDE_USER;
import static dev.guardrails4j.core.detect.InjectionLexicon.IGNORE;
import static dev.guardrails4j.core.detect.InjectionLexicon.IGNORE_WEAK;
import static dev.guardrails4j.core.detect.InjectionLexicon.INJECT_CODE;
import static dev.guardrails4j.core.detect.InjectionLexicon.JB_STRONG;
import static dev.guardrails4j.core.detect.InjectionLexicon.MODE;
import static dev.guardrails4j.core.detect.InjectionLexicon.MODEL_OUTPUT;
import static dev.guardrails4j.core.detect.InjectionLexicon.MODE_NAME;
import static dev.guardrails4j.core.detect.InjectionLexicon.MODE_NAME_WEAK;
import static dev.guardrails4j.core.detect.InjectionLexicon.NEGATION;
import static dev.guardrails4j.core.detect.InjectionLexicon.NEW_INSTR;
import static dev.guardrails4j.core.detect.InjectionLexicon.NO_LIMITS;
import static dev.guardrails4j.core.detect.InjectionLexicon.NO_LIMITS_WEAK;
import static dev.guardrails4j.core.detect.InjectionLexicon.NO_LONGER;
import static dev.guardrails4j.core.detect.InjectionLexicon.OBJ;
import static dev.guardrails4j.core.detect.InjectionLexicon.OBJ_WEAK;
import static dev.guardrails4j.core.detect.InjectionLexicon.OUTPUT_TARGET;
import static dev.guardrails4j.core.detect.InjectionLexicon.OVERRIDE;
import static dev.guardrails4j.core.detect.InjectionLexicon.OVERRIDE_CTX;
import static dev.guardrails4j.core.detect.InjectionLexicon.POSITIONAL;
import static dev.guardrails4j.core.detect.InjectionLexicon.PERSONA;
import static dev.guardrails4j.core.detect.InjectionLexicon.PRIOR;
import static dev.guardrails4j.core.detect.InjectionLexicon.QUANT;
import static dev.guardrails4j.core.detect.InjectionLexicon.RESPOND;
import static dev.guardrails4j.core.detect.InjectionLexicon.RESTRICTION_REF;
import static dev.guardrails4j.core.detect.InjectionLexicon.REVEAL;
import static dev.guardrails4j.core.detect.InjectionLexicon.REVEAL_WEAK;
import static dev.guardrails4j.core.detect.InjectionLexicon.ROLE_WORD;
import static dev.guardrails4j.core.detect.InjectionLexicon.SAY;
import static dev.guardrails4j.core.detect.InjectionLexicon.SECRET;
import static dev.guardrails4j.core.detect.InjectionLexicon.SECRET_DET;
import static dev.guardrails4j.core.detect.InjectionLexicon.SECRET_ML;
import static dev.guardrails4j.core.detect.InjectionLexicon.SECRET_VETO;
import static dev.guardrails4j.core.detect.InjectionLexicon.SECRET_VETO_AFTER;
import static dev.guardrails4j.core.detect.InjectionLexicon.SPLIT_JOIN;
import static dev.guardrails4j.core.detect.InjectionLexicon.TARGET;
import static dev.guardrails4j.core.detect.InjectionLexicon.TELL_USER;
import static dev.guardrails4j.core.detect.InjectionLexicon.TEMPLATE;
import static dev.guardrails4j.core.detect.InjectionLexicon.THE;
import static dev.guardrails4j.core.detect.InjectionLexicon.TOLD;
import static dev.guardrails4j.core.detect.InjectionLexicon.TURN_A;
import static dev.guardrails4j.core.detect.InjectionLexicon.TURN_Q;
import static dev.guardrails4j.core.detect.InjectionLexicon.VETO;
import static dev.guardrails4j.core.detect.InjectionLexicon.YOUR;
import static dev.guardrails4j.core.detect.InjectionLexicon.YOU_MODAL;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Scores a text for prompt injection and jailbreak patterns; see
 * {@link PromptInjectionDetectorFactory} for what it recognises and how it scores.
 */
final class PromptInjectionDetector implements Detector {

  static final String PROMPT_INJECTION = "PROMPT_INJECTION";
  static final String JAILBREAK = "JAILBREAK";
  static final String SYSTEM_PROMPT_EXTRACTION = "SYSTEM_PROMPT_EXTRACTION";
  static final String ENCODED_PAYLOAD = "ENCODED_PAYLOAD";
  static final String MANY_SHOT = "MANY_SHOT";
  /** Every type, in a stable order; a type's bit in a type mask is its index. */
  static final List<String> TYPES =
      List.of(PROMPT_INJECTION, JAILBREAK, SYSTEM_PROMPT_EXTRACTION, ENCODED_PAYLOAD, MANY_SHOT);
  static final int ALL_TYPES = (1 << TYPES.size()) - 1;

  private static final int T_PI = 0;
  private static final int T_JB = 1;
  private static final int T_SPE = 2;
  private static final int T_EP = 3;
  private static final int T_MS = 4;

  /** Evidence kinds; the score of a text combines the best evidence of each kind. */
  private static final int K_OVERRIDE = 0;
  private static final int K_DOC_OVERRIDE = 1;
  private static final int K_NEW_INSTR = 2;
  private static final int K_FROM_NOW = 3;
  private static final int K_EXTRACTION = 4;
  private static final int K_TARGET = 5;
  private static final int K_SECRET = 6;
  private static final int K_JB_PHRASE = 7;
  private static final int K_PERSONA_NO_LIMITS = 8;
  private static final int K_NO_LIMITS = 9;
  private static final int K_PERSONA = 10;
  private static final int K_AI_NO_LIMITS = 11;
  private static final int K_DAN = 12;
  private static final int K_NO_LONGER = 13;
  private static final int K_MODE = 14;
  private static final int K_OVERRIDE_CLAIM = 15;
  private static final int K_AUTHORITY = 16;
  private static final int K_TEMPLATE = 17;
  private static final int K_ROLE_MARKUP = 18;
  private static final int K_MANY_SHOT = 19;
  private static final int K_ADDRESS_AI = 20;
  private static final int K_HIDE_USER = 21;
  private static final int K_TELL_USER = 22;
  private static final int K_OUTPUT_ENCODING = 23;
  private static final int K_DECODE_FOLLOW = 24;
  private static final int K_ENCODED_RUN = 25;
  private static final int K_ROT13 = 26;
  private static final int K_REVERSED = 27;
  private static final int K_PAYLOAD_SPLIT = 28;
  private static final int K_RESTRICTION_REF = 29;
  private static final int K_CODE_INJECTION = 30;
  private static final int KINDS = 31;

  /** The finding type of each evidence kind. */
  private static final int[] KIND_TYPE = {
      T_PI, T_PI, T_PI, T_PI, T_SPE, T_SPE, T_SPE, T_JB, T_JB, T_JB, T_JB, T_JB, T_JB, T_JB,
      T_JB, T_PI, T_PI, T_PI, T_PI, T_MS, T_PI, T_PI, T_PI, T_EP, T_EP, T_EP, T_EP, T_EP, T_PI,
      T_PI, T_PI};

  /** Words remembered by the word pass: at least the longest phrase of the lexicon. */
  private static final int RING = 16;
  /** Nested scans (decoded payloads, reassembled fragments) go this deep at most. */
  private static final int MAX_DEPTH = 2;
  /** Findings reported per text at most; the score already says what matters. */
  private static final int MAX_FINDINGS = 256;
  /** Evidence kept per text at most (the best score of each kind is always kept). */
  private static final int MAX_EVIDENCE = 4096;
  /** Evidence below this score in an obfuscated layer is noise (short words collide). */
  private static final double LAYER_FLOOR = 0.5;

  private final String name;
  private final double threshold;
  private final int typeMask;

  PromptInjectionDetector(String name, double threshold, int typeMask) {
    this.name = name;
    this.threshold = threshold;
    this.typeMask = typeMask;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> types() {
    Set<String> types = new HashSet<>();
    for (int t = 0; t < TYPES.size(); t++) {
      if ((typeMask & (1 << t)) != 0) {
        types.add(TYPES.get(t));
      }
    }
    return Set.copyOf(types);
  }

  @Override
  public Cost cost() {
    return Cost.MODERATE;
  }

  @Override
  public List<Finding> detect(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    Analysis analysis = new Analysis(text, 0, new int[] {text.length() + 4096}, typeMask);
    analysis.run();
    double score = analysis.score(typeMask);
    if (score < threshold) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    Set<SpanKey> seen = new HashSet<>();
    for (Evidence e : analysis.evidence) {
      int type = KIND_TYPE[e.kind];
      if ((typeMask & (1 << type)) == 0 || findings.size() >= MAX_FINDINGS) {
        continue;
      }
      if (seen.add(new SpanKey(e.start, e.end, type))) {
        findings.add(Finding.of(name, TYPES.get(type), e.start, e.end, score));
      }
    }
    return findings;
  }

  /** Scores a text (for tests and tuning): the combined score over the configured types. */
  double score(String text) {
    if (text.isEmpty()) {
      return 0.0;
    }
    Analysis analysis = new Analysis(text, 0, new int[] {text.length() + 4096}, typeMask);
    analysis.run();
    return analysis.score(typeMask);
  }

  private record SpanKey(int start, int end, int type) {}

  /** One piece of evidence: a kind, a score and a span in the analysed (original) text. */
  private record Evidence(int kind, double score, int start, int end) {}

  /** Combines evidence: noisy-or over the best score of each kind, damped when all are weak. */
  private static double combine(double[] best, int typeMask) {
    double miss = 1.0;
    double max = 0.0;
    for (int k = 0; k < KINDS; k++) {
      if (best[k] > 0 && (typeMask & (1 << KIND_TYPE[k])) != 0) {
        miss *= 1.0 - best[k];
        max = Math.max(max, best[k]);
      }
    }
    double combined = 1.0 - miss;
    if (max < 0.5) {
      // weak cues only: several together may cross the line, but not by much
      combined = Math.min(combined, max + 0.15);
    }
    return Math.min(1.0, combined);
  }

  /** The analysis of one text: its normalised form, the phrase hits and the evidence. */
  private static final class Analysis {
    final String text;
    final int depth;
    final int[] budget;
    final List<Evidence> evidence = new ArrayList<>();
    final double[] best = new double[KINDS];
    NormalizedText norm;

    /** The types asked for: work that can only produce other types is skipped. */
    final int wanted;

    Analysis(String text, int depth, int[] budget, int wanted) {
      this.text = text;
      this.depth = depth;
      this.budget = budget;
      this.wanted = wanted;
    }

    boolean wants(int type) {
      return (wanted & (1 << type)) != 0;
    }

    double score(int typeMask) {
      return combine(best, typeMask);
    }

    void add(int kind, double score, int start, int end) {
      if (score <= 0) {
        return;
      }
      if (evidence.size() < MAX_EVIDENCE) {
        evidence.add(new Evidence(kind, score, start, end));
      }
      if (score > best[kind]) {
        best[kind] = score;
      }
    }

    void run() {
      norm = TextNormalizer.withLeetspeak().normalize(text);
      HitCollector collector = new HitCollector(norm.buffer(), norm.length(), false);
      Scan scan = scanWords(collector);
      Hits plain = collector.layer(InjectionLexicon.PLAIN);
      if (plain.count > 0) {
        new Rules(this, plain, norm, text, true, null).run();
      }
      for (int layer = InjectionLexicon.ROT13; layer <= InjectionLexicon.REVERSED; layer++) {
        Hits hits = collector.layer(layer);
        if (hits.count < 1 || !wants(T_EP)) {
          continue;
        }
        Analysis sub = new Analysis(text, depth, budget, ALL_TYPES);
        new Rules(sub, hits, norm, text, false, null).run();
        double s = sub.score(ALL_TYPES);
        if (s >= LAYER_FLOOR) {
          int kind = layer == InjectionLexicon.ROT13 ? K_ROT13 : K_REVERSED;
          for (Evidence e : sub.evidence) {
            if (e.score >= LAYER_FLOOR) {
              add(kind, Math.max(s, 0.85), e.start, e.end);
            }
          }
        }
      }
      if (scan.spacedRuns != null) {
        for (int k = 0; k < scan.spacedRuns.size(); k += 3) {
          readJoined(norm.buffer(), scan.spacedRuns.get(k), scan.spacedRuns.get(k + 1),
              scan.spacedRuns.get(k + 2));
        }
      }
      if (depth < MAX_DEPTH) {
        boolean morse = text.indexOf(".-") >= 0 || text.indexOf("-.") >= 0;
        new Payloads(this, plain).run(scan.encodedCandidate || morse);
      }
    }

    /** What the word pass noticed besides phrase hits. */
    private static final class Scan {
      boolean encodedCandidate;
      @Nullable List<Integer> spacedRuns;
    }

    /**
     * One pass over the normalised words: each word is hashed and fed to the word automaton;
     * words of unspaced scripts go through the character automaton instead. Also notes runs of
     * one-letter words (spelled-out text) and word shapes that encoded data leaves behind.
     */
    private Scan scanWords(HitCollector collector) {
      Scan scan = new Scan();
      char[] b = norm.buffer();
      int n = norm.length();
      WordAutomaton words = InjectionLexicon.WORDS;
      int[] ringStart = new int[RING];
      int[] ringUnit = new int[RING];
      int token = 0;
      int state = 0;
      int units = 0;
      int spacedStart = -1;
      int spacedLetters = 0;
      int shapeRun = 0;
      int i = 0;
      while (i < n) {
        char c = b[i];
        if (c == ' ') {
          units += 2;
          i++;
          continue;
        }
        int ts = i;
        long h = WordAutomaton.SEED;
        boolean nonAscii = false;
        while (i < n && (c = b[i]) != ' ') {
          h = WordAutomaton.hash(h, c);
          nonAscii |= c >= 0x80;
          i++;
        }
        int len = i - ts;
        if (nonAscii && hasUnspaced(b, ts, i)) {
          collector.moveTo(ts, units);
          InjectionLexicon.AUTOMATON.scan(b, ts, i, collector);
          units = collector.unitsAt(i);
          state = 0;
        } else {
          ringStart[token & (RING - 1)] = ts;
          ringUnit[token & (RING - 1)] = units;
          int before = state;
          state = words.step(state, words.word(h));
          emit(collector, words, state, token, i, units, ringStart, ringUnit);
          if (nonAscii) {
            long p = WordAutomaton.SEED;
            for (int k = 0; k < len; k++) {
              p = WordAutomaton.hash(p, b[ts + k]);
              if (words.hasStemOfLength(k + 1)) {
                int stem = words.stem(p);
                if (stem >= 0) {
                  emit(collector, words, words.step(before, stem), token, i, units, ringStart,
                      ringUnit);
                }
              }
            }
          }
          token++;
        }
        if (len == 1 && !nonAscii) {
          if (spacedStart < 0) {
            spacedStart = ts;
            spacedLetters = 0;
          }
          spacedLetters++;
        } else {
          spacedStart = closeSpaced(scan, spacedStart, spacedLetters, ts);
        }
        if (len >= 16) {
          scan.encodedCandidate = true;
        }
        shapeRun = len == 2 || len == 8 ? shapeRun + 1 : 0;
        if (shapeRun >= 4) {
          scan.encodedCandidate = true;
        }
      }
      closeSpaced(scan, spacedStart, spacedLetters, n);
      return scan;
    }

    private static int closeSpaced(Scan scan, int start, int letters, int end) {
      if (start >= 0 && letters >= 5) {
        if (scan.spacedRuns == null) {
          scan.spacedRuns = new ArrayList<>();
        }
        scan.spacedRuns.add(start);
        scan.spacedRuns.add(end);
        scan.spacedRuns.add(letters);
      }
      return -1;
    }

    private static void emit(HitCollector collector, WordAutomaton words, int state, int token,
        int end, int units, int[] ringStart, int[] ringUnit) {
      for (int s = words.firstOutput(state); s >= 0; s = words.nextOutput(s)) {
        for (int k = words.outputsFrom(s); k < words.outputsTo(s); k++) {
          int phrase = words.phraseAt(k);
          int first = (token - words.words(phrase) + 1) & (RING - 1);
          collector.add(phrase, ringStart[first], end, ringUnit[first], units);
        }
      }
    }

    private static boolean hasUnspaced(char[] b, int from, int to) {
      for (int k = from; k < to; k++) {
        if (b[k] >= 0x0E00 && PhraseAutomaton.isUnspaced(b[k])) {
          return true;
        }
      }
      return false;
    }

    private void readJoined(char[] buffer, int from, int to, int letters) {
      char[] joined = new char[letters];
      int[] positions = new int[letters];
      int k = 0;
      for (int i = from; i < to && k < letters; i++) {
        if (buffer[i] != ' ') {
          joined[k] = buffer[i];
          positions[k] = i;
          k++;
        }
      }
      HitCollector collector = new HitCollector(joined, k, true);
      InjectionLexicon.AUTOMATON.scan(joined, 0, k, false, collector);
      Hits hits = collector.layer(InjectionLexicon.PLAIN);
      if (hits.count == 0) {
        return;
      }
      Analysis sub = new Analysis(text, depth, budget, ALL_TYPES);
      new Rules(sub, hits, norm, text, false, positions).run();
      if (sub.score(ALL_TYPES) >= LAYER_FLOOR) {
        for (Evidence e : sub.evidence) {
          if (e.score >= LAYER_FLOOR) {
            add(e.kind, e.score, e.start, e.end);
          }
        }
      }
    }

    /** Scans a derived text (decoded or reassembled) and returns its score. */
    double nested(String derived) {
      if (derived.isEmpty() || budget[0] < derived.length()) {
        return 0.0;
      }
      budget[0] -= derived.length();
      Analysis sub = new Analysis(derived, depth + 1, budget, ALL_TYPES);
      sub.run();
      return sub.score(ALL_TYPES);
    }
  }

  /** Phrase hits of one layer, in struct-of-arrays form. */
  static final class Hits {
    boolean reversed;
    int count;
    int[] phrase;
    int[] start;
    int[] end;
    int[] unitStart;
    int[] unitEnd;
    long[] classes;

    Hits() {
      this(16);
    }

    Hits(int capacity) {
      phrase = new int[capacity];
      start = new int[capacity];
      end = new int[capacity];
      unitStart = new int[capacity];
      unitEnd = new int[capacity];
      classes = new long[capacity];
    }

    void add(int p, int s, int e, int us, int ue) {
      if (count == phrase.length) {
        int n = count * 2;
        phrase = Arrays.copyOf(phrase, n);
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        unitStart = Arrays.copyOf(unitStart, n);
        unitEnd = Arrays.copyOf(unitEnd, n);
        classes = Arrays.copyOf(classes, n);
      }
      phrase[count] = p;
      start[count] = s;
      end[count] = e;
      unitStart[count] = us;
      unitEnd[count] = ue;
      classes[count] = InjectionLexicon.PHRASE_CLASSES[p];
      count++;
    }

    boolean has(int i, int cls) {
      return (classes[i] & (1L << cls)) != 0;
    }

    /** Sorts by unit start, then by start (insertion sort: hits arrive nearly sorted). */
    void sort() {
      if (reversed) {
        // mirrored positions arrive in nearly descending order
        for (int i = 0, j = count - 1; i < j; i++, j--) {
          swap(i, j);
        }
      }
      for (int i = 1; i < count; i++) {
        int j = i;
        while (j > 0 && after(j - 1, j)) {
          swap(j - 1, j);
          j--;
        }
      }
    }

    private boolean after(int a, int b) {
      return unitStart[a] > unitStart[b]
          || unitStart[a] == unitStart[b] && start[a] > start[b];
    }

    private void swap(int a, int b) {
      int t = phrase[a]; phrase[a] = phrase[b]; phrase[b] = t;
      t = start[a]; start[a] = start[b]; start[b] = t;
      t = end[a]; end[a] = end[b]; end[b] = t;
      t = unitStart[a]; unitStart[a] = unitStart[b]; unitStart[b] = t;
      t = unitEnd[a]; unitEnd[a] = unitEnd[b]; unitEnd[b] = t;
      long c = classes[a]; classes[a] = classes[b]; classes[b] = c;
    }
  }

  /**
   * Receives automaton matches and records them per layer with their position in units (a unit is
   * a word, or one character of a script written without spaces).
   */
  private static final class HitCollector implements PhraseAutomaton.MatchSink {
    private final char[] text;
    private final int length;
    private final boolean charUnits;
    private final Hits[] layers = new Hits[InjectionLexicon.LAYERS];
    private int cursor;
    private int cursorUnits;

    HitCollector(char[] text, int length, boolean charUnits) {
      this.text = text;
      this.length = length;
      this.charUnits = charUnits;
    }

    @Override
    public void match(int phrase, int start, int end) {
      if (charUnits && end - start < 3) {
        return; // without word boundaries, one- and two-letter words match everywhere
      }
      int ue = charUnits ? end : unitsAt(end);
      int us = charUnits ? start : ue - unitsIn(start, end);
      add(phrase, start, end, us, ue);
    }

    /** Continues counting units from a known position (the start of a word). */
    void moveTo(int position, int units) {
      cursor = position;
      cursorUnits = units;
    }

    void add(int phrase, int start, int end, int us, int ue) {
      int layer = InjectionLexicon.PHRASE_LAYER[phrase];
      Hits hits = layers[layer];
      if (hits == null) {
        // ordinary prose has about one plain hit every sixteen characters
        hits = new Hits(layer == InjectionLexicon.PLAIN ? Math.max(16, length / 16) : 16);
        hits.reversed = layer == InjectionLexicon.REVERSED;
        layers[layer] = hits;
      }
      if (layer == InjectionLexicon.REVERSED) {
        // read right to left: mirror the positions so rules see the phrase order
        int total = Integer.MAX_VALUE / 2;
        hits.add(phrase, start, end, total - ue, total - us);
      } else {
        hits.add(phrase, start, end, us, ue);
      }
    }

    Hits layer(int layer) {
      Hits hits = layers[layer];
      if (hits == null) {
        return new Hits();
      }
      hits.sort();
      return hits;
    }

    int unitsAt(int pos) {
      while (cursor < pos && cursor < length) {
        cursorUnits += unitWeight(text[cursor]);
        cursor++;
      }
      return cursorUnits;
    }

    private int unitsIn(int from, int to) {
      int n = 0;
      for (int i = from; i < to; i++) {
        n += unitWeight(text[i]);
      }
      return n;
    }

    /** Units a character adds: a word break two, a character of an unspaced script one. */
    private static int unitWeight(char c) {
      return c == ' ' ? 2 : c >= 0x2E80 && PhraseAutomaton.isUnspaced(c) ? 1 : 0;
    }
  }

  /** The rules over one layer's hits. */
  private static final class Rules {
    /** Hits looked at around one anchor, at most: keeps adversarial input linear. */
    private static final int MAX_SCAN = 48;

    private final Analysis out;
    private final Hits h;
    private final NormalizedText norm;
    private final String raw;
    private final boolean plain;
    private final int @Nullable [] positions;

    Rules(Analysis out, Hits hits, NormalizedText norm, String raw, boolean plain,
        int @Nullable [] positions) {
      this.out = out;
      this.h = hits;
      this.norm = norm;
      this.raw = raw;
      this.plain = plain;
      this.positions = positions;
    }

    void run() {
      int qTurns = 0;
      int aTurns = 0;
      int firstTurn = -1;
      int lastTurn = -1;
      for (int i = 0; i < h.count; i++) {
        long m = h.classes[i];
        if (m == 0) {
          continue;
        }
        if (InjectionLexicon.has(m, IGNORE) || InjectionLexicon.has(m, IGNORE_WEAK)) {
          override(i);
        }
        if (InjectionLexicon.has(m, REVEAL)) {
          extraction(i);
        }
        if (InjectionLexicon.has(m, TARGET)) {
          evidence(K_TARGET, 0.3, i, i);
        }
        if (InjectionLexicon.has(m, EXTRACT_QUESTION)) {
          evidence(K_EXTRACTION, 0.85, i, i);
        }
        if (InjectionLexicon.has(m, SECRET) || InjectionLexicon.has(m, SECRET_ML)) {
          secret(i);
        }
        if (InjectionLexicon.has(m, JB_STRONG)) {
          evidence(K_JB_PHRASE, 0.9, i, i);
        }
        if (InjectionLexicon.has(m, DAN_CTX)) {
          evidence(K_DAN, 0.75, i, i);
        } else if (InjectionLexicon.has(m, DAN)) {
          evidence(K_DAN, 0.3, i, i);
        }
        if (InjectionLexicon.has(m, NO_LONGER)) {
          noLonger(i);
        }
        if (InjectionLexicon.has(m, NO_LIMITS) || InjectionLexicon.has(m, NO_LIMITS_WEAK)) {
          noLimits(i);
        }
        if (InjectionLexicon.has(m, PERSONA)) {
          evidence(K_PERSONA, 0.15, i, i);
          personaTight(i);
        }
        if (InjectionLexicon.has(m, MODE)) {
          mode(i);
        }
        if (InjectionLexicon.has(m, OVERRIDE)) {
          overrideClaim(i);
        }
        if (InjectionLexicon.has(m, AUTH_ROLE)) {
          authority(i);
        }
        if (InjectionLexicon.has(m, AUTH_CLAIM)) {
          evidence(K_AUTHORITY, 0.45, i, i);
        }
        if (InjectionLexicon.has(m, TEMPLATE) && (!plain || markupAround(i))) {
          evidence(K_TEMPLATE, 0.8, i, i);
        }
        if (plain && InjectionLexicon.has(m, ROLE_WORD)) {
          roleMarkup(i);
        }
        if (plain && (InjectionLexicon.has(m, TURN_Q) || InjectionLexicon.has(m, TURN_A))
            && isTurnLabel(i)) {
          if (InjectionLexicon.has(m, TURN_Q)) {
            qTurns++;
          } else {
            aTurns++;
          }
          firstTurn = firstTurn < 0 ? i : firstTurn;
          lastTurn = i;
        }
        if (InjectionLexicon.has(m, ADDRESS_AI)) {
          addressAi(i);
        }
        if (InjectionLexicon.has(m, HIDE_USER)) {
          evidence(K_HIDE_USER, 0.55, i, i);
        }
        if (InjectionLexicon.has(m, TELL_USER)) {
          evidence(K_TELL_USER, 0.3, i, i);
        }
        if (InjectionLexicon.has(m, NEW_INSTR)) {
          evidence(K_NEW_INSTR, 0.35, i, i);
        }
        if (InjectionLexicon.has(m, FROM_NOW)) {
          fromNow(i);
        }
        if (InjectionLexicon.has(m, ENCODING)) {
          outputEncoding(i);
        }
        if (InjectionLexicon.has(m, DECODE)) {
          decodeFollow(i);
        }
        if (InjectionLexicon.has(m, RESTRICTION_REF)) {
          evidence(K_RESTRICTION_REF, 0.5, i, i);
        }
        if (InjectionLexicon.has(m, INJECT_CODE)) {
          codeInjection(i);
        }
      }
      manyShot(qTurns, aTurns, firstTurn, lastTurn);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private boolean has(int i, int cls) {
      return h.has(i, cls);
    }

    /** A window of so many words in units (a word is two units, a CJK character one). */
    private static int w(int words) {
      return 2 * words;
    }

    /** Units between the end of hit a and the start of hit b (b after a). */
    private int gap(int a, int b) {
      return h.unitStart[b] - h.unitEnd[a];
    }

    /** Whether hit j comes entirely after hit i in reading order. */
    private boolean follows(int j, int i) {
      return h.reversed ? h.end[j] <= h.start[i] : h.start[j] >= h.end[i];
    }

    /** The first hit after {@code i} that starts after it ends, or count. */
    private int firstAfter(int i) {
      int j = i + 1;
      int scanned = 0;
      while (j < h.count && !follows(j, i) && scanned++ < MAX_SCAN) {
        j++;
      }
      return j;
    }

    private void evidence(int kind, double score, int first, int last) {
      int s = Math.min(h.start[first], h.start[last]);
      int e = Math.max(h.end[first], h.end[last]);
      if (positions != null) {
        s = positions[s];
        e = positions[e - 1] + 1;
      }
      out.add(kind, score, norm.originalStart(s), norm.originalEnd(e));
    }

    /** Whether the hit ends a clause: punctuation, a conjunction or the end of the text. */
    private boolean clauseEndsAfter(int i) {
      int j = firstAfter(i);
      if (j < h.count && gap(i, j) <= w(1) && has(j, CONJ)) {
        return true;
      }
      if (h.end[i] >= norm.length() - 1) {
        return true;
      }
      if (!plain) {
        return false;
      }
      int o = norm.originalEnd(h.end[i]);
      while (o < raw.length() && raw.charAt(o) == ' ') {
        o++;
      }
      if (o >= raw.length()) {
        return true;
      }
      char c = raw.charAt(o);
      return ".,;:!?)-\"'\n\r\u2014\u2013]>}".indexOf(c) >= 0;
    }

    // ---- instruction override ---------------------------------------------------------------

    private void override(int v) {
      if (negated(v)) {
        return;
      }
      boolean strong = has(v, IGNORE);
      boolean prior = false;
      boolean quant = false;
      boolean veto = false;
      boolean your = false;
      int obj = 0;
      int objIdx = -1;
      int priorIdx = -1;
      int docIdx = -1;
      int scanned = 0;
      for (int j = firstAfter(v); j < h.count && scanned++ < MAX_SCAN; j++) {
        if (gap(v, j) > w(8)) {
          break;
        }
        if (has(j, VETO)) {
          veto = true;
        }
        if (has(j, YOUR)) {
          your = true;
        }
        if (has(j, QUANT)) {
          quant = true;
        }
        if (has(j, TOLD)) {
          prior = true;
          obj = Math.max(obj, 1);
          objIdx = j;
          break;
        }
        if (has(j, OBJ)) {
          obj = 2;
          objIdx = j;
          break;
        }
        if (has(j, OBJ_WEAK)) {
          obj = 1;
          objIdx = j;
          break;
        }
        if (has(j, PRIOR)) {
          prior = true;
          priorIdx = j;
        }
        if (has(j, DOC) && docIdx < 0) {
          docIdx = j;
        }
        if (has(j, CONJ)) {
          break;
        }
      }
      if (InjectionLexicon.PHRASE_SOV[h.phrase[v]] && obj == 0) {
        // verb-final languages: the object and its qualifier come first
        scanned = 0;
        for (int j = v - 1; j >= 0 && scanned++ < MAX_SCAN; j--) {
          if (h.unitStart[v] - h.unitEnd[j] > w(12)) {
            break;
          }
          if (!follows(v, j)) {
            continue;
          }
          if (has(j, OBJ) || has(j, OBJ_WEAK)) {
            if (obj == 0) {
              obj = has(j, OBJ) ? 2 : 1;
              objIdx = j;
            }
          } else if (has(j, PRIOR)) {
            prior = true;
          } else if (has(j, QUANT)) {
            quant = true;
          }
        }
      }
      if (objIdx >= 0 && !prior) {
        // "instructions above", "rules you were given"
        scanned = 0;
        int start = objIdx < v ? v : objIdx;
        for (int j = firstAfter(start); j < h.count && scanned++ < 8; j++) {
          if (gap(start, j) > w(4)) {
            break;
          }
          if (has(j, PRIOR) || has(j, TOLD)) {
            prior = true;
            break;
          }
        }
      }
      double s;
      int last;
      int kind = K_OVERRIDE;
      if (obj == 2) {
        s = strong ? (prior ? 0.95 : quant || your ? 0.85 : 0.7)
            : (prior ? 0.6 : quant || your ? 0.45 : 0.25);
        last = objIdx;
      } else if (obj == 1) {
        s = strong ? (prior ? 0.85 : quant || your ? 0.65 : 0.3)
            : (prior ? 0.45 : quant || your ? 0.25 : 0.1);
        last = objIdx;
      } else if (docIdx >= 0 && sayAfter(docIdx, 5)) {
        s = strong ? 0.85 : 0.55;
        last = docIdx;
        kind = K_DOC_OVERRIDE;
      } else if (prior && clauseEndsAfter(priorIdx)) {
        s = strong ? 0.8 : 0.35;
        last = priorIdx;
      } else if (docIdx >= 0) {
        s = strong ? 0.3 : 0.1;
        last = docIdx;
        kind = K_DOC_OVERRIDE;
      } else if (strong && InjectionLexicon.PHRASE_SOV[h.phrase[v]] && sayAfter(v, 20)) {
        s = 0.6;
        last = v;
        kind = K_DOC_OVERRIDE;
      } else {
        return;
      }
      if (veto && !your) {
        s *= 0.3;
      }
      evidence(kind, s, v, last);
    }

    /** "don't forget", "never ignore": the hit right before the verb negates it. */
    private boolean negated(int v) {
      int scanned = 0;
      for (int j = v - 1; j >= 0 && scanned++ < 8; j--) {
        if (!follows(v, j)) {
          continue;
        }
        if (h.unitStart[v] - h.unitEnd[j] > w(1)) {
          return false;
        }
        if (has(j, NEGATION)) {
          return true;
        }
      }
      return false;
    }

    private boolean sayAfter(int i, int window) {
      int scanned = 0;
      for (int j = firstAfter(i); j < h.count && scanned++ < MAX_SCAN; j++) {
        if (gap(i, j) > w(window)) {
          return false;
        }
        if (has(j, SAY) || has(j, TELL_USER)) {
          return true;
        }
      }
      return false;
    }

    // ---- extraction -------------------------------------------------------------------------

    private void extraction(int r) {
      int scanned = 0;
      boolean article = false;
      for (int j = firstAfter(r); j < h.count && scanned++ < MAX_SCAN; j++) {
        if (gap(r, j) > w(8)) {
          break;
        }
        if (has(j, ARTICLE)) {
          article = true;
        }
        if (has(j, TARGET)) {
          int longest = j;
          boolean positional = true;
          for (int k = j; k < h.count && k < j + 8 && h.start[k] < h.end[longest]; k++) {
            if (has(k, TARGET)) {
              positional &= has(k, POSITIONAL);
              if (h.end[k] > h.end[longest]) {
                longest = k;
              }
            }
          }
          if (!article && !(positional && weakVerb(r))) {
            evidence(K_EXTRACTION, 0.9, r, longest);
          }
          return;
        }
      }
      if (InjectionLexicon.PHRASE_SOV[h.phrase[r]]) {
        scanned = 0;
        for (int j = r - 1; j >= 0 && scanned++ < MAX_SCAN; j--) {
          if (h.unitStart[r] - h.unitEnd[j] > w(12)) {
            break;
          }
          if (has(j, TARGET) && follows(r, j)) {
            evidence(K_EXTRACTION, 0.9, j, r);
            return;
          }
        }
      }
    }

    /** A verb that transforms rather than reproduces ("summarize", "translate"). */
    private boolean weakVerb(int r) {
      if (!has(r, REVEAL_WEAK)) {
        return false;
      }
      // "tell me", "print out": a longer reveal phrase may overlap the weak verb
      for (int k = Math.max(0, r - 2); k < h.count && k < r + 3; k++) {
        if (k != r && has(k, REVEAL) && !has(k, REVEAL_WEAK) && h.start[k] < h.end[r]
            && h.start[r] < h.end[k]) {
          return false;
        }
      }
      return true;
    }

    private void secret(int s) {
      boolean multilingual = has(s, SECRET_ML) && !has(s, SECRET);
      boolean det = false;
      boolean your = false;
      int ask = -1;
      int scanned = 0;
      for (int j = s - 1; j >= 0 && scanned++ < MAX_SCAN; j--) {
        if (!follows(s, j)) {
          continue;
        }
        int distance = h.unitStart[s] - h.unitEnd[j];
        if (distance > w(10)) {
          break;
        }
        if (distance <= w(2) && (has(j, SECRET_VETO) || has(j, VETO))
            && !has(j, SECRET_DET)) {
          if (!multilingual || has(j, VETO)) {
            return;
          }
        }
        if (distance <= w(2) && has(j, SECRET_DET)) {
          det = true;
          your |= has(j, YOUR);
        }
        if (ask < 0 && (has(j, ASK) || multilingual && has(j, REVEAL))) {
          ask = j;
          if (distance <= w(1)) {
            det = true;
          }
        }
      }
      int after = firstAfter(s);
      if (after < h.count && gap(s, after) <= w(1) && has(after, SECRET_VETO_AFTER)) {
        return;
      }
      if (ask < 0 && (multilingual || InjectionLexicon.PHRASE_SOV[h.phrase[s]])) {
        scanned = 0;
        for (int j = after; j < h.count && scanned++ < MAX_SCAN; j++) {
          if (gap(s, j) > w(6)) {
            break;
          }
          if (has(j, ASK) || has(j, REVEAL)) {
            ask = j;
            break;
          }
          if (has(j, SECRET_VETO_AFTER)) {
            break;
          }
        }
      }
      if (ask < 0 || !(det || multilingual)) {
        return;
      }
      evidence(K_SECRET, your ? 0.7 : 0.65, Math.min(ask, s), Math.max(ask, s));
    }

    // ---- jailbreaks -------------------------------------------------------------------------

    private void noLonger(int i) {
      int scanned = 0;
      for (int j = firstAfter(i); j < h.count && scanned++ < MAX_SCAN; j++) {
        if (gap(i, j) > w(6)) {
          break;
        }
        if (has(j, AI_SELF) || has(j, NO_LIMITS) || has(j, NO_LIMITS_WEAK) || has(j, OBJ_WEAK)
            || has(j, OBJ)) {
          evidence(K_NO_LONGER, 0.85, i, j);
          return;
        }
      }
      evidence(K_NO_LONGER, 0.45, i, i);
    }

    private void noLimits(int i) {
      boolean strong = has(i, NO_LIMITS);
      evidence(K_NO_LIMITS, strong ? 0.4 : 0.2, i, i);
      int persona = -1;
      int ai = -1;
      int you = -1;
      int scanned = 0;
      for (int j = i - 1; j >= 0 && scanned++ < MAX_SCAN; j--) {
        int d = h.unitStart[i] - h.unitEnd[j];
        if (d > w(40)) {
          break;
        }
        if (has(j, PERSONA) && persona < 0) {
          persona = j;
        }
        if (has(j, AI_SELF) && d <= w(8) && ai < 0) {
          ai = j;
        }
        if (has(j, YOUR) && d <= w(3) && you < 0) {
          you = j;
        }
      }
      scanned = 0;
      for (int j = firstAfter(i); j < h.count && scanned++ < MAX_SCAN; j++) {
        int d = gap(i, j);
        if (d > w(40)) {
          break;
        }
        if (has(j, PERSONA) && persona < 0) {
          persona = j;
        }
        if (has(j, AI_SELF) && d <= w(8) && ai < 0) {
          ai = j;
        }
      }
      if (persona >= 0) {
        evidence(K_PERSONA_NO_LIMITS, strong ? 0.9 : 0.3, persona, i);
      }
      if (ai >= 0) {
        evidence(K_AI_NO_LIMITS, strong ? 0.75 : 0.4, ai, i);
      }
      if (you >= 0 && strong) {
        evidence(K_AI_NO_LIMITS, 0.75, you, i);
      }
    }

    /** "act as an unfiltered ...", "pretend you have no restrictions". */
    private void personaTight(int p) {
      int scanned = 0;
      for (int j = firstAfter(p); j < h.count && scanned++ < MAX_SCAN; j++) {
        if (gap(p, j) > w(3)) {
          return;
        }
        if (has(j, NO_LIMITS) || has(j, NO_LIMITS_WEAK)) {
          evidence(K_PERSONA_NO_LIMITS, 0.8, p, j);
          return;
        }
      }
    }

    private void mode(int m) {
      int name = -1;
      boolean strongName = false;
      int scanned = 0;
      for (int j = m - 1; j >= 0 && scanned++ < 8; j--) {
        if (!follows(m, j)) {
          continue;
        }
        if (h.unitStart[m] - h.unitEnd[j] > w(2)) {
          break;
        }
        if (has(j, MODE_NAME) || has(j, MODE_NAME_WEAK)) {
          name = j;
          strongName |= has(j, MODE_NAME);
        }
      }
      int after = firstAfter(m);
      if (name < 0 && after < h.count && gap(m, after) <= w(1)
          && (has(after, MODE_NAME) || has(after, MODE_NAME_WEAK))) {
        name = after;
        strongName = has(after, MODE_NAME);
      }
      if (name < 0) {
        return;
      }
      int activate = -1;
      boolean ai = false;
      scanned = 0;
      for (int j = Math.min(name, m) - 1; j >= 0 && scanned++ < 12; j--) {
        int d = h.unitStart[Math.min(name, m)] - h.unitEnd[j];
        if (d > w(10)) {
          break;
        }
        if (has(j, ACTIVATE) && d <= w(4) && activate < 0) {
          activate = j;
        }
        ai |= has(j, AI_SELF) || has(j, YOUR);
      }
      scanned = 0;
      int last = Math.max(name, m);
      for (int j = firstAfter(last); j < h.count && scanned++ < 12; j++) {
        int d = gap(last, j);
        if (d > w(10)) {
          break;
        }
        if (has(j, ACTIVATE) && d <= w(4) && activate < 0) {
          activate = j;
        }
        ai |= has(j, AI_SELF) || has(j, YOUR);
      }
      boolean markup = plain && markupAround(name);
      boolean device = false;
      scanned = 0;
      for (int j = Math.max(0, Math.min(name, m) - 12); j < h.count && scanned++ < 24; j++) {
        if (has(j, DEVICE) && Math.abs(h.unitStart[j] - h.unitStart[m]) <= w(10)) {
          device = true;
          break;
        }
      }
      double s;
      if (strongName) {
        s = activate >= 0 || markup ? 0.85 : 0.5;
      } else if (device) {
        s = 0.15;
      } else if (activate >= 0 || markup) {
        s = ai ? 0.85 : 0.45;
      } else {
        s = ai ? 0.35 : 0.15;
      }
      int first = Math.min(name, m);
      evidence(K_MODE, s, first, Math.max(last, activate));
    }

    private void overrideClaim(int o) {
      if (plain) {
        int e = norm.originalEnd(h.end[o]);
        if (e < raw.length() && raw.charAt(e) == ':') {
          evidence(K_OVERRIDE_CLAIM, 0.55, o, o);
          return;
        }
      }
      int after = firstAfter(o);
      if (after < h.count && gap(o, after) <= w(2) && has(after, OVERRIDE_CTX)) {
        evidence(K_OVERRIDE_CLAIM, 0.55, o, after);
        return;
      }
      int scanned = 0;
      for (int j = o - 1; j >= 0 && scanned++ < 6; j--) {
        if (!follows(o, j)) {
          continue;
        }
        if (h.unitStart[o] - h.unitEnd[j] > w(2)) {
          break;
        }
        if (has(j, MODE_NAME) || has(j, MODE_NAME_WEAK)) {
          evidence(K_OVERRIDE_CLAIM, 0.55, j, o);
          return;
        }
      }
    }

    private void authority(int a) {
      int scanned = 0;
      boolean your = false;
      boolean article = false;
      boolean the = false;
      for (int j = a - 1; j >= 0 && scanned++ < 8; j--) {
        if (!follows(a, j)) {
          continue;
        }
        if (h.unitStart[a] - h.unitEnd[j] > w(3)) {
          return;
        }
        your |= has(j, YOUR);
        article |= has(j, ARTICLE);
        the |= has(j, THE);
        if (has(j, AUTH_INTRO)) {
          double s = your ? 0.6 : article ? 0.1 : the ? 0.3 : 0.4;
          evidence(K_AUTHORITY, s, j, a);
          return;
        }
      }
    }

    // ---- markup and turns -------------------------------------------------------------------

    /** Whether markup characters ({@code < [ { | #}) open right before the hit. */
    private boolean markupAround(int i) {
      int o = norm.originalStart(h.start[i]);
      int e = norm.originalEnd(h.end[i]);
      char before = previousNonSpace(o);
      char afterChar = e < raw.length() ? raw.charAt(e) : ' ';
      return "<[{|#_%=*-".indexOf(before) >= 0 || ">]}|_%=*-".indexOf(afterChar) >= 0;
    }

    private char previousNonSpace(int o) {
      int k = o - 1;
      int steps = 0;
      while (k >= 0 && raw.charAt(k) == ' ' && steps++ < 4) {
        k--;
      }
      return k >= 0 ? raw.charAt(k) : '\n';
    }

    private void roleMarkup(int i) {
      int o = norm.originalStart(h.start[i]);
      int e = norm.originalEnd(h.end[i]);
      char open = previousNonSpace(o);
      String word = norm.subSequence(h.start[i], h.end[i]).toString();
      boolean specific = word.equals("inst") || word.equals("sys");
      boolean strong = specific || word.equals("system") || word.equals("assistant")
          || word.equals("developer") || word.equals("admin") || word.equals("administrator")
          || word.equals("root") || word.startsWith("instruction") || word.equals("response");
      char close = switch (open) {
        case '<' -> '>';
        case '[' -> ']';
        case '{' -> '}';
        case '|' -> '|';
        default -> 0;
      };
      if (close != 0) {
        int limit = Math.min(raw.length(), e + 24);
        for (int k = e; k < limit; k++) {
          char c = raw.charAt(k);
          if (c == close || (open == '{' && c == ':')) {
            evidence(K_ROLE_MARKUP, specific ? 0.8 : strong ? 0.6 : 0.45, i, i);
            return;
          }
          if (c == '\n') {
            break;
          }
        }
        return;
      }
      if (open == '#' || open == '\n' || open == '*') {
        // "### System:" or a line that starts with "System:"
        int k = e;
        while (k < raw.length() && (raw.charAt(k) == ' ' || raw.charAt(k) == '*')) {
          k++;
        }
        if (k < raw.length() && raw.charAt(k) == ':' && word.equals("system")) {
          evidence(K_ROLE_MARKUP, 0.5, i, i);
        }
      }
    }

    /** "Q:", "User:", "Assistant:" starting a line or a sentence. */
    private boolean isTurnLabel(int i) {
      int o = norm.originalStart(h.start[i]);
      int e = norm.originalEnd(h.end[i]);
      if (e >= raw.length() || raw.charAt(e) != ':') {
        return false;
      }
      char before = previousNonSpace(o);
      return "\n.?!\"')]}>*#".indexOf(before) >= 0 || o == 0;
    }

    private void manyShot(int q, int a, int first, int last) {
      int pairs = Math.min(q, a);
      if (pairs < 3 || first < 0) {
        return;
      }
      double s = pairs >= 10 ? 0.9 : pairs >= 8 ? 0.8 : pairs >= 6 ? 0.7 : pairs >= 5 ? 0.6
          : pairs >= 4 ? 0.5 : 0.4;
      evidence(K_MANY_SHOT, s, first, last);
    }

    // ---- indirect injection, encodings ------------------------------------------------------

    private void addressAi(int i) {
      int scanned = 0;
      for (int j = firstAfter(i); j < h.count && scanned++ < MAX_SCAN; j++) {
        if (gap(i, j) > w(20)) {
          break;
        }
        if (has(j, SAY) || has(j, TELL_USER) || has(j, HIDE_USER) || has(j, IGNORE)
            || has(j, REVEAL) || has(j, FOLLOW)) {
          evidence(K_ADDRESS_AI, 0.85, i, j);
          return;
        }
      }
      evidence(K_ADDRESS_AI, 0.55, i, i);
    }

    private void fromNow(int i) {
      int scanned = 0;
      for (int j = firstAfter(i); j < h.count && scanned++ < 12; j++) {
        if (gap(i, j) > w(3)) {
          break;
        }
        if (has(j, YOU_MODAL) || has(j, PERSONA)) {
          evidence(K_FROM_NOW, has(j, PERSONA) || personaNear(j) ? 0.6 : 0.45, i, j);
          return;
        }
      }
      evidence(K_FROM_NOW, 0.15, i, i);
    }

    private boolean personaNear(int i) {
      int scanned = 0;
      for (int j = firstAfter(i); j < h.count && scanned++ < 12; j++) {
        if (gap(i, j) > w(4)) {
          return false;
        }
        if (has(j, PERSONA)) {
          return true;
        }
      }
      return false;
    }

    /** "Embed the following code in your implementation" with dangerous calls in the code. */
    private void codeInjection(int c) {
      int target = -1;
      int scanned = 0;
      for (int j = Math.max(0, c - 12); j < h.count && scanned++ < 24; j++) {
        if (j == c) {
          continue;
        }
        int d = j < c ? h.unitStart[c] - h.unitEnd[j] : gap(c, j);
        if (j > c && d > w(10)) {
          break;
        }
        if (has(j, OUTPUT_TARGET) && d <= w(10)) {
          target = j;
          break;
        }
      }
      if (target < 0) {
        return;
      }
      int dangerous = -1;
      scanned = 0;
      for (int j = c + 1; j < h.count && scanned++ < 4 * MAX_SCAN; j++) {
        if (has(j, DANGEROUS_CODE)) {
          dangerous = j;
          break;
        }
      }
      if (dangerous >= 0) {
        evidence(K_CODE_INJECTION, 0.75, Math.min(c, target), dangerous);
      } else {
        evidence(K_CODE_INJECTION, 0.3, Math.min(c, target), Math.max(c, target));
      }
    }

    private void outputEncoding(int e) {
      double s = 0;
      int other = -1;
      int scanned = 0;
      for (int j = e - 1; j >= 0 && scanned++ < MAX_SCAN; j--) {
        if (!follows(e, j)) {
          continue;
        }
        if (h.unitStart[e] - h.unitEnd[j] > w(6)) {
          break;
        }
        if (has(j, MODEL_OUTPUT)) {
          s = 0.55;
          other = j;
          break;
        }
        if (has(j, RESPOND) && s < 0.35) {
          s = 0.35;
          other = j;
        }
      }
      if (s < 0.55) {
        scanned = 0;
        for (int j = firstAfter(e); j < h.count && scanned++ < MAX_SCAN; j++) {
          if (gap(e, j) > w(6)) {
            break;
          }
          if (has(j, MODEL_OUTPUT)) {
            s = 0.55;
            other = j;
            break;
          }
        }
      }
      if (other >= 0) {
        evidence(K_OUTPUT_ENCODING, s, Math.min(e, other), Math.max(e, other));
      }
    }

    private void decodeFollow(int d) {
      int scanned = 0;
      for (int j = firstAfter(d); j < h.count && scanned++ < MAX_SCAN; j++) {
        if (gap(d, j) > w(10)) {
          break;
        }
        if (has(j, FOLLOW)) {
          evidence(K_DECODE_FOLLOW, 0.7, d, j);
          return;
        }
      }
      evidence(K_DECODE_FOLLOW, 0.2, d, d);
    }
  }

  /**
   * Encoded payloads (Base64, hex, binary, Morse) and split payloads (labelled fragments that the
   * text asks to join): each is decoded or reassembled and scanned again.
   */
  private static final class Payloads {
    private final Analysis out;
    private final Hits plain;
    private final String raw;

    Payloads(Analysis out, Hits plain) {
      this.out = out;
      this.plain = plain;
      this.raw = out.text;
    }

    void run(boolean encodedCandidate) {
      List<int[]> runs =
          encodedCandidate && out.wants(T_EP) ? EncodedRuns.find(raw) : List.of();
      for (int[] run : runs) {
        String decoded = EncodedRuns.decode(raw, run[0], run[1], run[2]);
        if (decoded == null) {
          continue;
        }
        double s = out.nested(decoded);
        if (s >= LAYER_FLOOR) {
          out.add(K_ENCODED_RUN, Math.max(s, 0.85), run[0], run[1]);
        } else {
          out.add(K_ENCODED_RUN, 0.25, run[0], run[1]);
        }
      }
      boolean joinCue = false;
      boolean actCue = false;
      for (int i = 0; i < plain.count; i++) {
        joinCue |= plain.has(i, SPLIT_JOIN);
        actCue |= plain.has(i, FOLLOW) || plain.has(i, ASK) || plain.has(i, REVEAL);
      }
      if (!out.wants(T_PI)) {
        return;
      }
      boolean plus = raw.indexOf('+') >= 0;
      if (joinCue || plus) {
        split(joinCue, actCue);
      }
    }

    private void split(boolean joinCue, boolean actCue) {
      List<SplitPayloads.Fragment> fragments = SplitPayloads.fragments(raw);
      if (fragments.size() < 2) {
        return;
      }
      String joined = SplitPayloads.reassemble(raw, fragments);
      boolean expression = SplitPayloads.hasJoinExpression(raw, fragments);
      if (!joinCue && !expression) {
        return;
      }
      int start = fragments.get(0).start();
      int end = fragments.get(fragments.size() - 1).end();
      double s = out.nested(joined);
      if (s >= LAYER_FLOOR) {
        out.add(K_PAYLOAD_SPLIT, Math.max(s, 0.85), start, end);
        return;
      }
      int natural = 0;
      for (SplitPayloads.Fragment f : fragments) {
        if (f.value().indexOf(' ') > 0) {
          natural++;
        }
      }
      out.add(K_PAYLOAD_SPLIT, natural >= 2 && actCue ? 0.55 : 0.25, start, end);
    }
  }
}
