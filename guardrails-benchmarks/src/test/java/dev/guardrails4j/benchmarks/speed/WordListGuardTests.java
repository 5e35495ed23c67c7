package dev.guardrails4j.benchmarks.speed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordListGuardTests {

  @Test
  void blocksAPromptContainingATermInAnyCase() {
    assertThat(new WordListGuard(List.of("project zorvak")).blocks("About PROJECT Zorvak: status?")).isTrue();
  }

  @Test
  void letsAPromptWithoutTermsThrough() {
    assertThat(new WordListGuard(List.of("project zorvak")).blocks("About the quarterly report")).isFalse();
  }
}
