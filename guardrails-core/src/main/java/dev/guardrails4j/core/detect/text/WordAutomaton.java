package dev.guardrails4j.core.detect.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Not API. An Aho-Corasick automaton whose alphabet is words: phrases are sequences of normalised
 * words, the text is the sequence of its words, each mapped to a vocabulary id through a 64-bit
 * FNV-1a hash (with a Bloom filter in front, so the many words no phrase uses cost one bit test).
 * Matching a text costs one hash step per character and one probe per word, however many phrases
 * there are.
 *
 * <p>The last word of a phrase may be a stem ({@code инструкци*} matches {@code инструкции}); stems
 * are looked up only for words with non-ASCII letters. Words are compared by hash: two different
 * words with equal 64-bit hashes would match each other, which costs at most a spurious hit.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class WordAutomaton {

  public static final long SEED = 0xcbf29ce484222325L;
  static final long PRIME = 0x100000001b3L;
  private static final int BLOOM_BITS = 1 << 16;

  private final long[] bloom = new long[BLOOM_BITS / 64];
  private final long[] vocabKeys;
  private final int[] vocabIds;
  private final long[] stemKeys;
  private final int[] stemIds;
  private final int stemLengths;
  private final int[] rootNext;
  private final int[] edgeStart;
  private final int[] edgeWord;
  private final int[] edgeTarget;
  private final int[] fail;
  private final int[] outStart;
  private final int[] outPhrase;
  private final int[] dictLink;
  private final int[] firstOutput;
  private final int[] phraseWords;

  /** Hash step: call for each character of a word, starting from {@link #SEED}. */
  public static long hash(long h, char c) {
    return (h ^ c) * PRIME;
  }

  public static long hash(CharSequence word) {
    long h = SEED;
    for (int i = 0; i < word.length(); i++) {
      h = hash(h, word.charAt(i));
    }
    return h;
  }

  private WordAutomaton(Builder b) {
    int vocab = b.vocabulary.size();
    int capacity = Integer.highestOneBit(Math.max(16, vocab * 4 - 1)) << 1;
    vocabKeys = new long[capacity];
    vocabIds = new int[capacity];
    for (Map.Entry<String, Integer> e : b.vocabulary.entrySet()) {
      long h = key(hash(e.getKey()));
      put(vocabKeys, vocabIds, h, e.getValue());
      setBloom(h);
    }
    int stemCapacity = Integer.highestOneBit(Math.max(16, b.stems.size() * 4 - 1)) << 1;
    stemKeys = new long[stemCapacity];
    stemIds = new int[stemCapacity];
    int lengths = 0;
    for (Map.Entry<String, Integer> e : b.stems.entrySet()) {
      put(stemKeys, stemIds, key(hash(e.getKey())), e.getValue());
      lengths |= 1 << Math.min(31, e.getKey().length());
    }
    stemLengths = lengths;

    int states = b.children.size();
    int[] order = new int[states];
    int[] newId = new int[states];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(0);
    int next = 0;
    while (!queue.isEmpty()) {
      int s = queue.poll();
      newId[s] = next;
      order[next++] = s;
      queue.addAll(b.children.get(s).values());
    }
    edgeStart = new int[states + 1];
    int edges = 0;
    for (Map<Integer, Integer> c : b.children) {
      edges += c.size();
    }
    edgeWord = new int[edges];
    edgeTarget = new int[edges];
    int e = 0;
    for (int k = 0; k < states; k++) {
      edgeStart[k] = e;
      for (Map.Entry<Integer, Integer> entry : b.children.get(order[k]).entrySet()) {
        edgeWord[e] = entry.getKey(); // TreeMap: sorted by word id
        edgeTarget[e] = newId[entry.getValue()];
        e++;
      }
    }
    edgeStart[states] = e;
    rootNext = new int[vocab + b.stems.size()];
    for (int k = edgeStart[0]; k < edgeStart[1]; k++) {
      rootNext[edgeWord[k]] = edgeTarget[k];
    }
    fail = new int[states];
    for (int k = 0; k < states; k++) {
      for (int x = edgeStart[k]; x < edgeStart[k + 1]; x++) {
        int child = edgeTarget[x];
        if (k == 0) {
          continue;
        }
        int f = fail[k];
        int t;
        while ((t = child(f, edgeWord[x])) == 0 && f != 0) {
          f = fail[f];
        }
        fail[child] = t;
      }
    }
    outStart = new int[states + 1];
    List<Integer> outs = new ArrayList<>();
    for (int k = 0; k < states; k++) {
      outStart[k] = outs.size();
      outs.addAll(b.outputs.get(order[k]));
    }
    outStart[states] = outs.size();
    outPhrase = outs.stream().mapToInt(Integer::intValue).toArray();
    dictLink = new int[states];
    for (int k = 0; k < states; k++) {
      int f = k == 0 ? 0 : fail[k];
      while (f != 0 && outStart[f] == outStart[f + 1]) {
        f = fail[f];
      }
      dictLink[k] = f == 0 ? -1 : f;
    }
    firstOutput = new int[states];
    firstOutput[0] = -1;
    for (int k = 1; k < states; k++) {
      firstOutput[k] = outStart[k] < outStart[k + 1] ? k : dictLink[k];
    }
    phraseWords = b.phraseWords.stream().mapToInt(Integer::intValue).toArray();
  }

  private static long key(long h) {
    return h == 0 ? 1 : h;
  }

  private static void put(long[] keys, int[] ids, long h, int id) {
    int mask = keys.length - 1;
    int slot = (int) (h ^ (h >>> 29)) & mask;
    while (keys[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    keys[slot] = h;
    ids[slot] = id;
  }

  private static int get(long[] keys, int[] ids, long h) {
    int mask = keys.length - 1;
    int slot = (int) (h ^ (h >>> 29)) & mask;
    long k;
    while ((k = keys[slot]) != 0) {
      if (k == h) {
        return ids[slot];
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private void setBloom(long h) {
    int a = (int) (h >>> 48);
    int b = (int) (h >>> 20) & (BLOOM_BITS - 1);
    bloom[a >>> 6] |= 1L << a;
    bloom[b >>> 6] |= 1L << b;
  }

  /**
   * The vocabulary id of a word, or -1.
   *
   * @param h the word's hash (see {@link #hash(long, char)})
   */
  public int word(long h) {
    long k = key(h);
    int a = (int) (k >>> 48);
    int b = (int) (k >>> 20) & (BLOOM_BITS - 1);
    if ((bloom[a >>> 6] & (1L << a)) == 0 || (bloom[b >>> 6] & (1L << b)) == 0) {
      return -1;
    }
    return get(vocabKeys, vocabIds, k);
  }

  /** Whether some stem has this many characters. */
  public boolean hasStemOfLength(int length) {
    return length < 32 && (stemLengths & (1 << length)) != 0;
  }

  /** The id of a stem (a word prefix) with this hash, or -1. */
  public int stem(long h) {
    return get(stemKeys, stemIds, key(h));
  }

  private int child(int state, int word) {
    if (state == 0) {
      return rootNext[word];
    }
    // edges are sorted by word id: common words ("the", "your") have many children
    return SortedEdges.find(edgeWord, edgeTarget, edgeStart[state], edgeStart[state + 1], word);
  }

  /**
   * The state after reading a word.
   *
   * @param state the current state (0 at the start)
   * @param word the word's id, or -1 for a word no phrase uses
   * @return the next state
   */
  public int step(int state, int word) {
    if (word < 0) {
      return 0;
    }
    int s = state;
    int t;
    while ((t = child(s, word)) == 0 && s != 0) {
      s = fail[s];
    }
    return t;
  }

  /** The first state at or below {@code state} (by dictionary links) with outputs, or -1. */
  public int firstOutput(int state) {
    return firstOutput[state];
  }

  /** The next state with outputs after {@code state} on its dictionary chain, or -1. */
  public int nextOutput(int state) {
    return dictLink[state];
  }

  public int outputsFrom(int state) {
    return outStart[state];
  }

  public int outputsTo(int state) {
    return outStart[state + 1];
  }

  public int phraseAt(int index) {
    return outPhrase[index];
  }

  /** How many words the phrase has. */
  public int words(int phrase) {
    return phraseWords[phrase];
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects phrases given as word lists; ids are given by the caller. */
  public static final class Builder {
    private final Map<String, Integer> vocabulary = new HashMap<>();
    private final Map<String, Integer> stems = new HashMap<>();
    private final List<TreeMap<Integer, Integer>> children = new ArrayList<>();
    private final List<List<Integer>> outputs = new ArrayList<>();
    private final List<Integer> phraseWords = new ArrayList<>();

    private Builder() {
      children.add(new TreeMap<>());
      outputs.add(new ArrayList<>(1));
    }

    /**
     * Adds a phrase.
     *
     * @param words normalised words, none empty and none containing a space
     * @param lastIsStem whether the last word is a stem (its words must then contain non-ASCII
     *     letters)
     * @param phrase the phrase id; ids must be dense from 0, gaps are allowed
     */
    public void add(List<String> words, boolean lastIsStem, int phrase) {
      int state = 0;
      for (int k = 0; k < words.size(); k++) {
        String w = words.get(k);
        boolean stem = lastIsStem && k == words.size() - 1;
        int id = stem ? stemId(w) : wordId(w);
        Integer t = children.get(state).get(id);
        if (t == null) {
          t = children.size();
          children.add(new TreeMap<>());
          outputs.add(new ArrayList<>(1));
          children.get(state).put(id, t);
        }
        state = t;
      }
      outputs.get(state).add(phrase);
      while (phraseWords.size() <= phrase) {
        phraseWords.add(0);
      }
      phraseWords.set(phrase, words.size());
    }

    private int wordId(String w) {
      // stems and words share one id space: words first, stems numbered after all words
      return vocabulary.computeIfAbsent(w, x -> vocabulary.size() + stems.size());
    }

    private int stemId(String w) {
      return stems.computeIfAbsent(w, x -> vocabulary.size() + stems.size());
    }

    public WordAutomaton build() {
      return new WordAutomaton(this);
    }
  }
}
