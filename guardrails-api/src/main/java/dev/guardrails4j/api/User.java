package dev.guardrails4j.api;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The end user a workload acts for.
 *
 * @param subject the user's stable identifier (for example the {@code sub} claim); never blank
 * @param tenant the tenant or organisation, or {@code null} in a single-tenant application
 * @param roles roles, for example Spring Security authorities without the {@code ROLE_} prefix
 * @param groups groups
 * @param attributes free attributes, for example claims a policy condition reads
 */
public record User(
    String subject,
    @Nullable String tenant,
    Set<String> roles,
    Set<String> groups,
    Map<String, String> attributes) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if {@code subject} or the tenant is blank
   */
  public User {
    Objects.requireNonNull(subject, "subject");
    if (subject.isBlank()) {
      throw new IllegalArgumentException("user subject must not be blank");
    }
    if (tenant != null && tenant.isBlank()) {
      throw new IllegalArgumentException("user tenant must be null or not blank");
    }
    roles = Set.copyOf(roles);
    groups = Set.copyOf(groups);
    attributes = Map.copyOf(attributes);
  }

  /**
   * A user with a subject and nothing else.
   *
   * @param subject the subject
   * @return the user
   */
  public static User of(String subject) {
    return new User(subject, null, Set.of(), Set.of(), Map.of());
  }

  /**
   * Starts a builder.
   *
   * @param subject the subject
   * @return a builder
   */
  public static Builder builder(String subject) {
    return new Builder(subject);
  }

  /**
   * Whether the user has a role.
   *
   * @param role the role
   * @return true if present
   */
  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  @Override
  public String toString() {
    // the subject may be personal data: callers that log users should use a fingerprint instead
    return "User[subject=<" + subject.length() + " chars>, tenant=" + tenant + ", roles=" + roles
        + ", groups=" + groups + "]";
  }

  /** Builds a {@link User}. */
  public static final class Builder {
    private final String subject;
    private @Nullable String tenant;
    private final Set<String> roles = new LinkedHashSet<>();
    private final Set<String> groups = new LinkedHashSet<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private Builder(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
    }

    /**
     * Sets the tenant.
     *
     * @param tenant the tenant, or null
     * @return this
     */
    public Builder tenant(@Nullable String tenant) {
      this.tenant = tenant;
      return this;
    }

    /**
     * Adds roles.
     *
     * @param roles roles
     * @return this
     */
    public Builder roles(String... roles) {
      for (String r : roles) {
        this.roles.add(Objects.requireNonNull(r, "role"));
      }
      return this;
    }

    /**
     * Adds roles.
     *
     * @param roles roles
     * @return this
     */
    public Builder roles(Iterable<String> roles) {
      roles.forEach(r -> this.roles.add(Objects.requireNonNull(r, "role")));
      return this;
    }

    /**
     * Adds groups.
     *
     * @param groups groups
     * @return this
     */
    public Builder groups(String... groups) {
      for (String g : groups) {
        this.groups.add(Objects.requireNonNull(g, "group"));
      }
      return this;
    }

    /**
     * Adds groups.
     *
     * @param groups groups
     * @return this
     */
    public Builder groups(Iterable<String> groups) {
      groups.forEach(g -> this.groups.add(Objects.requireNonNull(g, "group")));
      return this;
    }

    /**
     * Adds an attribute.
     *
     * @param name name
     * @param value value
     * @return this
     */
    public Builder attribute(String name, String value) {
      attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the user.
     *
     * @return the user
     */
    public User build() {
      return new User(subject, tenant, roles, groups, attributes);
    }
  }
}
