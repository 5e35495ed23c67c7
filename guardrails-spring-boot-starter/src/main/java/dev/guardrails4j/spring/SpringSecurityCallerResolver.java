package dev.guardrails4j.spring;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.api.spi.CallerResolver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;

/**
 * The caller from Spring Security: the configured workload acting for the authenticated user.
 *
 * <ul>
 *   <li>subject: {@link Authentication#getName()};
 *   <li>roles: every authority, with the {@code ROLE_} prefix stripped (so {@code ROLE_analyst}
 *       becomes {@code analyst}; {@code SCOPE_read} stays as it is), plus the values of the roles
 *       claim when one is configured;
 *   <li>tenant and groups: from token claims when configured and the principal carries claims (a
 *       JWT, an OIDC user or an OAuth2 introspected principal; needs spring-security-oauth2-core).
 * </ul>
 *
 * <p>Anonymous and unauthenticated requests resolve to nothing, so the workload acts alone.
 */
public final class SpringSecurityCallerResolver implements CallerResolver {

  private static final boolean OAUTH2_PRESENT = ClassUtils.isPresent(
      "org.springframework.security.oauth2.core.ClaimAccessor", SpringSecurityCallerResolver.class.getClassLoader());

  private final Workload workload;
  private final @Nullable String rolesClaim;
  private final @Nullable String tenantClaim;
  private final @Nullable String groupsClaim;

  /**
   * Creates the resolver.
   *
   * @param workload the workload that acts for the users
   * @param rolesClaim a claim holding more roles (dots walk into nested claims), or null
   * @param tenantClaim a claim holding the tenant, or null
   * @param groupsClaim a claim holding the groups, or null
   */
  public SpringSecurityCallerResolver(Workload workload, @Nullable String rolesClaim,
      @Nullable String tenantClaim, @Nullable String groupsClaim) {
    this.workload = Objects.requireNonNull(workload, "workload");
    this.rolesClaim = blankToNull(rolesClaim);
    this.tenantClaim = blankToNull(tenantClaim);
    this.groupsClaim = blankToNull(groupsClaim);
  }

  @Override
  public Optional<Caller> resolve() {
    Authentication a = SecurityContextHolder.getContext().getAuthentication();
    if (a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    String name = a.getName();
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    User.Builder user = User.builder(name);
    for (GrantedAuthority ga : a.getAuthorities()) {
      String authority = ga.getAuthority();
      if (authority != null && !authority.isBlank()) {
        user.roles(authority.startsWith("ROLE_") ? authority.substring(5) : authority);
      }
    }
    if (OAUTH2_PRESENT && (rolesClaim != null || tenantClaim != null || groupsClaim != null)) {
      Map<String, Object> claims = TokenClaims.of(a);
      if (!claims.isEmpty()) {
        if (rolesClaim != null) {
          user.roles(values(claim(claims, rolesClaim)));
        }
        if (groupsClaim != null) {
          user.groups(values(claim(claims, groupsClaim)));
        }
        if (tenantClaim != null && claim(claims, tenantClaim) instanceof String tenant && !tenant.isBlank()) {
          user.tenant(tenant);
        }
      }
    }
    return Optional.of(Caller.of(workload, user.build()));
  }

  /** Walks a dotted path; a claim whose own name contains the dots wins. */
  static @Nullable Object claim(Map<String, Object> claims, String path) {
    Object direct = claims.get(path);
    if (direct != null || path.indexOf('.') < 0) {
      return direct;
    }
    Object current = claims;
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(part);
    }
    return current;
  }

  /** A collection's elements, or a string split at spaces and commas (the OAuth2 scope style). */
  static List<String> values(@Nullable Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof Collection<?> c) {
      for (Object o : c) {
        if (o != null && !o.toString().isBlank()) {
          out.add(o.toString().trim());
        }
      }
    } else if (value instanceof String s) {
      for (String part : s.split("[\\s,]+")) {
        if (!part.isEmpty()) {
          out.add(part);
        }
      }
    }
    return out;
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** Loaded only when spring-security-oauth2-core is present. */
  private static final class TokenClaims {
    static Map<String, Object> of(Authentication a) {
      Object principal = a.getPrincipal();
      if (principal instanceof org.springframework.security.oauth2.core.ClaimAccessor accessor) {
        return accessor.getClaims();
      }
      if (principal instanceof org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal p) {
        return p.getAttributes();
      }
      if (a.getCredentials() instanceof org.springframework.security.oauth2.core.ClaimAccessor accessor) {
        return accessor.getClaims();
      }
      return Map.of();
    }
  }
}
