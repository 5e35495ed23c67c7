package dev.guardrails4j.core.detect.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Not API. An Aho-Corasick automaton over normalised phrases (see {@link TextNormalizer}): finds
 * every occurrence of every phrase in one left-to-right pass over a normalised text, in time linear
 * in the text plus the number of matches reported.
 *
 * <p>Each phrase carries its own boundary rules. A phrase that must start (end) on a word boundary
 * only matches where the character before (after) it is a space, the edge of the text, or a
 * character of a script written without spaces (CJK, kana, Thai), so {@code ignore} does not match
 * inside {@code ignorance} while {@code 忽略} matches inside a Chinese sentence.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class PhraseAutomaton {

  /** Receives matches in order of their end offset. */
  public interface MatchSink {
    /**
     * One match.
     *
     * @param phrase the phrase id given to {@link Builder#add}
     * @param start start offset in the normalised text, inclusive
     * @param end end offset, exclusive
     */
    void match(int phrase, int start, int end);
  }

  private final int[] rootAscii;
  private final int[] edgeStart;
  private final int[] edgeChar;
  private final int[] edgeTarget;
  private final int[] fail;
  private final int[] dictLink;
  private final int[] outStart;
  private final int[] outPhrase;
  private final int[] phraseLength;
  private final boolean[] startBoundary;
  private final boolean[] endBoundary;

  private PhraseAutomaton(Builder b) {
    int states = b.children.size();
    // Breadth-first order keeps parents before children, so failure links resolve in one pass.
    int[] order = new int[states];
    int[] newId = new int[states];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(0);
    int next = 0;
    while (!queue.isEmpty()) {
      int s = queue.poll();
      newId[s] = next;
      order[next++] = s;
      b.children.get(s).entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> queue.add(e.getValue()));
    }
    edgeStart = new int[states + 1];
    int edges = 0;
    for (int k = 0; k < states; k++) {
      edges += b.children.get(order[k]).size();
    }
    edgeChar = new int[edges];
    edgeTarget = new int[edges];
    int e = 0;
    for (int k = 0; k < states; k++) {
      edgeStart[k] = e;
      List<Map.Entry<Character, Integer>> sorted =
          new ArrayList<>(b.children.get(order[k]).entrySet());
      sorted.sort(Map.Entry.comparingByKey());
      for (Map.Entry<Character, Integer> entry : sorted) {
        edgeChar[e] = entry.getKey();
        edgeTarget[e] = newId[entry.getValue()];
        e++;
      }
    }
    edgeStart[states] = e;
    rootAscii = new int[128];
    for (int k = edgeStart[0]; k < edgeStart[1]; k++) {
      if (edgeChar[k] < 128) {
        rootAscii[edgeChar[k]] = edgeTarget[k];
      }
    }

    fail = new int[states];
    for (int k = 0; k < states; k++) {
      for (int x = edgeStart[k]; x < edgeStart[k + 1]; x++) {
        int child = edgeTarget[x];
        if (k == 0) {
          fail[child] = 0;
          continue;
        }
        char c = (char) edgeChar[x];
        int f = fail[k];
        int t;
        while ((t = child(f, c)) == 0 && f != 0) {
          f = fail[f];
        }
        fail[child] = t;
      }
    }

    outStart = new int[states + 1];
    int outs = 0;
    for (int k = 0; k < states; k++) {
      outs += b.outputs.get(order[k]).size();
    }
    outPhrase = new int[outs];
    int o = 0;
    for (int k = 0; k < states; k++) {
      outStart[k] = o;
      for (int id : b.outputs.get(order[k])) {
        outPhrase[o++] = id;
      }
    }
    outStart[states] = o;
    dictLink = new int[states];
    for (int k = 0; k < states; k++) {
      int f = k == 0 ? 0 : fail[k];
      while (f != 0 && outStart[f] == outStart[f + 1]) {
        f = fail[f];
      }
      dictLink[k] = f == 0 ? -1 : f;
    }
    phraseLength = b.lengths.stream().mapToInt(Integer::intValue).toArray();
    startBoundary = new boolean[phraseLength.length];
    endBoundary = new boolean[phraseLength.length];
    for (int k = 0; k < phraseLength.length; k++) {
      startBoundary[k] = b.startBoundaries.get(k);
      endBoundary[k] = b.endBoundaries.get(k);
    }
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The number of phrase ids. */
  int phraseCount() {
    return phraseLength.length;
  }

  /** The number of states, for tests and sizing. */
  int stateCount() {
    return fail.length;
  }

  private int child(int state, char c) {
    if (state == 0 && c < 128) {
      return rootAscii[c];
    }
    return SortedEdges.find(edgeChar, edgeTarget, edgeStart[state], edgeStart[state + 1], c);
  }

  /**
   * Reports every match in {@code text[from, to)}.
   *
   * @param text normalised text
   * @param from first index
   * @param to end index, exclusive
   * @param sink receives the matches
   */
  public void scan(char[] text, int from, int to, MatchSink sink) {
    scan(text, from, to, true, sink);
  }

  /**
   * Reports every match in {@code text[from, to)}, optionally ignoring the phrases' word
   * boundaries (to read text whose spaces were removed).
   *
   * @param text normalised text
   * @param from first index
   * @param to end index, exclusive
   * @param boundaries whether to apply the phrases' word-boundary rules
   * @param sink receives the matches
   */
  public void scan(char[] text, int from, int to, boolean boundaries, MatchSink sink) {
    int state = 0;
    for (int i = from; i < to; i++) {
      char c = text[i];
      int t;
      while ((t = child(state, c)) == 0 && state != 0) {
        state = fail[state];
      }
      state = t;
      if (state == 0) {
        continue;
      }
      int s = outStart[state] < outStart[state + 1] ? state : dictLink[state];
      if (s < 0) {
        continue;
      }
      boolean boundaryAfter = i + 1 >= to || isBoundary(text[i + 1]);
      while (s > 0) {
        for (int k = outStart[s]; k < outStart[s + 1]; k++) {
          int phrase = outPhrase[k];
          if (boundaries && endBoundary[phrase] && !boundaryAfter) {
            continue;
          }
          int start = i + 1 - phraseLength[phrase];
          if (boundaries && startBoundary[phrase] && start > from
              && !isBoundary(text[start - 1])) {
            continue;
          }
          sink.match(phrase, start, i + 1);
        }
        s = dictLink[s];
      }
    }
  }

  /** A character next to which a word may start or end. */
  static boolean isBoundary(char c) {
    return c == ' ' || isUnspaced(c);
  }

  /** Scripts written without spaces between words. */
  public static boolean isUnspaced(char c) {
    return c >= 0x2E80 && c <= 0x9FFF
        || c >= 0xF900 && c <= 0xFAFF
        || c >= 0xFF66 && c <= 0xFF9F
        || c >= 0x0E00 && c <= 0x0EFF
        || c >= 0x1000 && c <= 0x109F
        || c >= 0x1780 && c <= 0x17FF
        || Character.isSurrogate(c);
  }

  /** Collects phrases; {@link #build()} compiles them. */
  public static final class Builder {
    private final List<Map<Character, Integer>> children = new ArrayList<>();
    private final List<List<Integer>> outputs = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    private final List<Boolean> startBoundaries = new ArrayList<>();
    private final List<Boolean> endBoundaries = new ArrayList<>();

    private Builder() {
      newState();
    }

    private int newState() {
      children.add(new HashMap<>(4));
      outputs.add(new ArrayList<>(1));
      return children.size() - 1;
    }

    /**
     * Adds a phrase, already normalised, and returns its id (ids count up from 0).
     *
     * @param phrase a non-empty normalised phrase without leading or trailing space
     * @param wholeWordStart whether a match must start on a word boundary (ignored for a phrase
     *     that starts with a character of an unspaced script)
     * @param wholeWordEnd whether a match must end on a word boundary (likewise)
     * @return the phrase id
     */
    public int add(String phrase, boolean wholeWordStart, boolean wholeWordEnd) {
      if (phrase.isEmpty()) {
        throw new IllegalArgumentException("phrase must not be empty");
      }
      int state = 0;
      for (int k = 0; k < phrase.length(); k++) {
        char c = phrase.charAt(k);
        Integer t = children.get(state).get(c);
        if (t == null) {
          t = newState();
          children.get(state).put(c, t);
        }
        state = t;
      }
      int id = lengths.size();
      outputs.get(state).add(id);
      lengths.add(phrase.length());
      startBoundaries.add(wholeWordStart && !isUnspaced(phrase.charAt(0)));
      endBoundaries.add(wholeWordEnd && !isUnspaced(phrase.charAt(phrase.length() - 1)));
      return id;
    }

    /** Compiles the automaton. */
    public PhraseAutomaton build() {
      return new PhraseAutomaton(this);
    }
  }
}
