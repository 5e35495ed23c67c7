package dev.guardrails4j.core.detect.injection;

import dev.guardrails4j.core.detect.text.PhraseAutomaton;
import org.jspecify.annotations.Nullable;

/**
 * Receives automaton matches and records them per layer with their position in units (a unit is
 * a word, or one character of a script written without spaces).
 */
final class InjectionHitCollector implements PhraseAutomaton.MatchSink {
  /** The hits of a layer without any: shared, read only (nothing adds to it). */
  private static final InjectionHits NONE = new InjectionHits(0);

  private final char[] text;
  private final int length;
  private final boolean charUnits;
  private final InjectionHits[] layers = new InjectionHits[InjectionLexicon.LAYERS];
  private int cursor;
  private int cursorUnits;

  InjectionHitCollector(char[] text, int length, boolean charUnits) {
    this(text, length, charUnits, null);
  }

  /**
   * A collector that records the plain layer's hits into {@code plain} (emptied first), so that a
   * caller can reuse its arrays from one text to the next.
   */
  InjectionHitCollector(char[] text, int length, boolean charUnits,
      @Nullable InjectionHits plain) {
    this.text = text;
    this.length = length;
    this.charUnits = charUnits;
    if (plain != null) {
      plain.clear();
      layers[InjectionLexicon.PLAIN] = plain;
    }
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
    InjectionHits hits = layers[layer];
    if (hits == null) {
      // ordinary prose has about one plain hit every sixteen characters
      hits = new InjectionHits(layer == InjectionLexicon.PLAIN ? Math.max(16, length / 16) : 16);
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

  InjectionHits layer(int layer) {
    InjectionHits hits = layers[layer];
    if (hits == null) {
      return NONE;
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
