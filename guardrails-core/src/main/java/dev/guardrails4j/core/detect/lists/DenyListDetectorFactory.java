package dev.guardrails4j.core.detect.lists;

import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.core.detect.text.PhraseAutomaton;
import dev.guardrails4j.core.detect.text.TextNormalizer;
import dev.guardrails4j.core.detect.text.WordAutomaton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code deny-list} detector: reports every occurrence of a list of terms (words or phrases),
 * matching all of them in one pass with an Aho-Corasick automaton built once when the policy is
 * loaded.
 *
 * <p>Matching is case-insensitive and sees through the usual evasions: the text and the terms are
 * both folded by {@link TextNormalizer} (full-width forms, homoglyphs, diacritics, zero-width and
 * tag characters inside a term), and a multi-word term matches across any run of whitespace and
 * punctuation ({@code project falcon} matches {@code Project\n-- Falcon}). Overlapping matches are
 * resolved leftmost first, then longest.
 *
 * <p>Options:
 * <ul>
 *   <li>{@code terms}: a list of terms;</li>
 *   <li>{@code terms-file}: the path of a UTF-8 file with one term per line; blank lines and lines
 *       starting with {@code #} are skipped (at least one of {@code terms} and
 *       {@code terms-file} is required);</li>
 *   <li>{@code type}: the finding type, default {@code DENY_LIST};</li>
 *   <li>{@code whole-words}: whether a term must start and end on word boundaries, default
 *       {@code true} (terms in scripts written without spaces, such as Chinese, match anywhere);</li>
 *   <li>{@code leetspeak}: whether to fold leetspeak too ({@code pr0j3ct} matches
 *       {@code project}), default {@code false};</li>
 *   <li>{@code score}: the score of each finding, in [0, 1], default 1.0.</li>
 * </ul>
 * <pre>{@code
 * - { detector: deny-list, terms: [project falcon, codename orca], action: block }
 * - { detector: deny-list, terms-file: /etc/guardrails/competitors.txt, type: COMPETITOR,
 *     action: redact }
 * }</pre>
 */
public final class DenyListDetectorFactory implements DetectorFactory {

  /** The largest {@code terms-file} read: 16 MiB (hundreds of thousands of terms). */
  public static final long MAX_TERMS_FILE_BYTES = 16L * 1024 * 1024;

  /** The detector name used in policy files. */
  public static final String NAME = "deny-list";
  /** The default finding type. */
  public static final String DEFAULT_TYPE = "DENY_LIST";

  private static final Set<String> OPTIONS =
      Set.of("terms", "terms-file", "type", "whole-words", "leetspeak", "score");

  /** Creates the factory. */
  public DenyListDetectorFactory() {}

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
   * @throws IllegalArgumentException if an option is unknown or has the wrong type, a term has no
   *     letter or digit, no term is given, or the terms file cannot be read
   */
  @Override
  public Detector create(Map<String, Object> options) {
    for (String key : options.keySet()) {
      if (!OPTIONS.contains(key)) {
        throw new IllegalArgumentException(
            key + ": unknown option for detector " + NAME + "; allowed: " + sorted(OPTIONS));
      }
    }
    String type = string(options, "type", DEFAULT_TYPE);
    boolean wholeWords = bool(options, "whole-words", true);
    boolean leetspeak = bool(options, "leetspeak", false);
    double score = score(options);
    List<String> terms = new ArrayList<>();
    if (options.containsKey("terms")) {
      terms.addAll(termList(options.get("terms")));
    }
    if (options.containsKey("terms-file")) {
      terms.addAll(readTermsFile(options.get("terms-file")));
    }
    if (!options.containsKey("terms") && !options.containsKey("terms-file")) {
      throw new IllegalArgumentException(
          "terms: detector " + NAME + " needs terms (a list) or terms-file (a path)");
    }
    TextNormalizer normalizer =
        leetspeak ? TextNormalizer.withLeetspeak() : TextNormalizer.standard();
    PhraseAutomaton.Builder characters = PhraseAutomaton.builder();
    WordAutomaton.Builder words = WordAutomaton.builder();
    List<Integer> lengths = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String term : terms) {
      String phrase = normalizer.normalize(term).toString().strip();
      if (phrase.isEmpty()) {
        throw new IllegalArgumentException(
            "terms: each term needs at least one letter or digit, got '" + term + "'");
      }
      if (!seen.add(phrase)) {
        continue;
      }
      if (wholeWords && !hasUnspaced(phrase)) {
        words.add(List.of(phrase.split(" ")), false, lengths.size());
        lengths.add(phrase.length());
      } else {
        characters.add(phrase, wholeWords, wholeWords);
      }
    }
    if (seen.isEmpty()) {
      throw new IllegalArgumentException("terms: the deny list is empty; add at least one term");
    }
    return new DenyListDetector(NAME, type, score, normalizer,
        wholeWords ? words.build() : null, characters.build(),
        lengths.stream().mapToInt(Integer::intValue).toArray());
  }

  private static boolean hasUnspaced(String phrase) {
    for (int i = 0; i < phrase.length(); i++) {
      if (PhraseAutomaton.isUnspaced(phrase.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> termList(Object value) {
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException("terms: expected a list of strings, got " + value);
    }
    List<String> result = new ArrayList<>(list.size());
    for (Object item : list) {
      if (!(item instanceof String s)) {
        throw new IllegalArgumentException("terms: expected a list of strings, got item " + item);
      }
      result.add(s);
    }
    return result;
  }

  private static List<String> readTermsFile(Object value) {
    if (!(value instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException("terms-file: expected a file path, got " + value);
    }
    Path path;
    try {
      path = Path.of(s);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("terms-file: not a valid path: " + s, e);
    }
    List<String> lines;
    try {
      long size = Files.size(path);
      if (size > MAX_TERMS_FILE_BYTES) {
        throw new IllegalArgumentException("terms-file: " + path + " has " + size + " bytes; the limit is "
            + MAX_TERMS_FILE_BYTES + " (16 MiB)");
      }
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("terms-file: " + path + " is not valid UTF-8", e);
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException(
          "terms-file: cannot read " + path + " (" + e.getClass().getSimpleName() + ")", e);
    }
    List<String> terms = new ArrayList<>(lines.size());
    for (String line : lines) {
      String term = (line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
      if (!term.isEmpty() && !term.startsWith("#")) {
        terms.add(term);
      }
    }
    return terms;
  }

  private static String string(Map<String, Object> options, String key, String fallback) {
    Object value = options.get(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(key + ": expected a non-blank string, got " + value);
    }
    return s;
  }

  private static boolean bool(Map<String, Object> options, String key, boolean fallback) {
    Object value = options.get(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean b)) {
      throw new IllegalArgumentException(key + ": expected true or false, got " + value);
    }
    return b;
  }

  private static double score(Map<String, Object> options) {
    Object value = options.get("score");
    if (value == null) {
      return 1.0;
    }
    if (!(value instanceof Number n) || !(n.doubleValue() >= 0.0 && n.doubleValue() <= 1.0)) {
      throw new IllegalArgumentException("score: expected a number between 0 and 1, got " + value);
    }
    return n.doubleValue();
  }

  private static List<String> sorted(Set<String> set) {
    return set.stream().sorted().toList();
  }
}
