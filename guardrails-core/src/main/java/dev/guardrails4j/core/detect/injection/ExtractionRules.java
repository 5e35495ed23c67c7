package dev.guardrails4j.core.detect.injection;

import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_EXTRACTION;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_PERSONAL_DATA;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_SECRET;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.ARTICLE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.ASK;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.CODE_CONTEXT;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.OTHER_PARTY;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.POSITIONAL;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.REVEAL;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.REVEAL_WEAK;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.SECRET;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.SECRET_DET;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.SECRET_ML;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.SECRET_VETO;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.SECRET_VETO_AFTER;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.TARGET;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.THIRD_PARTY;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.VETO;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.YOUR;

import dev.guardrails4j.core.detect.text.NormalizedText;
import org.jspecify.annotations.Nullable;

/**
 * The prompt-injection rules for extraction: requests to reveal the system prompt or a guarded
 * secret, and for other people's personal data or the application's records.
 */
abstract class ExtractionRules extends HitWindow {

  /** The score of a cue that never reaches the default threshold alone. */
  static final double SUPPORTING = 0.4;

  ExtractionRules(Sink out, InjectionHits hits, NormalizedText norm, String raw, boolean plain,
      int @Nullable [] positions) {
    super(out, hits, norm, raw, plain, positions);
  }

  void extraction(int r) {
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

  void secret(int s) {
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

  /**
   * "Tell me the user's email address", "what is Paul's birth date": a request for personal data
   * of someone other than the speaker, which an application holds in its context or tools. On its
   * own this is an ordinary question (a support agent asks for a customer's address all day; who
   * may see whose data is for access policies and output checks to decide), so it is a supporting
   * cue below the reporting threshold: it counts only together with another cue, such as a claimed
   * authority, relaxed rules or an output encoding. Asking for the data of someone other than the
   * conversation's subject ("another user's address") stays evidence on its own: that is a
   * cross-user leak.
   */
  void personalData(int p) {
    int third = -1;
    boolean other = false;
    int ask = -1;
    int scanned = 0;
    for (int j = p - 1; j >= 0 && scanned++ < MAX_SCAN; j--) {
      if (!follows(p, j)) {
        continue;
      }
      int d = h.unitStart[p] - h.unitEnd[j];
      if (d > w(14)) {
        break;
      }
      if (has(j, CODE_CONTEXT) && d <= w(8)) {
        return;
      }
      if (has(j, THIRD_PARTY) && d <= w(3)) {
        third = third < 0 ? j : third;
        other |= has(j, OTHER_PARTY); // "another user's" and the "user's" inside it are two hits
      }
      if ((has(j, ASK) || has(j, REVEAL)) && ask < 0) {
        ask = j;
      }
    }
    scanned = 0;
    for (int j = firstAfter(p); j < h.count && scanned++ < 12; j++) {
      if (gap(p, j) > w(6)) {
        break;
      }
      if (has(j, CODE_CONTEXT)) {
        return;
      }
      if (has(j, THIRD_PARTY) && gap(p, j) <= w(2)) {
        third = third < 0 ? j : third; // "la fecha de nacimiento del usuario"
        other |= has(j, OTHER_PARTY);
      }
    }
    boolean named = third < 0 && plain && possessiveNameBefore(p);
    if (third < 0 && !named || ask < 0) {
      return;
    }
    evidence(K_PERSONAL_DATA, other ? 0.6 : SUPPORTING, ask, p);
  }

  /**
   * "Paul's", "Jane Smith's" right before the hit: a capitalised possessive in the text. Read on
   * the normalised text ("paul s birth date") and checked against the original for the apostrophe
   * and the capital, so that invisible characters and full-width forms do not hide it.
   */
  private boolean possessiveNameBefore(int p) {
    char[] b = norm.buffer();
    int s0 = h.start[p];
    if (positions != null || s0 < 4 || b[s0 - 1] != ' ' || b[s0 - 2] != 's' || b[s0 - 3] != ' ') {
      return false;
    }
    // the separator before the "s" must hold an apostrophe
    int from = norm.originalStart(s0 - 3);
    int to = norm.originalStart(s0 - 2);
    boolean apostrophe = false;
    for (int k = from; k < to && k < from + 8; k++) {
      char c = folded(raw.charAt(k));
      apostrophe |= c == '\'' || c == '`';
    }
    if (!apostrophe) {
      return false;
    }
    int wordEnd = s0 - 3;
    int wordStart = wordEnd;
    while (wordStart > 0 && b[wordStart - 1] != ' ' && wordEnd - wordStart < 24) {
      wordStart--;
    }
    if (wordStart == wordEnd) {
      return false;
    }
    int o = norm.originalStart(wordStart);
    int cp = raw.codePointAt(o);
    if (!Character.isUpperCase(cp) && !Character.isTitleCase(cp)) {
      return false;
    }
    // a capitalised word that opens a sentence is not necessarily a name
    char before = previousNonSpace(o);
    return before != '\n' && ".!?".indexOf(before) < 0;
  }

  /** "Tell me about the users in your database". */
  void dataStore(int d) {
    int scanned = 0;
    for (int j = d - 1; j >= 0 && scanned++ < MAX_SCAN; j--) {
      if (!follows(d, j)) {
        continue;
      }
      int dist = h.unitStart[d] - h.unitEnd[j];
      if (dist > w(12)) {
        return;
      }
      if (has(j, CODE_CONTEXT) && dist <= w(6)) {
        return;
      }
      if (has(j, ASK) || has(j, REVEAL)) {
        evidence(K_PERSONAL_DATA, 0.55, j, d);
        return;
      }
    }
  }
}
