package dev.guardrails4j.semantic;

import java.util.List;
import java.util.Locale;

/** One topic of a {@code topics} check: its name, finding type and example embeddings. */
record Topic(String name, String type, List<float[]> examples) {

  Topic {
    examples = List.copyOf(examples);
  }

  static String typeOf(String name) {
    return "TOPIC_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The highest cosine similarity of an embedding to one of the examples. */
  double similarity(float[] embedding) {
    double best = -1;
    for (float[] e : examples) {
      best = Math.max(best, SentenceEncoder.dot(embedding, e));
    }
    return best;
  }
}
