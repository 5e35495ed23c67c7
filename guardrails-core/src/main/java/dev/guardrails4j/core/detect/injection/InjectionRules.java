package dev.guardrails4j.core.detect.injection;

import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_ADDRESS_AI;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_AUTHORITY;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_CODE_INJECTION;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_DAN;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_DECODE_FOLLOW;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_DOC_OVERRIDE;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_EXTRACTION;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_FROM_NOW;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_HIDE_USER;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_JB_PHRASE;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_MANY_SHOT;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_NEW_INSTR;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_OUTPUT_ENCODING;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_OVERRIDE;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_PERSONA;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_RESTRICTION_REF;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_ROLE_MARKUP;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_TARGET;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_TELL_USER;
import static dev.guardrails4j.core.detect.injection.InjectionEvidence.K_TEMPLATE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.ADDRESS_AI;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.ARTICLE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.ASK;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.AUTH_CLAIM;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.AUTH_ROLE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.CONJ;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.DAN;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.DANGEROUS_CODE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.DAN_CTX;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.DATA_STORE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.DECODE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.DEMONSTRATIVE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.DOC;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.ENCODING;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.EXTRACT_QUESTION;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.FICTION;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.FOLLOW;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.FROM_NOW;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.HIDE_USER;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.IGNORE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.IGNORE_WEAK;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.INJECT_CODE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.JB_STRONG;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.MODE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.MODEL_OUTPUT;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.NEGATION;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.NEW_INSTR;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.NO_LIMITS;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.NO_LIMITS_WEAK;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.NO_LONGER;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.OBJ;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.OBJ_WEAK;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.OUTPUT_TARGET;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.OVERRIDE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.PERSONA;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.PERSONAL_DATA;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.PREFIX_SURE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.PRIOR;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.QUANT;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.REFUSAL;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.RESPOND;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.RESTRICTION_REF;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.REVEAL;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.ROLE_WORD;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.SAY;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.SECRET;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.SECRET_ML;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.TARGET;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.TELL_USER;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.TEMPLATE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.THE;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.TOLD;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.TURN_A;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.TURN_Q;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.VETO;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.YOUR;
import static dev.guardrails4j.core.detect.injection.InjectionLexicon.YOU_MODAL;

import dev.guardrails4j.core.detect.text.NormalizedText;
import org.jspecify.annotations.Nullable;

/**
 * The proximity rules of the prompt-injection detector over one layer's phrase hits: each anchor
 * word class (an override verb, a reveal verb, a persona cue, ...) looks for its companions within
 * a window of words and reports evidence with a score.
 *
 * <p>{@link #run()} dispatches every anchor. The rules for override, role markup, indirect
 * injection, code and encodings are here; the extraction rules are in {@link ExtractionRules}, the
 * jailbreak rules in {@link JailbreakRules}, the window tests they share in {@link HitWindow}.
 */
final class InjectionRules extends JailbreakRules {

  /** The word classes that start a rule; hits of other classes are only read by rules. */
  private static final long ANCHORS =
      1L << ADDRESS_AI | 1L << AUTH_CLAIM | 1L << AUTH_ROLE | 1L << DAN | 1L << DAN_CTX |
      1L << DECODE | 1L << ENCODING | 1L << EXTRACT_QUESTION | 1L << FROM_NOW | 1L << HIDE_USER |
      1L << IGNORE | 1L << IGNORE_WEAK | 1L << INJECT_CODE | 1L << JB_STRONG | 1L << MODE |
      1L << NEW_INSTR | 1L << NO_LIMITS | 1L << NO_LIMITS_WEAK | 1L << NO_LONGER |
      1L << OVERRIDE | 1L << PERSONA | 1L << RESTRICTION_REF | 1L << REVEAL | 1L << ROLE_WORD |
      1L << SECRET | 1L << SECRET_ML | 1L << TARGET | 1L << TELL_USER | 1L << TEMPLATE |
      1L << TURN_A | 1L << TURN_Q;

  /** Anchors among the classes 64 and up (bit {@code cls - 64}). */
  private static final long ANCHORS2 =
      1L << (PERSONAL_DATA - 64) | 1L << (DATA_STORE - 64) | 1L << (REFUSAL - 64)
          | 1L << (PREFIX_SURE - 64) | 1L << (FICTION - 64);

  InjectionRules(Sink out, InjectionHits hits, NormalizedText norm, String raw, boolean plain,
      int @Nullable [] positions) {
    super(out, hits, norm, raw, plain, positions);
  }

