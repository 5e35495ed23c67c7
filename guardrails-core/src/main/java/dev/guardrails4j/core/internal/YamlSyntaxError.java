package dev.guardrails4j.core.internal;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML syntax error as one positioned line in plain words. SnakeYAML (under Jackson) reports a
 * problem mark (where it gave up) and sometimes a context mark (what it was reading); Jackson's
 * own location is neither. Where the user must look depends on the kind of mistake: a tab or a
 * line indented wrongly is at the problem mark, but an unclosed quote, brace or bracket is found
 * only at the end of the file, so the place to fix is where it opened, the context mark.
 */
record YamlSyntaxError(int line, int column, String message) {

  /**
   * The error for a SnakeYAML exception somewhere in {@code error}'s causes, or {@code null}.
   *
   * @param error what Jackson threw
   * @return the positioned error, or {@code null} when no SnakeYAML mark is known
   */
  static @Nullable YamlSyntaxError of(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof MarkedYAMLException m) {
        return of(m);
      }
    }
    return null;
  }

  private static @Nullable YamlSyntaxError of(MarkedYAMLException e) {
    Mark problemMark = e.getProblemMark();
    Mark contextMark = e.getContextMark();
    String problem = oneLine(e.getProblem());
    String context = oneLine(e.getContext());
    boolean atEnd = problem.contains("end of stream") || problem.contains("<stream end>");
    Mark opened = contextMark != null ? contextMark : problemMark;
    if (problem.contains("(TAB)") || problem.contains("'\\t'")) {
      return at(problemMark, "a tab character cannot indent YAML; indent with spaces");
    }
    if (context.contains("quoted scalar") && atEnd) {
      return at(opened, "this quoted text is never closed; add the closing quote, or escape a quote"
          + " inside it ('' in single quotes, \\\" in double quotes)");
    }
    if (context.contains("flow mapping")) {
      return atEnd
          ? at(opened, "this '{' is never closed; add '}'")
          : at(problemMark, "expected ',' or '}' inside the '{' opened at " + where(contextMark)
              + "; " + found(problem));
    }
    if (context.contains("flow sequence")) {
      return atEnd
          ? at(opened, "this '[' is never closed; add ']'")
          : at(problemMark, "expected ',' or ']' inside the '[' opened at " + where(contextMark)
              + "; " + found(problem));
    }
    if (context.contains("block collection") || context.contains("block mapping")
        || problem.contains("expected <block end>")) {
      String what = context.contains("collection") ? "list" : "map";
      return at(problemMark, "bad indentation: this line does not line up with the " + what
          + " that starts at " + where(contextMark) + "; indent it with the same number of spaces"
          + " as its siblings");
    }
    if (problem.startsWith("mapping values are not allowed")) {
      return at(problemMark, "a ':' here starts a key where none can be: indent this line like the"
          + " lines around it, or quote a value that contains ': '");
    }
    if (problem.contains("cannot start any token")) {
      int open = problem.indexOf('\'');
      int close = problem.indexOf('\'', open + 1);
      String character = open >= 0 && close > open ? problem.substring(open, close + 1) : "this character";
      return at(problemMark, character + " cannot start a plain YAML value; put the value in quotes");
    }
    if (problem.contains("could not find expected ':'")) {
      return at(opened, "a key without ':' (or a value that runs on to the next line); add ': '"
          + " after the key, or quote the value");
    }
    if (problem.contains("found undefined alias")) {
      return at(problemMark, problem + "; anchors (&name) must be defined before aliases (*name)");
    }
    String message = problem.isEmpty() ? context : problem;
    if (!context.isEmpty() && !problem.isEmpty()) {
      message = problem + " (" + context + (contextMark == null ? "" : " at " + where(contextMark)) + ")";
    }
    return at(problemMark != null ? problemMark : contextMark, message);
  }

  private static @Nullable YamlSyntaxError at(@Nullable Mark mark, String message) {
    if (mark == null) {
      return null;
    }
    return new YamlSyntaxError(mark.getLine() + 1, mark.getColumn() + 1, message);
  }

  private static String where(@Nullable Mark mark) {
    return mark == null ? "?" : (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
  }

  private static String found(String problem) {
    int i = problem.indexOf("but ");
    return i < 0 ? problem : problem.substring(i).replace("but got", "found").replace("but found", "found");
  }

  private static String oneLine(@Nullable String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }
}
