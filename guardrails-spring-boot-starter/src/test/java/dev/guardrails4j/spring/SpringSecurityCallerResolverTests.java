package dev.guardrails4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

class SpringSecurityCallerResolverTests {

  static final Workload WORKLOAD = Workload.of("spiffe://example.org/ns/support/sa/api");

  @AfterEach
  void clear() {
    SecurityContextHolder.clearContext();
  }

  static Jwt jwt(Map<String, Object> claims) {
    Jwt.Builder b = Jwt.withTokenValue("token").header("alg", "none").subject("alice")
        .issuedAt(Instant.EPOCH).expiresAt(Instant.EPOCH.plusSeconds(60));
    claims.forEach(b::claim);
    return b.build();
  }

  @Test
  void turnsAuthoritiesIntoRolesWithoutThePrefix() {
    SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("alice",
        "n/a", AuthorityUtils.createAuthorityList("ROLE_analyst", "SCOPE_read")));
    Caller c = new SpringSecurityCallerResolver(WORKLOAD, null, null, null).resolve().orElseThrow();
    assertThat(c.workload()).isEqualTo(WORKLOAD);
    User u = c.user();
    assertThat(u.subject()).isEqualTo("alice");
    assertThat(u.roles()).containsExactlyInAnyOrder("analyst", "SCOPE_read");
    assertThat(u.tenant()).isNull();
  }

  @Test
  void readsTenantGroupsAndRolesFromJwtClaims() {
    Jwt jwt = jwt(Map.of("tid", "acme", "groups", List.of("support", "emea"),
        "realm_access", Map.of("roles", List.of("analyst", "reviewer"))));
    TestingAuthenticationToken auth = new TestingAuthenticationToken(jwt, "token", "SCOPE_chat");
    SecurityContextHolder.getContext().setAuthentication(auth);
    User u = new SpringSecurityCallerResolver(WORKLOAD, "realm_access.roles", "tid", "groups").resolve()
        .orElseThrow().user();
    assertThat(u.tenant()).isEqualTo("acme");
    assertThat(u.groups()).containsExactlyInAnyOrder("support", "emea");
    assertThat(u.roles()).containsExactlyInAnyOrder("SCOPE_chat", "analyst", "reviewer");
  }

  @Test
  void readsSpaceSeparatedClaimValues() {
    TestingAuthenticationToken auth = new TestingAuthenticationToken(jwt(Map.of("grp", "a b,c")), "token", "ROLE_user");
    SecurityContextHolder.getContext().setAuthentication(auth);
    User u = new SpringSecurityCallerResolver(WORKLOAD, null, null, "grp").resolve().orElseThrow().user();
    assertThat(u.groups()).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void ignoresClaimsThatAreAbsent() {
    SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(jwt(Map.of()), "token", "ROLE_user"));
    User u = new SpringSecurityCallerResolver(WORKLOAD, "roles", "tid", "groups").resolve().orElseThrow().user();
    assertThat(u.tenant()).isNull();
    assertThat(u.groups()).isEmpty();
  }

  @Test
  void resolvesNobodyWhenAnonymous() {
    SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
        AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
    assertThat(new SpringSecurityCallerResolver(WORKLOAD, null, null, null).resolve()).isEmpty();
  }

  @Test
  void resolvesNobodyWithoutAuthentication() {
    assertThat(new SpringSecurityCallerResolver(WORKLOAD, null, null, null).resolve()).isEmpty();
  }

  @Test
  void resolvesNobodyForAnUnauthenticatedToken() {
    SecurityContextHolder.getContext().setAuthentication(
        UsernamePasswordAuthenticationToken.unauthenticated("alice", "pw"));
    assertThat(new SpringSecurityCallerResolver(WORKLOAD, null, null, null).resolve()).isEmpty();
  }

  @Test
  void walksNestedClaimsButPrefersADottedName() {
    Map<String, Object> claims = Map.of("a.b", "direct", "a", Map.of("b", "nested"), "x", Map.of("y", "deep"));
    assertThat(SpringSecurityCallerResolver.claim(claims, "a.b")).isEqualTo("direct");
    assertThat(SpringSecurityCallerResolver.claim(claims, "x.y")).isEqualTo("deep");
    assertThat(SpringSecurityCallerResolver.claim(claims, "x.z")).isNull();
  }
}
