package dev.guardrails4j.core.detect.injection;

import static dev.guardrails4j.core.detect.injection.InjectionEvidence.KINDS;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.KIND_TYPE;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_ENCODED_RUN;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_PAYLOAD_SPLIT;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_REVERSED;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_ROT13;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.T_EP;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.T_PI;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.combine;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.ASK;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.FOLLOW;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.REVEAL;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.SPLIT_JOIN;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.detect.text.NormalizedText;
import dev.guardrails4j.core.detect.text.PhraseAutomaton;
import dev.guardrails4j.core.detect.text.TextNormalizer;
import dev.guardrails4j.core.detect.text.WordAutomaton;
import dev.guardrails4j.core.detect.text.views.SharedViews;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
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


  /** Words remembered by the word pass: at least the longest phrase of the lexicon. */
  private static final int RING = 16;
  /** Nested scans (decoded payloads, reassembled fragments) go this deep at most. */
  private static final int MAX_DEPTH = 2;
  /** Findings reported per text at most; the score already says what matters. */
  private static final int MAX_FINDINGS = 256;
  /** Evidence kept per text at most (the best score of each kind is always kept). */
  private static final int MAX_EVIDENCE = 4096;
  /** Characters without a letter or digit between two words from which Morse may hide there. */
  private static final int MORSE_GAP = 10;
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
    // the shared views (clean, decoded runs, split words) are read too, so a disguised phrase is
    // found with its span in the original text
    SharedViews views = SharedViews.of(text);
    List<Finding> found = views.widen(detectPlain(text), plainScan, VIEWS, Set.of());
    return views.widenWords(found, plainScan, InjectionLexicon.SPLIT_WORDS);
  }

  // the rules' findings mark evidence (a phrase, an encoded run): a view adds, never replaces
  private static final int VIEWS = SharedViews.CLEAN | SharedViews.DECODED | SharedViews.ADD_ONLY;
  private final Function<String, List<Finding>> plainScan = this::detectPlain;

  /** Reads one text, normalised, without the shared views. */
  List<Finding> detectPlain(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    // texts longer than the per-thread arrays keep take the general path, with arrays of their own
    Scratch scratch = text.length() <= TextNormalizer.Scratch.MAX_KEPT ? Scratch.acquire() : null;
    try {
      return findings(analyse(text, scratch));
    } finally {
      if (scratch != null) {
        scratch.release();
      }
    }
  }

  /**
   * {@link #detect} along the general path: fresh arrays, and a word pass that reads the normalised
   * copy rather than the normaliser's word list (for tests that hold both paths to each other).
   */
  List<Finding> detectAlongGeneralPath(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    Function<String, List<Finding>> general = t -> t.isEmpty() ? List.of() : findings(analyse(t, null));
    SharedViews views = SharedViews.of(text);
    return views.widenWords(views.widen(general.apply(text), general, VIEWS, Set.of()), general,
        InjectionLexicon.SPLIT_WORDS);
  }

  private Analysis analyse(String text, @Nullable Scratch scratch) {
    Analysis analysis = new Analysis(text, 0, new int[] {text.length() + 4096}, typeMask);
    analysis.scratch = scratch;
    analysis.run();
    return analysis;
  }

  private List<Finding> findings(Analysis analysis) {
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
    return analyse(text, null).score(typeMask);
  }

  /**
   * Arrays one thread reuses from text to text for the top-level analysis of a text of up to
   * {@link TextNormalizer.Scratch#MAX_KEPT} characters (the normalised copy, its word list, the
   * plain phrase hits), so that scanning an ordinary prompt allocates little; nested analyses
   * (decoded payloads) allocate their own. A thread that is already using its scratch (it cannot
   * happen today, detectors do not call each other) gets none.
   */
  static final class Scratch {
    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);
    /** Plain hits kept for the next text at most; a larger set is dropped after use. */
    private static final int MAX_KEPT_HITS = 1 << 10;
    /** Ordinary prose has about one plain hit every sixteen characters. */
    private static final int CHARS_PER_HIT = 16;

    final TextNormalizer.Scratch normalized = new TextNormalizer.Scratch();
    InjectionHits plain = new InjectionHits(64);
    private boolean inUse;

    static @Nullable Scratch acquire() {
      Scratch s = PER_THREAD.get();
      if (s.inUse) {
        return null;
      }
      s.inUse = true;
      return s;
    }

    /** The plain hits to reuse for a normalised text of {@code length} characters. */
    InjectionHits plainFor(int length) {
      if (plain.capacity() < length / CHARS_PER_HIT) {
        plain = new InjectionHits(length / CHARS_PER_HIT);
      }
      return plain;
    }

    void release() {
      if (plain.capacity() > MAX_KEPT_HITS) {
        plain = new InjectionHits(64);
      }
      normalized.trim();
      inUse = false;
    }
  }

  private record SpanKey(int start, int end, int type) {}

  /** One piece of evidence: a kind, a score and a span in the analysed (original) text. */
  private record Evidence(int kind, double score, int start, int end) {}


  /** The analysis of one text: its normalised form, the phrase hits and the evidence. */
  private static final class Analysis implements InjectionRules.Sink {
    final String text;
    final int depth;
    final int[] budget;
    final List<Evidence> evidence = new ArrayList<>();
    final double[] best = new double[KINDS];
    NormalizedText norm;
    /** Arrays to reuse (top level only), or null. */
    @Nullable Scratch scratch;

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

    @Override
    public void add(int kind, double score, int start, int end) {
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
      TextNormalizer.Scratch reuse = scratch == null ? null : scratch.normalized;
      if (reuse != null) {
        reuse.recordWords = true;
      }
      norm = TextNormalizer.withLeetspeak().normalize(text, reuse);
      InjectionHitCollector collector = new InjectionHitCollector(norm.buffer(), norm.length(),
          false, scratch == null ? null : scratch.plainFor(norm.length()));
      Scan scan = reuse != null && reuse.words >= 0
          ? scanWordList(collector, reuse)
          : scanWords(collector);
      InjectionHits plain = collector.layer(InjectionLexicon.PLAIN);
      if (plain.count > 0) {
        new InjectionRules(this, plain, norm, text, true, null).run();
      }
      for (int layer = InjectionLexicon.ROT13; layer <= InjectionLexicon.REVERSED; layer++) {
        InjectionHits hits = collector.layer(layer);
        if (hits.count < 1 || !wants(T_EP)) {
          continue;
        }
        Analysis sub = new Analysis(text, depth, budget, ALL_TYPES);
        new InjectionRules(sub, hits, norm, text, false, null).run();
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
        new Payloads(this, plain).run(scan);
      }
    }

    /** What the word pass noticed besides phrase hits. */
    static final class Scan {
      /** Windows of the original text where encoded data may sit: from, to pairs. */
      int[] encoded = new int[0];
      int encodedCount;
      @Nullable List<Integer> spacedRuns;
      /** Where the previous word ends in the original text. */
      int previousEnd;
      /** Hex pairs or binary octets in a row so far, and where the run starts. */
      int shapeRun;
      int shapeStart;
      /** The run of one-letter words (spelled-out text) so far: where it starts, or -1, and its length. */
      int spacedStart = -1;
      int spacedLetters;

      /** Notes one word starting at {@code ts}: a one-letter word extends a spelled-out run, any other ends it. */
      void spacing(int ts, boolean oneLetter) {
        if (oneLetter) {
          if (spacedStart < 0) {
            spacedStart = ts;
            spacedLetters = 0;
          }
          spacedLetters++;
        } else {
          closeSpaced(ts);
        }
      }

      /** Ends the spelled-out run at {@code end}, keeping it when it has five letters or more. */
      void closeSpaced(int end) {
        if (spacedStart >= 0 && spacedLetters >= 5) {
          if (spacedRuns == null) {
            spacedRuns = new ArrayList<>();
          }
          spacedRuns.add(spacedStart);
          spacedRuns.add(end);
          spacedRuns.add(spacedLetters);
        }
        spacedStart = -1;
      }

      void encodedWindow(int from, int to) {
        if (encodedCount > 0 && from <= encoded[encodedCount - 1] + 64) {
          encoded[encodedCount - 1] = Math.max(encoded[encodedCount - 1], to);
          return;
        }
        if (encodedCount == encoded.length) {
          encoded = java.util.Arrays.copyOf(encoded, Math.max(8, encodedCount * 2));
        }
        encoded[encodedCount++] = from;
        encoded[encodedCount++] = to;
      }
    }

    /** Whether a word of the original text looks like a hex pair or a binary octet. */
    private boolean encodedShape(int from, int to) {
      int len = to - from;
      if (len != 2 && len != 8) {
        return false;
      }
      for (int k = from; k < to; k++) {
        char c = text.charAt(k);
        boolean ok = len == 8 ? c == '0' || c == '1'
            : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
        if (!ok) {
          return false;
        }
      }
      return true;
    }

    /**
     * One pass over the normalised words: each word is hashed and fed to the word automaton;
     * words of unspaced scripts go through the character automaton instead. Also notes runs of
     * one-letter words (spelled-out text) and word shapes that encoded data leaves behind.
     */
    private Scan scanWords(InjectionHitCollector collector) {
      Scan scan = new Scan();
      char[] b = norm.buffer();
      int n = norm.length();
      WordAutomaton words = InjectionLexicon.WORDS;
      int[] ringStart = new int[RING];
      int[] ringUnit = new int[RING];
      int token = 0;
      int state = 0;
      int units = 0;
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
        scan.spacing(ts, len == 1 && !nonAscii);
        noteShape(scan, ts, i, len);
      }
      return finish(scan, n);
    }

    /**
     * The word pass of {@link #scanWords} over the word list that the normaliser made for an
     * all-ASCII text: the same steps, without reading the normalised copy again.
     */
    private Scan scanWordList(InjectionHitCollector collector, TextNormalizer.Scratch list) {
      Scan scan = new Scan();
      WordAutomaton words = InjectionLexicon.WORDS;
      int[] ringStart = new int[RING];
      int[] ringUnit = new int[RING];
      int[] starts = list.wordStarts;
      int[] ends = list.wordEnds;
      long[] hashes = list.wordHashes;
      int count = list.words;
      int state = 0;
      int units = 0;
      int previous = 0;
      for (int token = 0; token < count; token++) {
        int ts = starts[token];
        int end = ends[token];
        // only spaces lie between two words, each two units
        units += 2 * (ts - previous);
        previous = end;
        ringStart[token & (RING - 1)] = ts;
        ringUnit[token & (RING - 1)] = units;
        state = words.step(state, words.word(hashes[token]));
        if (state != 0) {
          emit(collector, words, state, token, end, units, ringStart, ringUnit);
        }
        int len = end - ts;
        scan.spacing(ts, len == 1);
        noteShape(scan, ts, end, len);
      }
      return finish(scan, norm.length());
    }

    /** Ends the word pass at {@code end} of the normalised text: closes a spelled-out run and a trailing symbol stretch. */
    private Scan finish(Scan scan, int end) {
      scan.closeSpaced(end);
      if (text.length() - scan.previousEnd >= MORSE_GAP) {
        scan.encodedWindow(scan.previousEnd, text.length());
      }
      return scan;
    }

    /**
     * Notes where encoded data may sit, from the shape of one word (kept out of the word loop,
     * which stays small enough for the compiler to inline its automaton steps).
     */
    private void noteShape(Scan scan, int ts, int end, int len) {
      // array reads only (the exact end of a folded unit does not matter for these windows,
      // which EncodedRuns widens to whitespace)
      int[] starts = norm.startsBuffer();
      int os = starts[ts];
      int oe = starts[end - 1] + 1;
      if (os - scan.previousEnd >= MORSE_GAP) {
        // a long stretch without letters or digits: Morse code, or other symbols
        scan.encodedWindow(scan.previousEnd, os);
      }
      scan.previousEnd = oe;
      if (len >= 16) {
        scan.encodedWindow(os, oe);
      }
      if ((len == 2 || len == 8) && encodedShape(os, oe)) {
        scan.shapeStart = scan.shapeRun == 0 ? os : scan.shapeStart;
        scan.shapeRun++;
        if (scan.shapeRun >= 4) {
          scan.encodedWindow(scan.shapeStart, oe);
        }
      } else {
        scan.shapeRun = 0;
      }
    }

    private static void emit(InjectionHitCollector collector, WordAutomaton words, int state, int token,
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
      InjectionHitCollector collector = new InjectionHitCollector(joined, k, true);
      InjectionLexicon.AUTOMATON.scan(joined, 0, k, false, collector);
      InjectionHits hits = collector.layer(InjectionLexicon.PLAIN);
      if (hits.count == 0) {
        return;
      }
      Analysis sub = new Analysis(text, depth, budget, ALL_TYPES);
      new InjectionRules(sub, hits, norm, text, false, positions).run();
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

  /**
   * Encoded payloads (Base64, hex, binary, Morse) and split payloads (labelled fragments that the
   * text asks to join): each is decoded or reassembled and scanned again.
   */
  private static final class Payloads {
    private final Analysis out;
    private final InjectionHits plain;
    private final String raw;

    Payloads(Analysis out, InjectionHits plain) {
      this.out = out;
      this.plain = plain;
      this.raw = out.text;
    }

    void run(Analysis.Scan scan) {
      if (out.wants(T_EP)) {
        for (int w = 0; w < scan.encodedCount; w += 2) {
          decodeRuns(EncodedRuns.find(raw, scan.encoded[w], scan.encoded[w + 1]));
        }
      }
      split();
    }

    private void decodeRuns(List<int[]> runs) {
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
    }

    private void split() {
      boolean joinCue = false;
      boolean actCue = false;
      for (int i = 0; i < plain.count; i++) {
        joinCue |= plain.has(i, SPLIT_JOIN);
        actCue |= plain.has(i, FOLLOW) || plain.has(i, ASK) || plain.has(i, REVEAL);
      }
      if (!out.wants(T_PI)) {
        return;
      }
      boolean plus = !joinCue && SplitPayloads.mayHaveJoinExpression(raw);
      if (joinCue || plus) {
        split(joinCue, actCue);
      }
    }

    private void split(boolean joinCue, boolean actCue) {
      List<SplitPayloads.Fragment> fragments = SplitPayloads.cluster(SplitPayloads.fragments(raw));
      if (fragments.size() < 2) {
        return;
      }
      boolean expression = SplitPayloads.hasJoinExpression(raw, fragments);
      if (!joinCue && !expression) {
        return;
      }
      String joined = SplitPayloads.reassemble(raw, fragments);
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
