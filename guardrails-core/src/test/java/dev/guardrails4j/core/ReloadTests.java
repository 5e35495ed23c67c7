package dev.guardrails4j.core;

import static dev.guardrails4j.core.testing.Fixtures.invocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.core.policy.FilePolicySource;
import dev.guardrails4j.core.policy.PolicyException;
import dev.guardrails4j.core.policy.PolicyReloader;
import dev.guardrails4j.core.testing.Fixtures;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadTests {

  @TempDir
  Path dir;

  @org.junit.jupiter.api.extension.RegisterExtension
  final dev.guardrails4j.testsupport.LogCapture logs = new dev.guardrails4j.testsupport.LogCapture();

  static final String ALLOW = "version: 1\npolicies:\n  - { id: all, access: allow }\n";
  static final String DENY = "version: 1\npolicies:\n  - { id: none, access: deny }\n";

  Guardrails engine(Path file) {
    return Guardrails.builder().policySource(FilePolicySource.of(file)).detectors(Fixtures.CATALOG)
        .auditLog(false).build();
  }

  @Test
  void aValidEditIsSwappedInAtomically() throws Exception {
    Path f = dir.resolve("p.yaml");
    Files.writeString(f, ALLOW);
    Guardrails g = engine(f);
    String v1 = g.policySet().version();
    g.start(invocation().build()).close();
    Files.writeString(f, DENY);
    PolicyReloader.Result r = g.reloader().orElseThrow().reload();
    assertThat(r.ok()).isTrue();
    assertThat(r.changed()).isTrue();
    assertThat(g.policySet().version()).isNotEqualTo(v1);
    assertThatThrownBy(() -> g.start(invocation().build())).isInstanceOf(GuardrailViolationException.class);
  }

  @Test
  void aBadEditKeepsTheLastGoodSetAndSaysWhere() throws Exception {
    Path f = dir.resolve("p.yaml");
    Files.writeString(f, ALLOW);
    Guardrails g = engine(f);
    String good = g.policySet().version();
    Files.writeString(f, "version: 1\npolicies:\n  - { id: all, access: sometimes }\n");
    PolicyReloader.Result r = g.reloader().orElseThrow().reload();
    assertThat(r.ok()).isFalse();
    assertThat(r.activeVersion()).isEqualTo(good);
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(f.toString());
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.field()).isEqualTo("policies[0].access");
    });
    assertThat(g.policySet().version()).isEqualTo(good);
    g.start(invocation().build()).close();
  }

  @Test
  void aYamlSyntaxErrorInAnEditIsReportedOnOneLineWhereTheMistakeIs() throws Exception {
    Path f = dir.resolve("p.yaml");
    Files.writeString(f, ALLOW);
    Guardrails g = engine(f);
    String good = g.policySet().version();
    Files.writeString(f, "version: 1\npolicies:\n  - id: all\n\taccess: allow\n");

    PolicyReloader.Result r = g.reloader().orElseThrow().reload();

    assertThat(r.ok()).isFalse();
    assertThat(r.activeVersion()).isEqualTo(good);
    assertThat(r.problems()).singleElement().hasToString(
        f + ":4:1: not valid YAML: a tab character cannot indent YAML; indent with spaces");
    g.start(invocation().build()).close();
  }

  @Test
  void anEditSavedInAnotherEncodingIsRejectedWithItsPositionAndTheLastGoodSetStays() throws Exception {
    Path f = dir.resolve("p.yaml");
    Files.writeString(f, ALLOW);
    Guardrails g = engine(f);
    String good = g.policySet().version();
    Files.write(f, "version: 1\npolicies:\n  - { id: caf\u00e9, access: deny }\n"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    PolicyReloader.Result r = g.reloader().orElseThrow().reload();

    assertThat(r.ok()).isFalse();
    assertThat(r.activeVersion()).isEqualTo(good);
    assertThat(r.problems()).singleElement().asString().startsWith(f + ":3:14: not UTF-8: byte 0xE9");
    g.start(invocation().build()).close();
  }

  static final String TWO = "version: 1\npolicies:\n  - { id: all, access: allow }\n  - { id: more, access: allow }\n";
  static final String THREE = TWO + "  - { id: most, access: allow }\n";

  @Test
  void pollingAppliesAChangeOnlyOnceItHasStayedUnchangedForTheSettleTime() throws Exception {
    Path f = dir.resolve("p.yaml");
    Files.writeString(f, ALLOW);
    Guardrails g = engine(f);
    PolicyReloader reloader = g.reloader().orElseThrow();
    java.time.Instant t0 = java.time.Instant.parse("2026-03-01T09:00:00Z");
    Files.writeString(f, TWO);

    assertThat(reloader.poll(java.time.Duration.ofSeconds(1), t0).changed()).isFalse();
    assertThat(reloader.poll(java.time.Duration.ofSeconds(1), t0.plusMillis(500)).changed()).isFalse();
    assertThat(g.policySet().policies()).hasSize(1);

    assertThat(reloader.poll(java.time.Duration.ofSeconds(1), t0.plusSeconds(1)).changed()).isTrue();
    assertThat(g.policySet().policies()).hasSize(2);
  }

  @Test
  void aFileCaughtHalfWrittenIsNeverApplied() throws Exception {
    Path f = dir.resolve("p.yaml");
    Files.writeString(f, ALLOW);
    Guardrails g = engine(f);
    PolicyReloader reloader = g.reloader().orElseThrow();
    java.time.Instant t0 = java.time.Instant.parse("2026-03-01T09:00:00Z");
    java.time.Duration settle = java.time.Duration.ofSeconds(1);

    Files.writeString(f, TWO);                       // valid, but the writer is not done
    reloader.poll(settle, t0);
    Files.writeString(f, THREE);                     // the whole file
    reloader.poll(settle, t0.plusSeconds(5));
    assertThat(g.policySet().policies()).hasSize(1);
    reloader.poll(settle, t0.plusSeconds(10));

    assertThat(g.policySet().policies()).extracting(dev.guardrails4j.core.policy.Policy::id)
        .containsExactly("all", "more", "most");
  }

  @Test
  void saysWhichPoliciesAReloadAddedAndWarnsWhenOneDisappears() throws Exception {
    Path f = dir.resolve("p.yaml");
    Files.writeString(f, TWO);
    Guardrails g = engine(f);
    Files.writeString(f, THREE);
    g.reloader().orElseThrow().reload();
    Files.writeString(f, ALLOW);
    g.reloader().orElseThrow().reload();

    assertThat(logs.events()).filteredOn(e -> e.getLoggerName().endsWith("PolicyReloader"))
        .extracting(e -> e.getLevel().toString() + " " + e.getFormattedMessage())
        .anySatisfy(m -> assertThat(m).startsWith("INFO ").contains("added [most], removed none"))
        .anySatisfy(m -> assertThat(m).startsWith("WARN ").contains("added none, removed [more, most]"));
  }

  @Test
  void aDeletedFileKeepsTheLastGoodSet() throws Exception {
    Path f = dir.resolve("p.yaml");
    Files.writeString(f, ALLOW);
    Guardrails g = engine(f);
    Files.delete(f);
    PolicyReloader.Result r = g.reloader().orElseThrow().reload();
    assertThat(r.ok()).isFalse();
    assertThat(r.error()).contains("not found");
    g.start(invocation().build()).close();
  }

  @Test
  void aMissingOrInvalidFileAtStartFailsTheBuild() throws Exception {
    assertThatThrownBy(() -> engine(dir.resolve("missing.yaml")))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("not found");
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "version: 2\n");
    assertThatThrownBy(() -> engine(bad)).isInstanceOf(PolicyException.class)
        .hasMessageContaining("bad.yaml:1:10");
  }

  @Test
  void aDirectoryIsReadInNameOrder() throws Exception {
    Files.writeString(dir.resolve("b.yaml"), "version: 1\npolicies:\n  - { id: b, access: allow }\n");
    Files.writeString(dir.resolve("a.yml"), "version: 1\npolicies:\n  - { id: a, access: allow }\n");
    Files.writeString(dir.resolve("notes.txt"), "ignored");
    Guardrails g = engine(dir);
    assertThat(g.policySet().policies()).extracting(p -> p.id()).containsExactly("a", "b");
  }

  @Test
  void aCallKeepsThePolicyVersionItStartedWith() throws Exception {
    Path f = dir.resolve("p.yaml");
    Files.writeString(f, ALLOW);
    Guardrails g = engine(f);
    try (GuardedCall call = g.start(invocation().userMessage("x").build())) {
      String version = call.policyVersion();
      Files.writeString(f, DENY);
      g.reloader().orElseThrow().reload();
      call.checkInput();
      assertThat(call.decisions()).allSatisfy(d -> assertThat(d.policyVersion()).isEqualTo(version));
    }
  }
}
