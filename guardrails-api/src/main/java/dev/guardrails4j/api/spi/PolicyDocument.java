package dev.guardrails4j.api.spi;

import java.util.Objects;

/**
 * The text of one policy file.
 *
 * @param name where it came from, used in error messages (for example a file path)
 * @param content YAML or JSON text
 */
public record PolicyDocument(String name, String content) {

  /** Validates. */
  public PolicyDocument {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
  }

  @Override
  public String toString() {
    return "PolicyDocument[" + name + ", " + content.length() + " chars]";
  }
}
