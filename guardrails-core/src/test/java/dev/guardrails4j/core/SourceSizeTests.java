package dev.guardrails4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps core's rooms small enough to read: no main source file over 700 lines, no package over 20
 * files or 5,000 lines. A type that grows past this is doing more than one job; split it.
 */
class SourceSizeTests {

  static final Path MAIN = Path.of("src/main/java/dev/guardrails4j/core");

  @Test
  void noMainFileIsOver700Lines() throws IOException {
    Map<String, Integer> tooLong = new TreeMap<>();
    for (Path f : javaFiles()) {
      int lines = Files.readAllLines(f).size();
      if (lines > 700) {
        tooLong.put(MAIN.relativize(f).toString(), lines);
      }
    }
    assertThat(javaFiles()).hasSizeGreaterThan(50);
    assertThat(tooLong).as("main files over 700 lines").isEmpty();
  }

  @Test
  void noPackageHasMoreThan20FilesOr5000Lines() throws IOException {
    Map<String, int[]> packages = new TreeMap<>();
    for (Path f : javaFiles()) {
      int[] p = packages.computeIfAbsent(MAIN.relativize(f.getParent()).toString(), k -> new int[2]);
      p[0]++;
      p[1] += Files.readAllLines(f).size();
    }
    assertThat(packages).containsKeys("", "detect/pii", "policy");
    packages.forEach((name, p) -> {
      assertThat(p[0]).as("files in package '%s'", name).isLessThanOrEqualTo(20);
      assertThat(p[1]).as("lines in package '%s'", name).isLessThanOrEqualTo(5_000);
    });
  }

  private static List<Path> javaFiles() throws IOException {
    try (Stream<Path> s = Files.walk(MAIN)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }
}
