package dev.guardrails4j.core.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardrails4j.api.Workload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds the workload identity of the running service, for
 * {@link dev.guardrails4j.core.Guardrails.Builder#workload(Workload)}:
 *
 * <ul>
 *   <li>a SPIFFE ID from the {@value #SPIFFE_ID_ENV} environment variable
 *       ({@link #fromSpiffeEnvironment()}),
 *   <li>a SPIFFE ID from the URI SAN of an X.509 SVID file ({@link #fromSvid(Path)}),
 *   <li>a Kubernetes service account from its projected token file
 *       ({@link #fromKubernetesToken(Path)}), as {@code system:serviceaccount:NAMESPACE:NAME}.
 * </ul>
 *
 * <p>These read identities the platform already gave the process; they verify nothing. The token's
 * signature is not checked: the file is the process's own credential, mounted by the platform.
 * Errors never quote the file's content.
 */
public final class WorkloadIdentities {

  /** The environment variable a SPIFFE ID is read from. */
  public static final String SPIFFE_ID_ENV = "SPIFFE_ID";

  /** Where Kubernetes mounts a pod's service account token. */
  public static final Path KUBERNETES_TOKEN_PATH =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

  /** Identity files are small; a larger one is a mistake. */
  static final long MAX_FILE_BYTES = 256 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private WorkloadIdentities() {}

  /**
   * The SPIFFE ID in the process environment, if {@value #SPIFFE_ID_ENV} is set.
   *
   * @return the workload
   * @throws IllegalArgumentException if the variable is set but is not a SPIFFE ID
   */
  public static Optional<Workload> fromSpiffeEnvironment() {
    return fromSpiffeEnvironment(System.getenv());
  }

  /**
   * The SPIFFE ID in an environment, if {@value #SPIFFE_ID_ENV} is set and not blank.
   *
   * @param environment the environment variables
   * @return the workload
   * @throws IllegalArgumentException if the variable is set but is not a SPIFFE ID
   */
  public static Optional<Workload> fromSpiffeEnvironment(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    String id = environment.get(SPIFFE_ID_ENV);
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(spiffe(id.trim(), "environment " + SPIFFE_ID_ENV, "spiffe-env"));
  }

  /**
   * The SPIFFE ID of an X.509 SVID: the {@code spiffe://} URI SAN of the first certificate in a PEM
   * (or DER) file.
   *
   * @param certificateFile the SVID certificate file
   * @return the workload, with attributes {@code trustDomain}, {@code source} and, for IDs shaped
   *     {@code /ns/NAMESPACE/sa/NAME}, {@code namespace} and {@code serviceAccount}
   * @throws IllegalArgumentException if the file holds no certificate or no SPIFFE URI SAN
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Workload fromSvid(Path certificateFile) {
    Objects.requireNonNull(certificateFile, "certificateFile");
    byte[] bytes = read(certificateFile, "X.509 SVID");
    Collection<? extends Certificate> certs;
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (CertificateException | IOException e) {
      throw new IllegalArgumentException("X.509 SVID " + certificateFile + " holds no readable certificate ("
          + e.getClass().getSimpleName() + ")", e);
    }
    if (certs.isEmpty() || !(certs.iterator().next() instanceof X509Certificate leaf)) {
      throw new IllegalArgumentException("X.509 SVID " + certificateFile + " holds no certificate");
    }
    Collection<List<?>> sans;
    try {
      sans = leaf.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new IllegalArgumentException("X.509 SVID " + certificateFile
          + " has an unreadable subject alternative name extension", e);
    }
    if (sans != null) {
      for (List<?> san : sans) {
        // type 6 is uniformResourceIdentifier (RFC 5280); an SVID carries exactly one spiffe:// URI
        if (san.size() >= 2 && Integer.valueOf(6).equals(san.get(0)) && san.get(1) instanceof String uri
            && uri.startsWith("spiffe://")) {
          return spiffe(uri, "X.509 SVID " + certificateFile, "x509-svid");
        }
      }
    }
    throw new IllegalArgumentException("X.509 SVID " + certificateFile
        + " has no spiffe:// URI subject alternative name; is it an SVID?");
  }

  /**
   * The Kubernetes service account of a projected (or legacy) service account token, as
   * {@code system:serviceaccount:NAMESPACE:NAME}.
   *
   * @param tokenFile the token file, usually {@link #KUBERNETES_TOKEN_PATH}
   * @return the workload, with attributes {@code namespace}, {@code serviceAccount} and
   *     {@code source}
   * @throws IllegalArgumentException if the file is not a JWT naming a namespace and service
   *     account
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Workload fromKubernetesToken(Path tokenFile) {
    Objects.requireNonNull(tokenFile, "tokenFile");
    String token = new String(read(tokenFile, "Kubernetes service account token"), StandardCharsets.US_ASCII).trim();
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("Kubernetes token " + tokenFile + " is not a JWT (expected three dot-separated parts)");
    }
    JsonNode claims;
    try {
      claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (IllegalArgumentException | IOException e) {
      throw new IllegalArgumentException("Kubernetes token " + tokenFile + " has an unreadable claims part", e);
    }
    String namespace = null;
    String account = null;
    JsonNode k8s = claims.path("kubernetes.io");
    if (k8s.isObject()) {
      namespace = text(k8s.path("namespace"));
      account = text(k8s.path("serviceaccount").path("name"));
    }
    if (namespace == null || account == null) {
      namespace = namespace != null ? namespace : text(claims.path("kubernetes.io/serviceaccount/namespace"));
      account = account != null ? account : text(claims.path("kubernetes.io/serviceaccount/service-account.name"));
    }
    if (namespace == null || account == null) {
      String sub = text(claims.path("sub"));
      String prefix = "system:serviceaccount:";
      if (sub != null && sub.startsWith(prefix)) {
        String[] nsSa = sub.substring(prefix.length()).split(":", -1);
        if (nsSa.length == 2 && !nsSa[0].isEmpty() && !nsSa[1].isEmpty()) {
          namespace = nsSa[0];
          account = nsSa[1];
        }
      }
    }
    if (namespace == null || account == null) {
      throw new IllegalArgumentException("Kubernetes token " + tokenFile
          + " names no namespace and service account (claims 'kubernetes.io' or 'sub')");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("namespace", namespace);
    attributes.put("serviceAccount", account);
    attributes.put("source", "kubernetes");
    return new Workload("system:serviceaccount:" + namespace + ":" + account, attributes);
  }

  /**
   * Like {@link #fromKubernetesToken(Path)}, but empty when the file does not exist (the process
   * does not run in a pod, or the token is not mounted).
   *
   * @param tokenFile the token file
   * @return the workload
   * @throws IllegalArgumentException if the file exists but is not a service account token
   */
  public static Optional<Workload> fromKubernetesTokenIfPresent(Path tokenFile) {
    Objects.requireNonNull(tokenFile, "tokenFile");
    return Files.isRegularFile(tokenFile) ? Optional.of(fromKubernetesToken(tokenFile)) : Optional.empty();
  }

  private static Workload spiffe(String id, String where, String source) {
    URI uri;
    try {
      uri = new URI(id);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(where + " is not a SPIFFE ID (spiffe://TRUST-DOMAIN/PATH)", e);
    }
    String host = uri.getHost();
    if (!"spiffe".equals(uri.getScheme()) || host == null || host.isEmpty() || uri.getRawQuery() != null
        || uri.getRawFragment() != null || uri.getPort() != -1 || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(where + " is not a SPIFFE ID (spiffe://TRUST-DOMAIN/PATH)");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("trustDomain", host);
    attributes.put("source", source);
    String[] segments = uri.getPath() == null ? new String[0] : uri.getPath().split("/", -1);
    // the Kubernetes convention of Istio and SPIRE: /ns/NAMESPACE/sa/SERVICE-ACCOUNT
    if (segments.length == 5 && segments[0].isEmpty() && "ns".equals(segments[1]) && "sa".equals(segments[3])
        && !segments[2].isEmpty() && !segments[4].isEmpty()) {
      attributes.put("namespace", segments[2]);
      attributes.put("serviceAccount", segments[4]);
    }
    return new Workload(id, attributes);
  }

  private static byte[] read(Path file, String what) {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new IllegalArgumentException(what + " " + file + " has " + size + " bytes; the limit is " + MAX_FILE_BYTES);
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException(what + " not found: " + file.toAbsolutePath(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + what + " " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private static @Nullable String text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }
}
