package dev.guardrails4j.core.detect.injection;

/**
 * The evidence kinds of the prompt-injection rules, the finding type of each, and how evidence
 * combines into one score.
 */
final class InjectionEvidence {

  static final int T_PI = 0;
  static final int T_JB = 1;
  static final int T_SPE = 2;
  static final int T_EP = 3;
  static final int T_MS = 4;

  /** Evidence kinds; the score of a text combines the best evidence of each kind. */
  static final int K_OVERRIDE = 0;
  static final int K_DOC_OVERRIDE = 1;
  static final int K_NEW_INSTR = 2;
  static final int K_FROM_NOW = 3;
  static final int K_EXTRACTION = 4;
  static final int K_TARGET = 5;
  static final int K_SECRET = 6;
  static final int K_JB_PHRASE = 7;
  static final int K_PERSONA_NO_LIMITS = 8;
  static final int K_NO_LIMITS = 9;
  static final int K_PERSONA = 10;
  static final int K_AI_NO_LIMITS = 11;
  static final int K_DAN = 12;
  static final int K_NO_LONGER = 13;
  static final int K_MODE = 14;
  static final int K_OVERRIDE_CLAIM = 15;
  static final int K_AUTHORITY = 16;
  static final int K_TEMPLATE = 17;
  static final int K_ROLE_MARKUP = 18;
  static final int K_MANY_SHOT = 19;
  static final int K_ADDRESS_AI = 20;
  static final int K_HIDE_USER = 21;
  static final int K_TELL_USER = 22;
  static final int K_OUTPUT_ENCODING = 23;
  static final int K_DECODE_FOLLOW = 24;
  static final int K_ENCODED_RUN = 25;
  static final int K_ROT13 = 26;
  static final int K_REVERSED = 27;
  static final int K_PAYLOAD_SPLIT = 28;
  static final int K_RESTRICTION_REF = 29;
  static final int K_CODE_INJECTION = 30;
  static final int K_PERSONAL_DATA = 31;
  static final int K_REFUSAL = 32;
  static final int K_PREFIX = 33;
  static final int KINDS = 34;

  /** The finding type of each evidence kind. */
  static final int[] KIND_TYPE = {
      T_PI, T_PI, T_PI, T_PI, T_SPE, T_SPE, T_SPE, T_JB, T_JB, T_JB, T_JB, T_JB, T_JB, T_JB,
      T_JB, T_PI, T_PI, T_PI, T_PI, T_MS, T_PI, T_PI, T_PI, T_EP, T_EP, T_EP, T_EP, T_EP, T_PI,
      T_PI, T_PI, T_SPE, T_JB, T_JB};

  /** Combines evidence: noisy-or over the best score of each kind, damped when all are weak. */
  static double combine(double[] best, int typeMask) {
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

  private InjectionEvidence() {}
}
