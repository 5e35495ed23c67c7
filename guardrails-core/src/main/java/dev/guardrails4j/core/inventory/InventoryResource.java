package dev.guardrails4j.core.inventory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where this process runs, named after OpenTelemetry's resource semantic conventions
 * ({@code service.name}, {@code service.version}, {@code service.instance.id}, {@code host.name},
 * {@code k8s.namespace.name}, {@code k8s.pod.name}, {@code k8s.node.name},
 * {@code process.runtime.version}), so inventory events join the traces and logs a team already
 * has:
 *
 * <ul>
 *   <li>{@code service.instance.id}: {@code POD_NAME}, else {@code HOSTNAME}, else the host name;
 *   <li>{@code k8s.*}: the Downward API variables {@code POD_NAME}, {@code POD_NAMESPACE},
 *       {@code NODE_NAME}, and the service account's namespace file;
 *   <li>{@code service.name}: {@code OTEL_SERVICE_NAME}, else {@code service.name} in
 *       {@code OTEL_RESOURCE_ATTRIBUTES}, else the configured application name, else the workload id;
 *   <li>every attribute of {@code OTEL_RESOURCE_ATTRIBUTES} (at most {@value #MAX_ATTRIBUTES}) wins
 *       over what is detected, as OpenTelemetry SDKs do.
 * </ul>
 */
public final class InventoryResource {

  /** Where Kubernetes mounts the pod's namespace. */
  public static final Path KUBERNETES_NAMESPACE_PATH =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  /** The most attributes taken from {@code OTEL_RESOURCE_ATTRIBUTES}. */
  public static final int MAX_ATTRIBUTES = 64;

  private static final int MAX_VALUE = 256;

  private InventoryResource() {}

  /**
   * Detects the resource of this process from its environment.
   *
   * @param applicationName the configured application name, or null
   * @param applicationVersion the configured application version, or null
   * @param workloadId the workload id, the last resort for {@code service.name}
   * @return attributes in a stable order
   */
  public static Map<String, String> detect(@Nullable String applicationName, @Nullable String applicationVersion,
      String workloadId) {
    Map<String, String> env = System.getenv();
    // the host name lookup may ask DNS; HOSTNAME (set in every container) makes it unnecessary
    String host = env.get("HOSTNAME") != null && !env.get("HOSTNAME").isBlank() ? null : localHostName();
    return detect(env, KUBERNETES_NAMESPACE_PATH, host, applicationName,
        applicationVersion, workloadId);
  }

  /**
   * Detects a resource from given inputs (for tests, and for platforms with other conventions).
   *
   * @param environment the environment variables
   * @param namespaceFile the service account namespace file (read when it exists)
   * @param hostName the host name, or null when unknown
   * @param applicationName the configured application name, or null
   * @param applicationVersion the configured application version, or null
   * @param workloadId the workload id
   * @return attributes in a stable order
   */
  public static Map<String, String> detect(Map<String, String> environment, Path namespaceFile,
      @Nullable String hostName, @Nullable String applicationName, @Nullable String applicationVersion,
      String workloadId) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(namespaceFile, "namespaceFile");
    Objects.requireNonNull(workloadId, "workloadId");
    Map<String, String> otel = parseOtelAttributes(environment.get("OTEL_RESOURCE_ATTRIBUTES"));
    Map<String, String> r = new LinkedHashMap<>();
    String serviceName = first(environment.get("OTEL_SERVICE_NAME"), otel.get("service.name"), applicationName,
        workloadId);
    r.put("service.name", serviceName);
    String version = first(otel.get("service.version"), applicationVersion);
    if (version != null) {
      r.put("service.version", version);
    }
    String pod = blankToNull(environment.get("POD_NAME"));
    String instance = first(otel.get("service.instance.id"), pod, environment.get("HOSTNAME"), hostName);
    if (instance != null) {
      r.put("service.instance.id", instance);
    }
    String host = first(environment.get("HOSTNAME"), hostName);
    if (host != null) {
      r.put("host.name", host);
    }
    String namespace = first(environment.get("POD_NAMESPACE"), readSmall(namespaceFile));
    if (namespace != null) {
      r.put("k8s.namespace.name", namespace);
    }
    if (pod != null) {
      r.put("k8s.pod.name", pod);
    }
    String node = blankToNull(environment.get("NODE_NAME"));
    if (node != null) {
      r.put("k8s.node.name", node);
    }
    r.put("process.runtime.name", System.getProperty("java.runtime.name", "java"));
    r.put("process.runtime.version", Runtime.version().toString());
    otel.forEach((k, v) -> {
      if (!k.equals("service.name") || environment.get("OTEL_SERVICE_NAME") == null) {
        r.put(k, v);
      }
    });
    r.replaceAll((k, v) -> v.length() > MAX_VALUE ? v.substring(0, MAX_VALUE) : v);
    return Collections.unmodifiableMap(r);
  }

  /**
   * Parses {@code OTEL_RESOURCE_ATTRIBUTES}: comma-separated {@code key=value}, values
   * percent-encoded; malformed pairs are skipped, as the specification asks.
   *
   * @param value the variable's value, or null
   * @return the attributes, in order
   */
  static Map<String, String> parseOtelAttributes(@Nullable String value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null || value.isBlank()) {
      return out;
    }
    for (String pair : value.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || out.size() >= MAX_ATTRIBUTES) {
        continue;
      }
      String key = pair.substring(0, eq).trim();
      String v;
      try {
        v = URLDecoder.decode(pair.substring(eq + 1).trim().replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (!key.isEmpty() && !v.isEmpty()) {
        out.put(key, v);
      }
    }
    return out;
  }

  private static @Nullable String first(@Nullable String... values) {
    for (String v : values) {
      String s = blankToNull(v);
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static @Nullable String readSmall(Path file) {
    try {
      if (Files.isRegularFile(file) && Files.size(file) < 1024) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
    } catch (IOException | RuntimeException e) {
      // not in a pod, or not readable: the namespace is simply unknown
    }
    return null;
  }

  private static @Nullable String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
