package dev.guardrails4j.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkloadIdentitiesTests {

  @TempDir
  Path dir;

  static Path resource(String name) throws URISyntaxException {
    return Path.of(WorkloadIdentitiesTests.class.getResource("/identity/" + name).toURI());
  }

  /** A JWT with the given claims; the signature is not checked, so a placeholder does. */
  Path token(String claimsJson) throws IOException {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String jwt = b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    return Files.writeString(dir.resolve("token"), jwt + "\n");
  }

  @Test
  void readsTheSpiffeIdFromTheEnvironment() {
    Workload w = WorkloadIdentities.fromSpiffeEnvironment(
        Map.of("SPIFFE_ID", "spiffe://example.org/ns/support/sa/api")).orElseThrow();
    assertThat(w.id()).isEqualTo("spiffe://example.org/ns/support/sa/api");
    assertThat(w.attributes()).containsEntry("trustDomain", "example.org")
        .containsEntry("namespace", "support").containsEntry("serviceAccount", "api")
        .containsEntry("source", "spiffe-env");
  }

  @Test
  void findsNothingWithoutTheVariable() {
    assertThat(WorkloadIdentities.fromSpiffeEnvironment(Map.of())).isEmpty();
    assertThat(WorkloadIdentities.fromSpiffeEnvironment(Map.of("SPIFFE_ID", " "))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://example.org/x", "spiffe://", "spiffe:///path", "spiffe://td/p?q=1",
      "spiffe://user@td/p", "spiffe://td:8080/p", "not a uri at all"})
  void rejectsAVariableThatIsNotASpiffeId(String value) {
    assertThatThrownBy(() -> WorkloadIdentities.fromSpiffeEnvironment(Map.of("SPIFFE_ID", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SPIFFE_ID")
        .hasMessageContaining("spiffe://TRUST-DOMAIN/PATH");
  }

  @Test
  void keepsNoNamespaceForIdsOfAnotherShape() {
    Workload w = WorkloadIdentities.fromSpiffeEnvironment(Map.of("SPIFFE_ID", "spiffe://example.org/billing"))
        .orElseThrow();
    assertThat(w.attributes()).containsOnlyKeys("trustDomain", "source");
  }

  @Test
  void readsTheSpiffeIdOfAnX509Svid() throws Exception {
    Workload w = WorkloadIdentities.fromSvid(resource("svid.pem"));
    assertThat(w.id()).isEqualTo("spiffe://example.org/ns/support/sa/api");
    assertThat(w.attributes()).containsEntry("source", "x509-svid").containsEntry("namespace", "support");
  }

  @Test
  void rejectsACertificateWithoutASpiffeUri() throws Exception {
    Path pem = resource("no-spiffe.pem");
    assertThatThrownBy(() -> WorkloadIdentities.fromSvid(pem))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no spiffe:// URI subject alternative name");
  }

  @Test
  void rejectsAFileThatHoldsNoCertificate() throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n");
    assertThatThrownBy(() -> WorkloadIdentities.fromSvid(junk))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("junk.pem");
  }

  @Test
  void reportsAMissingSvidFile() {
    assertThatThrownBy(() -> WorkloadIdentities.fromSvid(dir.resolve("absent.pem")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("not found");
  }

  @Test
  void readsAProjectedServiceAccountToken() throws IOException {
    Path t = token("""
        {"aud":["https://kubernetes.default.svc"],"iss":"https://kubernetes.default.svc",
         "kubernetes.io":{"namespace":"support","pod":{"name":"api-7d9"},"serviceaccount":{"name":"api","uid":"u"}},
         "sub":"system:serviceaccount:support:api"}""");
    Workload w = WorkloadIdentities.fromKubernetesToken(t);
    assertThat(w.id()).isEqualTo("system:serviceaccount:support:api");
    assertThat(w.attributes()).containsEntry("namespace", "support").containsEntry("serviceAccount", "api")
        .containsEntry("source", "kubernetes");
  }

  @Test
  void readsALegacyServiceAccountToken() throws IOException {
    Path t = token("""
        {"iss":"kubernetes/serviceaccount","kubernetes.io/serviceaccount/namespace":"billing",
         "kubernetes.io/serviceaccount/service-account.name":"worker"}""");
    assertThat(WorkloadIdentities.fromKubernetesToken(t).id()).isEqualTo("system:serviceaccount:billing:worker");
  }

  @Test
  void fallsBackToTheSubjectClaim() throws IOException {
    Path t = token("{\"sub\":\"system:serviceaccount:ops:cron\"}");
    assertThat(WorkloadIdentities.fromKubernetesToken(t).attributes())
        .containsEntry("namespace", "ops").containsEntry("serviceAccount", "cron");
  }

  @Test
  void rejectsATokenWithoutServiceAccountClaims() throws IOException {
    Path t = token("{\"sub\":\"alice\"}");
    assertThatThrownBy(() -> WorkloadIdentities.fromKubernetesToken(t))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names no namespace and service account")
        .hasMessageNotContaining("alice");
  }

  @Test
  void rejectsAFileThatIsNotAJwt() throws IOException {
    Path t = Files.writeString(dir.resolve("token"), "s3cr3t-not-a-jwt");
    assertThatThrownBy(() -> WorkloadIdentities.fromKubernetesToken(t))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a JWT")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void findsNoTokenOutsideKubernetes() {
    assertThat(WorkloadIdentities.fromKubernetesTokenIfPresent(dir.resolve("absent"))).isEmpty();
  }
}
