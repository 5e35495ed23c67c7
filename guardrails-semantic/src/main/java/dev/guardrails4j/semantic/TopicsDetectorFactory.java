package dev.guardrails4j.semantic;

import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.core.detect.text.OptionReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The {@code topics} detector: topic rails over sentence embeddings. A check lists denied topics
 * (and optionally allowed ones), each with a name and a few example sentences; a text is split
 * into windows (see {@link SentenceEncoder}), each window is embedded, and its similarity to a
 * topic is the highest cosine similarity to one of the topic's examples.
 *
 * <p>Findings:
 * <ul>
 *   <li>{@code TOPIC_<NAME>} (the name upper-cased, {@code -} as {@code _}; for example {@code
 *       medical-advice} gives {@code TOPIC_MEDICAL_ADVICE}) for a denied topic whose similarity in
 *       some window reaches {@code min-similarity} and beats every allowed topic in that window;
 *       span: that window, score: the similarity;</li>
 *   <li>{@code OFF_TOPIC}, only when allowed topics are listed, for a text that no denied topic
 *       matched and no allowed topic reaches {@code min-similarity}; score: 1 minus the best
 *       similarity to an allowed topic (leave it out with {@code types:});</li>
 *   <li>{@code UNSCANNED_TEXT} for text past {@code max-windows} windows, as in {@code
 *       semantic-injection}.</li>
 * </ul>
 *
 * <p>Options: {@code denied} and {@code allowed}: lists of {@code {name, examples}} (a name of
 * lower-case letters, digits and {@code -}; one to 50 example sentences); at least one denied or
 * allowed topic; {@code min-similarity} in [0, 1], default {@value #DEFAULT_MIN_SIMILARITY};
 * {@code max-windows}, default 64. Works in input and output checks alike.
 * <pre>{@code
 * input:
 *   - detector: topics
 *     action: block
 *     denied:
 *       - { name: medical-advice, examples: ["Which medication should I take for my chest pain?",
 *                                            "Is this mole on my arm cancer?"] }
 *     allowed:
 *       - { name: billing, examples: ["Why was I charged twice this month?"] }
 * }</pre>
 *
 * <p>Creating the detector loads the shared model (once per class loader) and embeds the
 * examples; a model that cannot be loaded fails the policy load.
 */
public final class TopicsDetectorFactory implements DetectorFactory {

  /** The detector name used in policy files. */
  public static final String NAME = "topics";
  /** The default for {@code min-similarity}. */
  public static final double DEFAULT_MIN_SIMILARITY = 0.4;

  private static final Set<String> OPTIONS = Set.of("denied", "allowed", "min-similarity", "max-windows");
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final int MAX_EXAMPLES = 50;

  private final Supplier<SentenceEncoder> encoder;

  /** The factory over the shared encoder; the constructor ServiceLoader uses. */
  public TopicsDetectorFactory() {
    this(SentenceEncoder::shared);
  }

  TopicsDetectorFactory(Supplier<SentenceEncoder> encoder) {
    this.encoder = encoder;
  }

  /** An embedding model: seconds and a few hundred megabytes to load, milliseconds per check. */
  @Override
  public Detector.Cost cost() {
    return Detector.Cost.EXPENSIVE;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> options() {
    return OPTIONS;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when an option is unknown or malformed, naming it (for example
   *     {@code denied[1].examples})
   * @throws IllegalStateException when the model cannot be loaded
   */
  @Override
  public Detector create(Map<String, Object> options) {
    OptionReader reader = OptionReader.of(NAME, options, OPTIONS);
    double min = reader.score("min-similarity", DEFAULT_MIN_SIMILARITY);
    int maxWindows = Options.integer(options, "max-windows", SemanticInjectionDetectorFactory.DEFAULT_MAX_WINDOWS, 1, 4096);
    List<RawTopic> denied = topics(options, "denied");
    List<RawTopic> allowed = topics(options, "allowed");
    if (denied.isEmpty() && allowed.isEmpty()) {
      throw new IllegalArgumentException("denied: list at least one topic in 'denied' or 'allowed'");
    }
    Set<String> names = new HashSet<>();
    for (RawTopic t : concat(denied, allowed)) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException(t.path() + ".name: topic '" + t.name() + "' is listed twice");
      }
    }
    SentenceEncoder e = encoder.get();
    return new TopicsDetector(e, embed(e, allowed), embed(e, denied), min, maxWindows);
  }

  private record RawTopic(String path, String name, List<String> examples) {}

  private static List<RawTopic> concat(List<RawTopic> a, List<RawTopic> b) {
    List<RawTopic> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<Topic> embed(SentenceEncoder encoder, List<RawTopic> raw) {
    List<Topic> out = new ArrayList<>();
    for (RawTopic t : raw) {
      List<float[]> vectors = new ArrayList<>();
      for (String example : t.examples()) {
        vectors.add(encoder.embedWindow(example));
      }
      out.add(new Topic(t.name(), Topic.typeOf(t.name()), vectors));
    }
    return out;
  }

  private static List<RawTopic> topics(Map<String, Object> options, String key) {
    Object value = options.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalArgumentException(key + ": expected a non-empty list of {name, examples}, got "
          + OptionReader.describe(value));
    }
    List<RawTopic> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String path = key + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException(path + ": expected a map {name, examples}, got "
            + OptionReader.describe(list.get(i)));
      }
      for (Object k : map.keySet()) {
        if (!"name".equals(k) && !"examples".equals(k)) {
          throw new IllegalArgumentException(path + "." + k + ": unknown key; a topic has 'name' and 'examples'");
        }
      }
      if (!(map.get("name") instanceof String name) || !TOPIC_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(path + ".name: expected lower-case letters, digits and '-', got "
            + OptionReader.describe(map.get("name")));
      }
      if (!(map.get("examples") instanceof List<?> examples) || examples.isEmpty() || examples.size() > MAX_EXAMPLES) {
        throw new IllegalArgumentException(path + ".examples: expected a list of 1 to " + MAX_EXAMPLES
            + " example sentences, got " + OptionReader.describe(map.get("examples")));
      }
      List<String> sentences = new ArrayList<>();
      for (int j = 0; j < examples.size(); j++) {
        if (!(examples.get(j) instanceof String s) || s.isBlank()) {
          throw new IllegalArgumentException(path + ".examples[" + j + "]: expected a sentence, got "
              + OptionReader.describe(examples.get(j)));
        }
        sentences.add(s);
      }
      out.add(new RawTopic(path, name, sentences));
    }
    return out;
  }
}
