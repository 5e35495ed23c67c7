package dev.guardrails4j.spring;

import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.Access;
import dev.guardrails4j.core.policy.OnError;
import dev.guardrails4j.core.policy.PolicySet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The policy set used when no policy location is configured: every built-in detector that exists,
 * watched in monitor mode, access allowed. It is written as a policy file, so that it reads (and
 * is versioned) like any other.
 */
final class BuiltInPolicySet {

  /** The document name the built-in set is known by in audit events and the inventory. */
  static final String NAME = "guardrails-starter:built-in";

  /** The id of its one policy. */
  static final String POLICY_ID = "built-in-checks";

  /** Input checks: detector name and action, in the order they are wanted. */
  private static final List<String[]> INPUT = List.of(
      new String[] {"secrets", "block"},
      new String[] {"pii", "redact"},
      new String[] {"prompt-injection", "block"},
      new String[] {"invisible-text", "block"});

  /** Output checks. */
  private static final List<String[]> OUTPUT = List.of(
      new String[] {"secrets", "redact"},
      new String[] {"pii", "redact"},
      new String[] {"invisible-text", "redact"});

  private BuiltInPolicySet() {}

  static PolicySet create(DetectorCatalog catalog, Mode mode, Access access, OnError onError) {
    return PolicySet.parse(List.of(new PolicyDocument(NAME, yaml(catalog.names(), mode, access, onError))), catalog);
  }

  /** The detectors the built-in set uses, of those the catalog has. */
  static List<String> detectors(Set<String> available) {
    List<String> out = new ArrayList<>();
    for (String[] c : INPUT) {
      if (available.contains(c[0]) && !out.contains(c[0])) {
        out.add(c[0]);
      }
    }
    return out;
  }

  static String yaml(Set<String> available, Mode mode, Access access, OnError onError) {
    StringBuilder y = new StringBuilder(512)
        .append("version: 1\n")
        .append("description: Built-in checks of the Guardrails4j Spring Boot starter\n")
        .append("defaults: { mode: ").append(lower(mode)).append(", access: ").append(lower(access))
        .append(", on-error: ").append(lower(onError)).append(" }\n");
    List<String> input = checks(INPUT, available);
    List<String> output = checks(OUTPUT, available);
    if (input.isEmpty() && output.isEmpty()) {
      return y.append("policies: []\n").toString();
    }
    y.append("policies:\n")
        .append("  - id: ").append(POLICY_ID).append('\n')
        .append("    description: Every built-in detector; set guardrails.policy-location to write your own\n");
    if (!input.isEmpty()) {
      y.append("    input:\n");
      input.forEach(c -> y.append("      - ").append(c).append('\n'));
    }
    if (!output.isEmpty()) {
      y.append("    output:\n");
      output.forEach(c -> y.append("      - ").append(c).append('\n'));
    }
    return y.toString();
  }

  private static List<String> checks(List<String[]> wanted, Set<String> available) {
    List<String> out = new ArrayList<>();
    for (String[] c : wanted) {
      if (available.contains(c[0])) {
        out.add("{ detector: " + c[0] + ", action: " + c[1] + " }");
      }
    }
    return out;
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
