package dev.guardrails4j.core.policytest;

import dev.guardrails4j.core.internal.StrictUtf8;
import dev.guardrails4j.core.policy.PolicyProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A policy test file: the policy files under test and the cases to run against them.
 *
 * <pre>{@code
 * policy-files: [support.yaml]        # relative to this file
 * defaults:                           # every case starts from these
 *   workload: spiffe://example.org/ns/support/sa/api
 *   user: { subject: alice, roles: [support-analyst], tenant: acme }
 *   model: openai:gpt-4o
 *   action: summarize-ticket
 * cases:
 *   - name: an analyst may summarise a ticket
 *     messages: ["Summarise: the printer is broken."]
 *     expect: { access: allow, input: allow }
 * }</pre>
 *
 * @param path the test file
 * @param policyFiles the policy files and directories under test, resolved against the test file's
 *     directory
 * @param cases the cases, in file order
 */
public record PolicyTestFile(Path path, List<Path> policyFiles, List<PolicyTestCase> cases) {

  /** Files larger than this are refused. */
  public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if no policy file is named
   */
  public PolicyTestFile {
    Objects.requireNonNull(path, "path");
    policyFiles = List.copyOf(policyFiles);
    cases = List.copyOf(cases);
    if (policyFiles.isEmpty()) {
      throw new IllegalArgumentException("a policy test file must name at least one policy file");
    }
  }

  /**
   * Reads a test file.
   *
   * @param file the file (YAML, or JSON when its name ends in {@code .json})
   * @return the test file
   * @throws PolicyTestException listing every problem with its line and column, also when the file
   *     cannot be read
   */
  public static PolicyTestFile read(Path file) {
    Objects.requireNonNull(file, "file");
    String content;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new PolicyTestException(List.of(new PolicyProblem(file.toString(), 0, 0, "",
            "the file has " + size + " bytes; the limit is " + MAX_FILE_BYTES)));
      }
      List<PolicyProblem> problems = new ArrayList<>(1);
      String text = StrictUtf8.decode(Files.readAllBytes(file), (line, column, field, message) ->
          problems.add(new PolicyProblem(file.toString(), line, column, field, message)));
      if (text == null) {
        throw new PolicyTestException(problems);
      }
      content = text;
    } catch (IOException e) {
      throw new PolicyTestException(List.of(new PolicyProblem(file.toString(), 0, 0, "",
          "cannot read: " + e.getClass().getSimpleName() + " " + e.getMessage())));
    }
    Path dir = file.getParent();
    return parse(file, content, dir == null ? Path.of("") : dir);
  }

  /**
   * The policy test files among files and directories: a file stands for itself, a directory for
   * every {@code *.test.yaml} and {@code *.test.yml} file below it, in path order.
   *
   * @param paths files or directories
   * @return the files
   * @throws IllegalArgumentException if no path is given or no test file is found
   * @throws java.io.UncheckedIOException if a directory cannot be listed
   */
  public static List<Path> find(List<Path> paths) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("name at least one policy test file or directory");
    }
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      Objects.requireNonNull(p, "path");
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(Files::isRegularFile).filter(PolicyTestFile::isTestFile).sorted().forEach(out::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + p + ": " + e.getMessage(), e);
        }
      } else {
        out.add(p);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no policy test files (*.test.yaml, *.test.yml) in " + paths);
    }
    return out;
  }

  private static boolean isTestFile(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".test.yaml") || n.endsWith(".test.yml");
  }

  /**
   * Parses the text of a test file.
   *
   * @param file the file's path, used in problems and kept as {@link #path()}
   * @param content YAML or JSON
   * @param baseDir the directory policy file names are relative to
   * @return the test file
   * @throws PolicyTestException listing every problem with its line and column
   */
  public static PolicyTestFile parse(Path file, String content, Path baseDir) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(baseDir, "baseDir");
    return new TestFileParser(file.toString()).file(file, content, baseDir);
  }
}