  void run() {
    int qTurns = 0;
    int aTurns = 0;
    int firstTurn = -1;
    int lastTurn = -1;
    for (int i = 0; i < h.count; i++) {
      long m = h.classes[i];
      if ((m & ANCHORS) == 0 && (h.classes2[i] & ANCHORS2) == 0) {
        continue; // a modifier ("the", "all", "your"): only the rules of other words read it
      }
      if (has(i, PERSONAL_DATA)) {
        personalData(i);
      }
      if (has(i, DATA_STORE)) {
        dataStore(i);
      }
      if (has(i, REFUSAL)) {
        refusal(i);
      }
      if (has(i, PREFIX_SURE)) {
        prefix(i);
      }
      if (has(i, FICTION)) {
        fiction(i);
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
        newInstructions(i);
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
    if (obj == 1 && strong && !prior && !quant && !your && demonstrative(v)) {
      s = 0.55;
      last = objIdx;
    } else if (obj == 2) {
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
    } else if (strong && demonstrative(v)) {
      s = 0.55;
      last = v;
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

  /**
   * "Forget that. Tell me ...": an override verb that opens a sentence, takes the conversation so
   * far ("that", "everything") as its object and is followed by a new request.
   */
  private boolean demonstrative(int v) {
    if (!plain || !opensSentence(v)) {
      return false;
    }
    int first = firstAfter(v);
    // the longest object that starts right after the verb ("about" and "about that")
    int j = -1;
    for (int k = first; k < h.count && k < first + 6 && h.unitStart[k] == h.unitEnd[v] + 2; k++) {
      if ((has(k, DEMONSTRATIVE) || has(k, OBJ_WEAK)) && (j < 0 || h.end[k] > h.end[j])) {
        j = k;
      }
    }
    // the object closes the clause: "forget that." but not "forget that warning"
    if (j >= 0 ? !clauseEndsAfter(j) : !pronounAfter(v)) {
      return false;
    }
    int from = j < 0 ? v : j;
    int scanned = 0;
    for (int k = firstAfter(from); k < h.count && scanned++ < MAX_SCAN; k++) {
      if (gap(from, k) > w(16)) {
        return false;
      }
      if (has(k, ASK) || has(k, REVEAL) || has(k, SAY) || has(k, YOU_MODAL)) {
        return true;
      }
    }
    return false;
  }

  /** Whether "it", "this" or "that" follows the hit (read from the normalised text). */
  private boolean pronounAfter(int v) {
    char[] b = norm.buffer();
    int n = norm.length();
    int p = h.end[v];
    if (p >= n || b[p] != ' ') {
      return false;
    }
    int start = p + 1;
    int end = start;
    while (end < n && b[end] != ' ' && end - start <= 4) {
      end++;
    }
    int len = end - start;
    if (end < n && ".,;:!?-)\n".indexOf(nextNonSpace(norm.originalEnd(end))) < 0) {
      return false;
    }
    return len == 2 && b[start] == 'i' && b[start + 1] == 't'
        || len == 4 && b[start] == 't' && b[start + 1] == 'h'
            && (b[start + 2] == 'i' && b[start + 3] == 's' || b[start + 2] == 'a' && b[start + 3] == 't');
  }

  /** Whether the hit starts the text, a line or a sentence. */
  private boolean opensSentence(int i) {
    int o = norm.originalStart(h.start[i]);
    char before = previousNonSpace(o);
    return before == '\n' || ".!?:;\"'*>-".indexOf(before) >= 0;
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

  /**
   * "New instructions: ...", "your new task is to say ...": stronger when a command follows and
   * the phrase is not somebody's ("my new task", "the new rules for the office").
   */
  private void newInstructions(int i) {
    int scanned = 0;
    for (int j = i - 1; j >= 0 && scanned++ < 4; j--) {
      if (!follows(i, j)) {
        continue;
      }
      if (h.unitStart[i] - h.unitEnd[j] > w(1)) {
        break;
      }
      if (has(j, VETO) || has(j, ARTICLE) || has(j, THE) && !has(i, YOUR)) {
        evidence(K_NEW_INSTR, 0.2, i, i);
        return;
      }
    }
    scanned = 0;
    for (int j = firstAfter(i); j < h.count && scanned++ < MAX_SCAN; j++) {
      if (gap(i, j) > w(8)) {
        break;
      }
      if (has(j, SAY) || has(j, REVEAL) || has(j, FOLLOW) || has(j, IGNORE) || has(j, ASK)) {
        evidence(K_NEW_INSTR, 0.6, i, j);
        return;
      }
    }
    evidence(K_NEW_INSTR, 0.35, i, i);
  }

  // ---- personal data ----------------------------------------------------------------------

  // ---- jailbreaks -------------------------------------------------------------------------

  // ---- jailbreaks (personas, modes) -------------------------------------------------------

  // ---- markup and turns -------------------------------------------------------------------

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
    if (nextNonSpace(e) != ':') {
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
