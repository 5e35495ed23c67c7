package dev.guardrails4j.core.fuzz;

import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.core.detect.DetectorCatalog;
import java.util.List;
import java.util.Map;

/**
 * Every built-in detector, each with its defaults and, where options change what runs, with
 * options too. {@link #everyBuiltInDetector()} names them all so fuzz and bounded-work tests cover
 * a detector added later (a test fails until it is listed here).
 */
final class Detectors {

  private Detectors() {}

  static final Map<String, Object> JSON_SCHEMA = Map.of(
      "type", "object",
      "properties", Map.of(
          "name", Map.of("type", "string", "pattern", "^[a-z]+$", "maxLength", 20),
          "items", Map.of("type", "array", "items", Map.of("type", "integer", "minimum", 0))),
      "required", List.of("name"));

  /** Every configuration, built once: detectors are thread-safe and immutable. */
  static final List<Detector> ALL = List.of(
      create("pii", Map.of()),
      create("secrets", Map.of()),
      create("secrets", Map.of("identifiers", true)),
      create("pattern", Map.of("type", "EMPLOYEE_ID", "pattern", "EMP-[0-9]{6}")),
      create("pattern", Map.of("type", "LOYALTY_CARD", "pattern", "[0-9][0-9 -]{11,22}[0-9]", "validator", "luhn")),
      create("pattern", Map.of("type", "ACCOUNT", "pattern", "[a-z]{2}[0-9]{2}[a-z0-9]{10,30}",
          "validator", "mod97", "case-sensitive", false)),
      create("invisible-text", Map.of()),
      create("invisible-text", Map.of("min-run", 1)),
      create("exfiltration-links", Map.of()),
      create("exfiltration-links", Map.of("allow-domains", List.of("example.org"), "flag-raw-urls", false)),
      create("output-length", Map.of("max-chars", 64, "max-tokens", 12)),
      create("json-schema", Map.of("schema", JSON_SCHEMA)),
      create("json-schema", Map.of("schema", JSON_SCHEMA, "extract", false)),
      create("prompt-injection", Map.of()),
      create("deny-list", Map.of("terms", List.of("project falcon", "codename orca", "x"), "leetspeak", true)),
      create("deny-list", Map.of("terms", List.of("falcon", "秘密"), "whole-words", false)));

  static Detector create(String name, Map<String, Object> options) {
    DetectorFactory f = DetectorCatalog.builtIn().find(name).orElseThrow();
    return f.create(options);
  }

  static List<String> everyBuiltInDetector() {
    return List.copyOf(DetectorCatalog.builtIn().names());
  }
}
