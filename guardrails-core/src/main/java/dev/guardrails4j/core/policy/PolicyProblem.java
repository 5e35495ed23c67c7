package dev.guardrails4j.core.policy;

import java.util.Objects;

/**
 * One problem in a policy file, with its position.
 *
 * @param file the file (or source name)
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param field the path of the field, for example {@code policies[2].input[0].detector}
 * @param message what is wrong and what is allowed there
 */
public record PolicyProblem(String file, int line, int column, String field, String message) {

  /** Validates. */
  public PolicyProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /**
   * The problem as {@code FILE:LINE:COLUMN: FIELD: MESSAGE}, the format editors and CI parse.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + (field.isEmpty() ? "" : field + ": ") + message;
  }
}
