package dev.guardrails4j.core.limit;

import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.User;
import dev.guardrails4j.core.audit.Fingerprints;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link LimitRule}'s {@code per} clause into the key of the counter a call is counted
 * under, for example {@code user=7f3a91c2e4b05d18+model=openai:gpt-4o}. Every {@link Limiter}
 * should key its counters this way, so that violation keys read the same whatever the store, and
 * replicas sharing a store (with the same salt) agree on keys.
 *
 * <ul>
 *   <li>{@code user}: {@code user=} and the keyed 64-bit {@link Fingerprints fingerprint} of the
 *       user's subject (16 hex digits). It equals the user fingerprint in audit events when both use
 *       the same salt. User ids are never part of a key in the clear. A call without a user is
 *       counted under its workload instead: {@code workload=<workload id>}, so calls a service
 *       makes on its own behalf share one counter per service.
 *   <li>{@code tenant}: {@code tenant=} and the user's tenant; a call without a tenant (no user,
 *       or a user without one) is counted under its workload, like a call without a user.
 *   <li>{@code workload}: {@code workload=} and the workload id.
 *   <li>{@code model}: {@code model=provider:name}.
 *   <li>{@code action}: {@code action=} and the action.
 * </ul>
 *
 * <p>Parts are joined with {@code +} in the rule's order; a part identical to an earlier one is
 * left out (a call without a user counted {@code per user+workload} has the key
 * {@code workload=svc}). A value longer than {@value #MAX_VALUE_CHARS} characters is replaced by
 * {@code ~} and its fingerprint, so that keys stay small whatever callers send. A rule without
 * {@code per} has the key {@value #ALL}: one counter for everything its policy matches.
 *
 * <p>Thread-safe.
 */
public final class LimitKeys {

  /** The key of a rule without {@code per}. */
  public static final String ALL = "all";

  /** Values longer than this are fingerprinted. */
  public static final int MAX_VALUE_CHARS = 200;

  private final Fingerprints fingerprints;

  /**
   * Creates keys with a salt for the user fingerprints.
   *
   * @param salt at least 16 bytes; use the same salt on every replica that shares a store
   * @throws IllegalArgumentException for a shorter salt
   */
  public LimitKeys(byte[] salt) {
    Objects.requireNonNull(salt, "salt");
    if (salt.length < 16) {
      throw new IllegalArgumentException("limit key salt must have at least 16 bytes, got " + salt.length);
    }
    this.fingerprints = new Fingerprints(salt);
  }

  /**
   * The key of one rule for one call.
   *
   * @param rule the rule
   * @param invocation the call
   * @return the key
   */
  public String key(LimitRule rule, Invocation invocation) {
    return key(rule, invocation, new String[1]);
  }

  /**
   * The keys of several rules for one call, in order (the user is fingerprinted once).
   *
   * @param rules the rules
   * @param invocation the call
   * @return one key per rule
   */
  public List<String> keys(List<LimitRule> rules, Invocation invocation) {
    String[] userPart = new String[1];
    List<String> out = new ArrayList<>(rules.size());
    for (LimitRule r : rules) {
      out.add(key(r, invocation, userPart));
    }
    return out;
  }

  /**
   * The fingerprint of a user subject as it appears in keys.
   *
   * @param subject the subject
   * @return 16 hex digits
   */
  public String fingerprint(String subject) {
    return fingerprints.of(subject);
  }

  /** Builds a key; {@code userPart[0]} caches the user part across rules of one call. */
  String key(LimitRule rule, Invocation invocation, @Nullable String[] userPart) {
    List<LimitRule.KeyPart> parts = rule.key();
    if (parts.isEmpty()) {
      return ALL;
    }
    if (parts.size() == 1) {
      return part(parts.get(0), invocation, userPart);
    }
    StringBuilder sb = new StringBuilder(64);
    String[] seen = new String[parts.size()];
    int n = 0;
    outer:
    for (LimitRule.KeyPart p : parts) {
      String s = part(p, invocation, userPart);
      for (int i = 0; i < n; i++) {
        if (seen[i].equals(s)) {
          continue outer;
        }
      }
      seen[n++] = s;
      if (sb.length() > 0) {
        sb.append('+');
      }
      sb.append(s);
    }
    return sb.toString();
  }

  private String part(LimitRule.KeyPart p, Invocation inv, @Nullable String[] userPart) {
    User user = inv.caller().user();
    return switch (p) {
      case USER -> {
        if (user == null) {
          yield workload(inv);
        }
        String cached = userPart[0];
        if (cached == null) {
          cached = "user=" + fingerprint(user.subject());
          userPart[0] = cached;
        }
        yield cached;
      }
      case TENANT -> user == null || user.tenant() == null ? workload(inv) : "tenant=" + bounded(user.tenant());
      case WORKLOAD -> workload(inv);
      case MODEL -> "model=" + bounded(inv.model().toString());
      case ACTION -> "action=" + bounded(inv.action());
    };
  }

  private String workload(Invocation inv) {
    return "workload=" + bounded(inv.caller().workload().id());
  }

  private String bounded(String value) {
    return value.length() <= MAX_VALUE_CHARS ? value : "~" + fingerprint(value);
  }
}
