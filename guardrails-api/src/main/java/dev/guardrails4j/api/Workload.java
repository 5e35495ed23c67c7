package dev.guardrails4j.api;

import java.util.Map;
import java.util.Objects;

/**
 * The identity of the service that makes a model call: a SPIFFE ID, a Kubernetes service account or
 * a configured name.
 *
 * @param id the identity, for example {@code spiffe://example.org/ns/support/sa/api}; never blank
 * @param attributes free attributes (for example {@code namespace}), copied
 */
public record Workload(String id, Map<String, String> attributes) {

  /** The workload used when nothing is configured. */
  public static final Workload UNKNOWN = new Workload("unknown", Map.of());

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if {@code id} is blank
   */
  public Workload {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("workload id must not be blank");
    }
    attributes = Map.copyOf(attributes);
  }

  /**
   * A workload with no attributes.
   *
   * @param id the identity
   * @return the workload
   */
  public static Workload of(String id) {
    return new Workload(id, Map.of());
  }

  @Override
  public String toString() {
    return id;
  }
}
