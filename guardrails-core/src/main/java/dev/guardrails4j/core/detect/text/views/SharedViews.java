package dev.guardrails4j.core.detect.text.views;

import dev.guardrails4j.api.Finding;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Not API. The views of one text that every detector family scans besides the text itself (see
 * the package description), computed once per text and shared by all detectors of a call.
 *
 * <p>{@link #of(String)} makes one pass over the text to see which views it needs; a plain text
 * (no control, invisible, look-alike or compatibility character, no markup or line break inside a
 * value, no unusually grouped number, no encoded run, no joined words) needs none, and then
 * {@link #widen} returns the findings it is given without any further work or copy. The views
 * themselves are built on first use. The last text's views are kept per thread behind a weak
 * reference, so the detectors of one call (which run one after the other on one thread with the
 * same string) share them, and nothing keeps a text once the call is over and memory is needed.
 *
 * <p>Instances are confined to the thread that made them.
 */
public final class SharedViews {

  /** The clean view: invisible and control characters dropped, NFKC, look-alikes, markup, lines. */
  public static final int CLEAN = 1;
  /** The digits view: unusually grouped numbers bridged (card, IBAN and phone findings only). */
  public static final int DIGITS = 2;
  /** The decoded view: encoded runs decoded. */
  public static final int DECODED = 4;
  /** The word-split view: CamelCase and run-together words split (for keyword rules). */
  public static final int WORDS = 8;
  /**
   * With the view bits: a view's finding never replaces one of the text's own, it is only added
   * where nothing was found (for detectors whose findings mark evidence rather than a value).
   */
  public static final int ADD_ONLY = 256;

  private static final int BUILT_CLEAN = 16;
  private static final int BUILT_DIGITS = 32;
  private static final int BUILT_DECODED = 64;
  private static final int BUILT_WORDS = 128;

  private static final ThreadLocal<WeakReference<SharedViews>> LAST = new ThreadLocal<>();

  private final String text;
  private final int needs;
  private int built;
  private @Nullable TextView clean;
  private @Nullable TextView digits;
  private @Nullable TextView decoded;
  private @Nullable TextView decodedTwice;
  private @Nullable TextView words;
  private @Nullable Set<String> wordsDictionary;

  private SharedViews(String text, int needs) {
    this.text = text;
    this.needs = needs;
  }

  /**
   * The views of a text: the same instance for the same string on the same thread while it is
   * still referenced.
   *
   * @param text the text a detector was given
   * @return its views
   */
  public static SharedViews of(String text) {
    WeakReference<SharedViews> ref = LAST.get();
    SharedViews last = ref == null ? null : ref.get();
    if (last != null && last.text == text) {
      return last;
    }
    SharedViews views = new SharedViews(text, ViewTriggers.of(text));
    LAST.set(new WeakReference<>(views));
    return views;
  }

  /**
   * Whether the text needs none of the views in {@code mask}.
   *
   * @param mask view bits
   * @return true when scanning the text itself is enough
   */
  public boolean plain(int mask) {
    return (needs & mask) == 0;
  }

  /**
   * Scans the views in {@code mask} that this text needs and adds their findings, moved to the
   * original text, to {@code found} (see {@link #add}).
   *
   * @param found the findings of the text itself
   * @param scan the detector's scan of one text (its own folding included, no views)
   * @param mask which views: {@link #CLEAN}, {@link #DIGITS}, {@link #DECODED}
   * @param digitTypes the finding types kept from the digits view (validated numbers)
   * @return all findings
   */
  public List<Finding> widen(List<Finding> found, Function<String, List<Finding>> scan, int mask,
      Set<String> digitTypes) {
    if ((needs & mask) == 0) {
      return found;
    }
    boolean addOnly = (mask & ADD_ONLY) != 0;
    List<Finding> all = found;
    if ((mask & needs & CLEAN) != 0) {
      all = scanView(all, clean(), scan, addOnly);
    }
    if ((mask & needs & DIGITS) != 0) {
      TextView v = digits();
      if (v != null) {
        List<Finding> kept = new ArrayList<>();
        for (Finding f : v.toOriginal(scan.apply(v.text()))) {
          if (digitTypes.contains(f.type())) {
            kept.add(f);
          }
        }
        all = add(all, kept, addOnly);
      }
    }
    if ((mask & needs & DECODED) != 0) {
      all = scanView(all, decoded(), scan, addOnly);
      all = scanView(all, decodedTwice, scan, addOnly);
    }
    return all;
  }

  /**
   * Scans the word-split view, if this text needs one, and adds its findings.
   *
   * @param found the findings so far
   * @param scan the detector's scan of one text
   * @param dictionary lower-case words that run-together text is split into
   * @return all findings
   */
  public List<Finding> widenWords(List<Finding> found, Function<String, List<Finding>> scan,
      Set<String> dictionary) {
    if ((needs & WORDS) == 0) {
      return found;
    }
    if ((built & BUILT_WORDS) == 0 || wordsDictionary != dictionary) {
      words = WordSplits.of(text, dictionary);
      wordsDictionary = dictionary;
      built |= BUILT_WORDS;
    }
    return scanView(found, words, scan, true);
  }

  private static List<Finding> scanView(List<Finding> found, @Nullable TextView view,
      Function<String, List<Finding>> scan, boolean addOnly) {
    if (view == null) {
      return found;
    }
    return add(found, view.toOriginal(scan.apply(view.text())), addOnly);
  }

  /**
   * Adds what a view found to what the text itself gave. The text's own findings stand: a view's
   * finding is added where nothing was found, and replaces findings only when it covers each of
   * them, is longer, and has a higher score (the whole disguised value where the text gave a fragment); otherwise
   * it is dropped, so a view never moves or shortens a finding the text already gave. With
   * {@code addOnly} it never replaces one.
   */
  static List<Finding> add(List<Finding> found, List<Finding> fromView, boolean addOnly) {
    if (fromView.isEmpty()) {
      return found;
    }
    List<Finding> all = new ArrayList<>(found);
    for (Finding v : fromView) {
      boolean wins = true;
      boolean overlaps = false;
      for (Finding f : all) {
        if (f.start() < v.end() && v.start() < f.end()) {
          overlaps = true;
          if (addOnly || !(v.start() <= f.start() && f.end() <= v.end() && v.length() > f.length()
              && v.score() > f.score())) {
            wins = false;
            break;
          }
        }
      }
      if (!overlaps) {
        all.add(v);
      } else if (wins) {
        all.removeIf(f -> f.start() < v.end() && v.start() < f.end());
        all.add(v);
      }
    }
    all.sort(BY_POSITION);
    return List.copyOf(all);
  }

  private static final java.util.Comparator<Finding> BY_POSITION =
      java.util.Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end);

  /** The clean view, or null if cleaning changes nothing. */
  @Nullable TextView clean() {
    if ((built & BUILT_CLEAN) == 0) {
      clean = CleanView.of(text);
      built |= BUILT_CLEAN;
    }
    return clean;
  }

  /** The digits view, or null if no number is bridged. */
  @Nullable TextView digits() {
    if ((built & BUILT_DIGITS) == 0) {
      digits = DigitGroups.of(text);
      built |= BUILT_DIGITS;
    }
    return digits;
  }

  /** The decoded view, or null if nothing decodes; also decodes it once more. */
  @Nullable TextView decoded() {
    if ((built & BUILT_DECODED) == 0) {
      decoded = Decoding.of(text, null);
      TextView again = decoded;
      for (int depth = 1; again != null && depth < Decoding.MAX_DEPTH; depth++) {
        again = Decoding.of(again.text(), again);
      }
      decodedTwice = again == decoded ? null : again;
      built |= BUILT_DECODED;
    }
    return decoded;
  }
}
