package dev.guardrails4j.core.detect.injection;

import java.util.Arrays;

/** Phrase hits of one layer, in struct-of-arrays form. */
final class InjectionHits {
  boolean reversed;
  int count;
  int[] phrase;
  int[] start;
  int[] end;
  int[] unitStart;
  int[] unitEnd;
  long[] classes;
  /** Classes 64 and up, bit {@code cls - 64}. */
  long[] classes2;

  InjectionHits() {
    this(16);
  }

  InjectionHits(int capacity) {
    phrase = new int[capacity];
    start = new int[capacity];
    end = new int[capacity];
    unitStart = new int[capacity];
    unitEnd = new int[capacity];
    classes = new long[capacity];
    classes2 = new long[capacity];
  }

  /** Forgets every hit (keeping the arrays) and the reading direction. */
  void clear() {
    count = 0;
    reversed = false;
  }

  /** How many hits the arrays hold without growing. */
  int capacity() {
    return phrase.length;
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
      classes2 = Arrays.copyOf(classes2, n);
    }
    phrase[count] = p;
    start[count] = s;
    end[count] = e;
    unitStart[count] = us;
    unitEnd[count] = ue;
    classes[count] = InjectionLexicon.PHRASE_CLASSES[p];
    classes2[count] = InjectionLexicon.PHRASE_CLASSES2[p];
    count++;
  }

  boolean has(int i, int cls) {
    return cls < 64 ? (classes[i] & (1L << cls)) != 0 : (classes2[i] & (1L << (cls - 64))) != 0;
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
    c = classes2[a]; classes2[a] = classes2[b]; classes2[b] = c;
  }
}
