package dev.guardrails4j.core.detect.injection;

import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_AI_NO_LIMITS;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_AUTHORITY;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_MODE;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_NO_LIMITS;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_NO_LONGER;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_OVERRIDE_CLAIM;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_PERSONA_NO_LIMITS;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_PREFIX;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_REFUSAL;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.ACTIVATE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.AI_SELF;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.ARTICLE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.AUTH_INTRO;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.DEVICE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.FROM_NOW;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.LAWLESS;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.MODEL_OUTPUT;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.MODE_NAME;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.MODE_NAME_WEAK;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.NO_LIMITS;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.NO_LIMITS_WEAK;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.OBJ;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.OBJ_WEAK;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.OVERRIDE_CTX;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.PERSONA;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.REFUSAL;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.RESPOND;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.THE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.YOUR;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.YOU_MODAL;

import dev.guardrails4j.core.detect.text.NormalizedText;
import org.jspecify.annotations.Nullable;

/**
 * The prompt-injection rules for jailbreaks: fiction that voids the law, answer prefixes, refusal
 * suppression, personas and modes, restrictions lifted, and authority or override claimed.
 */
abstract class JailbreakRules extends ExtractionRules {

  JailbreakRules(Sink out, InjectionHits hits, NormalizedText norm, String raw, boolean plain,
      int @Nullable [] positions) {
    super(out, hits, norm, raw, plain, positions);
  }

  /** "In this hypothetical world there are no laws": fiction that voids law and ethics. */
  void fiction(int f) {
    int scanned = 0;
    for (int j = Math.max(0, f - MAX_SCAN); j < h.count && scanned++ < 2 * MAX_SCAN; j++) {
      if (j == f || !has(j, LAWLESS)) {
        continue;
      }
      int d = j < f ? h.unitStart[f] - h.unitEnd[j] : h.unitStart[j] - h.unitEnd[f];
      if (j > f && d > w(30)) {
        break;
      }
      if (d <= w(30)) {
        evidence(K_PERSONA_NO_LIMITS, 0.75, Math.min(f, j), Math.max(f, j));
        return;
      }
    }
  }

  /** "Start your response with 'Sure, here is'": the agreement a refusal would not begin with. */
  void prefix(int p) {
    int respond = -1;
    int scanned = 0;
    for (int j = p - 1; j >= 0 && scanned++ < MAX_SCAN; j--) {
      if (!follows(p, j)) {
        continue;
      }
      if (h.unitStart[p] - h.unitEnd[j] > w(8)) {
        break;
      }
      if (has(j, MODEL_OUTPUT)) {
        evidence(K_PREFIX, 0.75, j, p);
        return;
      }
      if (has(j, RESPOND) && respond < 0) {
        respond = j;
      }
    }
    evidence(K_PREFIX, respond >= 0 ? 0.55 : 0.3, respond >= 0 ? respond : p, p);
  }

  /** "Never refuse", "no warnings": stronger when said to the model ("you will never refuse"). */
  void refusal(int r) {
    boolean addressed = false;
    int other = -1;
    int scanned = 0;
    for (int j = r - 1; j >= 0 && scanned++ < MAX_SCAN; j--) {
      if (!follows(r, j)) {
        continue;
      }
      int d = h.unitStart[r] - h.unitEnd[j];
      if (d > w(30)) {
        break;
      }
      if (d <= w(6) && (has(j, YOU_MODAL) || has(j, YOUR) || has(j, PERSONA) || has(j, AI_SELF))) {
        addressed = true;
      }
      if (has(j, REFUSAL) || has(j, NO_LIMITS) || has(j, PERSONA) || has(j, FROM_NOW)) {
        other = j;
      }
    }
    double s = other >= 0 ? 0.75 : addressed ? 0.7 : 0.45;
    evidence(K_REFUSAL, s, other >= 0 ? other : r, r);
  }

  void noLonger(int i) {
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

  void noLimits(int i) {
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
  void personaTight(int p) {
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

  void mode(int m) {
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

  void overrideClaim(int o) {
    if (plain) {
      int e = norm.originalEnd(h.end[o]);
      if (nextNonSpace(e) == ':') {
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

  void authority(int a) {
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
}
