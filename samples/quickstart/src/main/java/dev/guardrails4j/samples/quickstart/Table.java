package dev.guardrails4j.samples.quickstart;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints rows as an aligned plain-text table: columns are separated by at least two spaces and no
 * cell holds two spaces in a row, so the table reads well and splits cleanly. Each row's note
 * follows the table, under the row's number.
 */
final class Table {

  static final List<String> HEADER =
      List.of("#", "scenario", "caller", "action", "verdict", "policy", "findings", "us");

  private Table() {}

  static String render(List<Row> rows) {
    List<List<String>> cells = new ArrayList<>();
    cells.add(HEADER);
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      cells.add(List.of(String.valueOf(i + 1), r.scenario(), r.caller(), r.action(), r.verdict(),
          r.policies(), r.findings(), String.valueOf(r.micros())));
    }
    int[] width = new int[HEADER.size()];
    for (List<String> line : cells) {
      for (int c = 0; c < line.size(); c++) {
        width[c] = Math.max(width[c], line.get(c).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> line : cells) {
      for (int c = 0; c < line.size(); c++) {
        String cell = line.get(c);
        boolean last = c == line.size() - 1;
        if (last) {
          // the number column is right-aligned
          sb.append(" ".repeat(width[c] - cell.length())).append(cell);
        } else {
          sb.append(cell).append(" ".repeat(width[c] - cell.length() + 2));
        }
      }
      sb.append('\n');
    }
    sb.append('\n');
    for (int i = 0; i < rows.size(); i++) {
      sb.append(String.valueOf(i + 1)).append("  ").append(oneLine(rows.get(i).note())).append('\n');
    }
    return sb.toString();
  }

  /** The text on one line, with single spaces only. */
  static String oneLine(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  /**
   * The text on one line, cut to at most {@code max} characters.
   *
   * @param text the text
   * @param max the most characters to keep, at least 4
   * @return the shortened text
   */
  static String shorten(String text, int max) {
    String s = oneLine(text);
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
