package dev.guardrails4j.api.spi;

import java.util.List;

/**
 * Where policy files come from: files on disk, the classpath, a configuration service. The engine
 * polls a source and swaps in a new policy set atomically only when it is complete and valid.
 */
public interface PolicySource {

  /**
   * A short description for logs and errors, for example a path.
   *
   * @return the description
   */
  String description();

  /**
   * Reads every document of the current version.
   *
   * @return the documents, in a stable order
   * @throws java.io.UncheckedIOException when the source cannot be read
   */
  List<PolicyDocument> load();
}
