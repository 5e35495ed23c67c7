package dev.guardrails4j.core.limit;

import dev.guardrails4j.api.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One limit from a policy: {@code 60/1m per user}, {@code 200000/1d per tenant},
 * {@code 5 per user+model} (concurrency).
 *
 * @param policyId the policy that declares it
 * @param kind what is limited
 * @param amount how many requests, tokens or concurrent calls
 * @param period the refill period for requests and tokens; {@code null} for concurrency
 * @param key what the limit is counted per; empty means one counter for everything the policy
 *     matches
 * @param mode the policy's mode, or {@code null} for the default
 */
public record LimitRule(
    String policyId, Kind kind, long amount, @Nullable Duration period, List<KeyPart> key,
    @Nullable Mode mode) {

  /** Validates and copies. */
  public LimitRule {
    Objects.requireNonNull(policyId, "policyId");
    Objects.requireNonNull(kind, "kind");
    if (amount <= 0) {
      throw new IllegalArgumentException("limit amount must be > 0, got " + amount);
    }
    if (kind == Kind.CONCURRENT && period != null) {
      throw new IllegalArgumentException("a concurrency limit has no period");
    }
    if (kind != Kind.CONCURRENT && (period == null || period.isZero() || period.isNegative())) {
      throw new IllegalArgumentException(kind.label + " limit needs a positive period");
    }
    key = List.copyOf(key);
  }

  /** What a limit counts. */
  public enum Kind {
    /** Requests per period. */
    REQUESTS("requests"),
    /** Tokens (input plus output) per period. */
    TOKENS("tokens"),
    /** Calls in flight at once. */
    CONCURRENT("concurrent");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /**
     * The policy file key.
     *
     * @return the label
     */
    public String label() {
      return label;
    }

    /**
     * Parses a policy file key.
     *
     * @param text {@code requests}, {@code tokens} or {@code concurrent}
     * @return the kind
     * @throws IllegalArgumentException for another key
     */
    public static Kind parse(String text) {
      for (Kind k : values()) {
        if (k.label.equals(text)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "unknown limit '" + text + "'; allowed: requests, tokens, concurrent");
    }
  }

  /** What a limit is counted per. */
  public enum KeyPart {
    /** The user's subject (a call without a user counts under the workload). */
    USER,
    /** The user's tenant. */
    TENANT,
    /** The workload. */
    WORKLOAD,
    /** The model. */
    MODEL,
    /** The action. */
    ACTION
  }

  /**
   * Parses a limit as written in a policy file.
   *
   * @param policyId the policy
   * @param kind the kind
   * @param text for example {@code 60/1m per user}, {@code 200000/1d per tenant+model},
   *     {@code 4 per user} (concurrency)
   * @param mode the policy's mode
   * @return the rule
   * @throws IllegalArgumentException saying what is wrong and how to write it
   */
  public static LimitRule parse(String policyId, Kind kind, String text, @Nullable Mode mode) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    List<KeyPart> key = new ArrayList<>();
    int per = s.indexOf(" per ");
    String amountPart = per < 0 ? s : s.substring(0, per).trim();
    if (per >= 0) {
      String keys = s.substring(per + 5).trim();
      for (String part : keys.split("\\s*(\\+|,|\\band\\b)\\s*")) {
        if (part.isBlank()) {
          continue;
        }
        KeyPart kp;
        try {
          kp = KeyPart.valueOf(part.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("unknown key '" + part.trim() + "' in '" + text
              + "'; allowed: user, tenant, workload, model, action (combine with '+')", e);
        }
        if (key.contains(kp)) {
          throw new IllegalArgumentException("key '" + part.trim() + "' repeated in '" + text + "'");
        }
        key.add(kp);
      }
      if (key.isEmpty()) {
        throw new IllegalArgumentException("'per' needs a key in '" + text + "'");
      }
    }
    String example = kind == Kind.CONCURRENT ? "'5 per user'" : "'60/1m per user'";
    if (kind == Kind.CONCURRENT) {
      if (amountPart.contains("/")) {
        throw new IllegalArgumentException(
            "a concurrency limit has no period: write " + example + ", got '" + text + "'");
      }
      return new LimitRule(policyId, kind, parseAmount(amountPart, text, example), null, key, mode);
    }
    int slash = amountPart.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(
          "limit needs AMOUNT/PERIOD, for example " + example + ", got '" + text + "'");
    }
    long amount = parseAmount(amountPart.substring(0, slash).trim(), text, example);
    Duration period = parseDuration(amountPart.substring(slash + 1).trim());
    return new LimitRule(policyId, kind, amount, period, key, mode);
  }

  private static long parseAmount(String s, String text, String example) {
    try {
      long v = Long.parseLong(s.replace("_", ""));
      if (v <= 0) {
        throw new IllegalArgumentException("limit amount must be > 0 in '" + text + "'");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "limit amount '" + s + "' is not a whole number; write for example " + example, e);
    }
  }

  /** The longest period or time limit a policy may give: about ten years. */
  public static final long MAX_PERIOD_DAYS = 3650;

  /**
   * Parses a period such as {@code 500ms}, {@code 30s}, {@code 1m}, {@code 2h}, {@code 1d}; a bare
   * unit means one of it ({@code m} is a minute).
   *
   * @param s the text
   * @return the duration
   * @throws IllegalArgumentException for anything else
   */
  public static Duration parseDuration(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    long n;
    try {
      n = i == 0 ? 1 : Long.parseLong(t.substring(0, i));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("period '" + s + "' is too large", e);
    }
    String unit = t.substring(i).trim();
    Duration d;
    try {
      d = switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "s", "sec", "second", "seconds" -> Duration.ofSeconds(n);
        case "m", "min", "minute", "minutes" -> Duration.ofMinutes(n);
        case "h", "hour", "hours" -> Duration.ofHours(n);
        case "d", "day", "days" -> Duration.ofDays(n);
        default -> throw new IllegalArgumentException(
            "period '" + s + "' must be a number and a unit: ms, s, m, h or d (for example 1m)");
      };
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("period '" + s + "' is too large; the longest is " + MAX_PERIOD_DAYS + "d", e);
    }
    if (d.isZero()) {
      throw new IllegalArgumentException("period '" + s + "' must be positive");
    }
    if (d.compareTo(Duration.ofDays(MAX_PERIOD_DAYS)) > 0) {
      // longer periods overflow the nanosecond arithmetic of limiters and time limits
      throw new IllegalArgumentException("period '" + s + "' is too large; the longest is " + MAX_PERIOD_DAYS + "d");
    }
    return d;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(kind.label).append(' ').append(amount);
    if (period != null) {
      sb.append('/').append(period);
    }
    if (!key.isEmpty()) {
      sb.append(" per ").append(key.stream().map(k -> k.name().toLowerCase(Locale.ROOT))
          .reduce((a, b) -> a + "+" + b).orElse(""));
    }
    return sb.append(" (policy ").append(policyId).append(')').toString();
  }
}
