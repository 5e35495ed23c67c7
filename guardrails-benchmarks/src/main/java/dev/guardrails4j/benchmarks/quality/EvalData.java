package dev.guardrails4j.benchmarks.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the labelled JSON Lines files described in {@code shared/eval/README.md}. */
final class EvalData {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EvalData() {}

  /**
   * A text with labelled entity spans.
   *
   * @param id row id
   * @param source where the row comes from
   * @param text the text
   * @param entities labelled spans
   */
  record EntityRow(String id, String source, String text, List<Span> entities) {
    EntityRow {
      entities = List.copyOf(entities);
    }
  }

  /**
   * A text labelled as a whole.
   *
   * @param id row id
   * @param source where the row comes from
   * @param text the text
   * @param positive whether the row should be flagged
   * @param kind the finer label, if any (for secrets, the credential kind)
   */
  record LabelledRow(String id, String source, String text, boolean positive, String kind) {}

  /** Reads rows with {@code entities}. */
  static List<EntityRow> entities(Path file) {
    List<EntityRow> rows = new ArrayList<>();
    for (JsonNode node : lines(file)) {
      List<Span> spans = new ArrayList<>();
      for (JsonNode e : node.path("entities")) {
        spans.add(new Span(e.path("type").asText(), e.path("start").asInt(), e.path("end").asInt()));
      }
      rows.add(new EntityRow(node.path("id").asText(), node.path("source").asText(),
          node.path("text").asText(), spans));
    }
    return rows;
  }

  /** Reads rows with a {@code label}; {@code positiveLabel} marks the rows to flag. */
  static List<LabelledRow> labelled(Path file, String positiveLabel) {
    List<LabelledRow> rows = new ArrayList<>();
    for (JsonNode node : lines(file)) {
      rows.add(new LabelledRow(node.path("id").asText(), node.path("source").asText(),
          node.path("text").asText(), positiveLabel.equals(node.path("label").asText()),
          node.path("kind").asText("")));
    }
    return rows;
  }

  private static List<JsonNode> lines(Path file) {
    try {
      List<JsonNode> nodes = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          nodes.add(JSON.readTree(line));
        }
      }
      return nodes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
