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
