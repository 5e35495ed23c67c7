package dev.guardrails4j.langchain4j;

import dev.guardrails4j.api.User;
import dev.langchain4j.invocation.InvocationParameters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@link InvocationParameters} keys that name the caller of an AI service call, for the AI
 * service guardrails and the guarded tools. Pass the parameters as an argument of the AI service
 * method:
 *
 * <pre>{@code
 * interface Assistant {
 *   String chat(@UserMessage String message, InvocationParameters parameters);
 * }
 * assistant.chat("Where is order 42?", CallerParameters.of(User.builder("alice").roles("support").build()));
 * }</pre>
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>value</th></tr>
 *   <tr><td>{@value #USER}</td><td>the user's subject (a {@code String}) or a {@link User}</td></tr>
 *   <tr><td>{@value #TENANT}</td><td>the tenant ({@code String})</td></tr>
 *   <tr><td>{@value #ROLES}</td><td>roles: a collection of strings or one comma-separated string</td></tr>
 *   <tr><td>{@value #GROUPS}</td><td>groups, written like roles</td></tr>
 *   <tr><td>{@value #ACTION}</td><td>the business action ({@code String})</td></tr>
 * </table>
 *
 * <p>A user named here is the caller, acting through the engine's workload; it wins over the
 * caller of the current {@link dev.guardrails4j.api.GuardContext}. Without {@value #USER} the
 * caller comes from the {@code GuardContext}, then the engine's caller resolver, then the
 * workload alone. Parameters travel with the AI service call to whichever thread runs its
 * guardrails and tools, which a thread-bound {@code GuardContext} does not.
 */
public final class CallerParameters {

  /** The user's subject, or a {@link User}. */
  public static final String USER = "guardrails.user";
  /** The user's tenant. */
  public static final String TENANT = "guardrails.tenant";
  /** The user's roles. */
  public static final String ROLES = "guardrails.roles";
  /** The user's groups. */
  public static final String GROUPS = "guardrails.groups";
  /** The business action of the call. */
  public static final String ACTION = "guardrails.action";

  private CallerParameters() {}

  /**
   * Parameters naming a user.
   *
   * @param user the user
   * @return new parameters, to which more entries may be added
   */
  public static InvocationParameters of(User user) {
    Objects.requireNonNull(user, "user");
    InvocationParameters p = new InvocationParameters();
    p.put(USER, user);
    return p;
  }

  /**
   * Parameters naming a user and the action.
   *
   * @param user the user
   * @param action the business action, for example {@code answer-customer}
   * @return new parameters, to which more entries may be added
   */
  public static InvocationParameters of(User user, String action) {
    Objects.requireNonNull(action, "action");
    InvocationParameters p = of(user);
    p.put(ACTION, action);
    return p;
  }

  /**
   * The user the parameters name, if any.
   *
   * @param parameters the parameters, or null
   * @return the user, or null when {@value #USER} is absent
   * @throws IllegalArgumentException if a value has the wrong type
   */
  static @Nullable User user(@Nullable InvocationParameters parameters) {
    if (parameters == null) {
      return null;
    }
    Map<String, Object> map = parameters.asMap();
    Object u = map.get(USER);
    if (u == null) {
      return null;
    }
    if (u instanceof User user) {
      return user;
    }
    if (!(u instanceof String subject)) {
      throw new IllegalArgumentException(USER + " must be a String subject or a User, got " + u.getClass().getName());
    }
    User.Builder b = User.builder(subject);
    Object tenant = map.get(TENANT);
    if (tenant != null) {
      b.tenant(string(TENANT, tenant));
    }
    b.roles(strings(ROLES, map.get(ROLES)));
    b.groups(strings(GROUPS, map.get(GROUPS)));
    return b.build();
  }

  /**
   * The action the parameters name, if any.
   *
   * @param parameters the parameters, or null
   * @return the action, or null
   */
  static @Nullable String action(@Nullable InvocationParameters parameters) {
    if (parameters == null) {
      return null;
    }
    Object a = parameters.asMap().get(ACTION);
    return a == null ? null : string(ACTION, a);
  }

  private static String string(String key, Object value) {
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException(key + " must be a String, got " + value.getClass().getName());
    }
    return s;
  }

  private static List<String> strings(String key, @Nullable Object value) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (value instanceof String s) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
      return out;
    }
    if (value instanceof Collection<?> c) {
      for (Object o : c) {
        out.add(string(key, o));
      }
      return out;
    }
    throw new IllegalArgumentException(
        key + " must be a collection of strings or a comma-separated string, got " + value.getClass().getName());
  }
}
