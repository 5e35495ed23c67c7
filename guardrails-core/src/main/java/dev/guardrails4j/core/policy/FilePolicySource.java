package dev.guardrails4j.core.policy;

import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.api.spi.PolicySource;
import dev.guardrails4j.core.internal.StrictUtf8;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Policy files on disk: single files, or directories whose {@code .yaml}, {@code .yml} and
 * {@code .json} files are read in name order (not sub-directories, and not policy test files,
 * {@code *.test.yaml}, {@code *.test.yml} and {@code *.test.json}, which by convention sit next
 * to the policies they test).
 */
public final class FilePolicySource implements PolicySource {

  /** Files larger than this are refused: a policy file is small, a huge one is a mistake or an attack. */
  public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  private final List<Path> paths;

  private FilePolicySource(List<Path> paths) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("at least one policy file or directory is required");
    }
    this.paths = List.copyOf(paths);
  }

  /**
   * A source reading the given files and directories.
   *
   * @param paths files or directories
   * @return the source
   */
  public static FilePolicySource of(Path... paths) {
    return new FilePolicySource(List.of(paths));
  }

  /**
   * A source reading the given files and directories.
   *
   * @param paths files or directories
   * @return the source
   */
  public static FilePolicySource of(List<Path> paths) {
    return new FilePolicySource(paths);
  }

  @Override
  public String description() {
    return paths.toString();
  }

  @Override
  public List<PolicyDocument> load() {
    List<PolicyDocument> docs = new ArrayList<>();
    for (Path p : paths) {
      Objects.requireNonNull(p, "path");
      try {
        if (Files.isDirectory(p)) {
          try (Stream<Path> s = Files.list(p)) {
            for (Path f : s.filter(FilePolicySource::isPolicyFile).sorted().toList()) {
              docs.add(read(f));
            }
          }
        } else {
          docs.add(read(p));
        }
      } catch (NoSuchFileException e) {
        throw new UncheckedIOException("policy file not found: " + p.toAbsolutePath(), e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read policy file " + p + ": " + e.getMessage(), e);
      }
    }
    return docs;
  }

  private static boolean isPolicyFile(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean policyExtension = n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    boolean testFile = n.endsWith(".test.yaml") || n.endsWith(".test.yml") || n.endsWith(".test.json");
    return Files.isRegularFile(p) && policyExtension && !testFile;
  }

  private static PolicyDocument read(Path f) throws IOException {
    long size = Files.size(f);
    if (size > MAX_FILE_BYTES) {
      throw new IOException("policy file " + f + " has " + size + " bytes; the limit is " + MAX_FILE_BYTES);
    }
    return document(f.toString(), Files.readAllBytes(f));
  }

  /**
   * A policy document from a file's bytes, which must be UTF-8 (a leading byte order mark is
   * dropped). Other sources, such as the Spring Boot starter's resources, read files the same way.
   *
   * @param name the file name, as problems will name it
   * @param bytes the file's bytes
   * @return the document
   * @throws PolicyException naming the line and column of the first byte that is not UTF-8
   */
  public static PolicyDocument document(String name, byte[] bytes) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bytes, "bytes");
    List<PolicyProblem> problems = new ArrayList<>(1);
    String text = StrictUtf8.decode(bytes,
        (line, column, field, message) -> problems.add(new PolicyProblem(name, line, column, field, message)));
    if (text == null) {
      throw new PolicyException(problems);
    }
    return new PolicyDocument(name, text);
  }
}
