package dev.guardrails4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.spi.PolicyDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePolicySourceTests {

  @TempDir Path dir;

  @Test
  void readsPolicyFilesOfADirectoryInNameOrderButNotTestFilesOrOtherFiles() throws IOException {
    Files.writeString(dir.resolve("b.yaml"), "version: 1\n");
    Files.writeString(dir.resolve("a.yml"), "version: 1\n");
    Files.writeString(dir.resolve("c.json"), "{\"version\": 1}");
    Files.writeString(dir.resolve("b.test.yaml"), "policy-files: [b.yaml]\n");
    Files.writeString(dir.resolve("c.test.json"), "{}");
    Files.writeString(dir.resolve("notes.txt"), "not a policy");
    Files.createDirectory(dir.resolve("nested.yaml"));

    assertThat(FilePolicySource.of(dir).load()).extracting(PolicyDocument::name)
        .extracting(n -> Path.of(n).getFileName().toString())
        .containsExactly("a.yml", "b.yaml", "c.json");
  }

  @Test
  void readsATestFileNamedExplicitly() throws IOException {
    Path f = Files.writeString(dir.resolve("odd.test.yaml"), "version: 1\n");
    assertThat(FilePolicySource.of(f).load()).hasSize(1);
  }

  @Test
  void namesAMissingFile() {
    Path missing = dir.resolve("absent.yaml");
    assertThatThrownBy(() -> FilePolicySource.of(missing).load()).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("policy file not found").hasMessageContaining("absent.yaml");
  }
}
