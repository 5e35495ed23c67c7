package dev.guardrails4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.spi.PolicyDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every complete policy file shown in the documentation (a {@code yaml} code block with a
 * top-level {@code version:} and {@code policies:}) in README.md and every other Markdown file of the repository is
 * accepted by the schema and the parser, so that readers can copy it as it stands.
 */
class DocumentedPoliciesTests {

  static final Pattern YAML_BLOCK = Pattern.compile("(?ms)^([ \\t]*)```ya?ml[ \\t]*\\n(.*?)^[ \\t]*```");
  static final Pattern VERSION = Pattern.compile("(?m)^version:");
  static final Pattern POLICIES = Pattern.compile("(?m)^policies:");

  /** A policy shown in a Markdown file: the file, the line its block starts on, its text. */
  record Example(Path file, int line, String yaml) {
    @Override
    public String toString() {
      return PolicySchemaTests.repositoryRoot().relativize(file) + ":" + line;
    }
  }

  static Stream<Example> documentedPolicies() {
    List<Example> out = new ArrayList<>();
    for (Path md : markdownFiles()) {
      String text = PolicySchemaTests.read(md);
      Matcher m = YAML_BLOCK.matcher(text);
      while (m.find()) {
        String indent = m.group(1);
        String yaml = m.group(2).replaceAll("(?m)^" + Pattern.quote(indent), "");
        if (VERSION.matcher(yaml).find() && POLICIES.matcher(yaml).find()) {
          int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
          out.add(new Example(md, line, yaml));
        }
      }
    }
    return out.stream();
  }

  static List<Path> markdownFiles() {
    List<Path> out = new ArrayList<>();
    try {
      Files.walkFileTree(PolicySchemaTests.repositoryRoot(), new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
          boolean skip = n.equals("target") || n.equals("node_modules") || n.startsWith(".") && n.length() > 1;
          return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".md")) {
            out.add(file);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(null);
    return out;
  }

  @Test
  void findsThePoliciesOfTheReadmeAndTheDocs() {
    assertThat(documentedPolicies()).extracting(e -> e.file().getFileName().toString())
        .contains("README.md", "limits.md", "spring-boot.md");
  }

  @Test
  void noticesABrokenDocumentedPolicy() throws IOException {
    Example broken = new Example(PolicySchemaTests.repositoryRoot().resolve("README.md"), 1,
        "version: 1\npolicies:\n  - id: p\n    acces: allow\n");
    assertThat(PolicySchemaTests.schemaErrors(PolicySchemaTests.schema(), broken.yaml())).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedPolicies")
  void schemaAndParserAcceptEveryDocumentedPolicy(Example example) throws IOException {
    assertThat(PolicySchemaTests.schemaErrors(PolicySchemaTests.schema(), example.yaml()))
        .as("schema errors in the policy at " + example).isEmpty();
    PolicySet set = PolicySet.parse(List.of(new PolicyDocument(example.toString(), example.yaml())),
        PolicySchemaTests.catalog());
    assertThat(set.policies()).as("policies at " + example).isNotEmpty();
  }
}
