package dev.guardrails4j.api.spi;

import java.util.Map;
import java.util.Set;

/**
 * Creates a {@link Detector} from the options a policy file gives it. Custom factories are found
 * with {@link java.util.ServiceLoader} (list them in
 * {@code META-INF/services/dev.guardrails4j.api.spi.DetectorFactory}) or registered on the engine's
 * builder.
 *
 * <p>In a policy file a check names its detector and adds options:
 * <pre>{@code
 * input:
 *   - { detector: deny-list, terms: [project-falcon], action: block }
 * }</pre>
 * The keys {@code detector}, {@code action}, {@code min-score}, {@code mode}, {@code on-error},
 * {@code roles}, {@code style} and {@code reversible} are the engine's and never reach the factory.
 * {@code types} is the engine's too (it keeps only findings of the listed types), unless
 * {@link #options()} lists it: then it is passed on as well, so the detector can skip work for
 * types nobody asked for. Every other key is passed to {@link #create(Map)} if {@link #options()}
 * lists it; the policy loader rejects the rest, naming file, line and column.
 */
public interface DetectorFactory {

  /**
   * The detector name policies use.
   *
   * @return the name
   */
  String name();

  /**
   * The option keys {@link #create(Map)} accepts; the policy loader rejects any other key, naming
   * its position.
   *
   * @return option names
   */
  default Set<String> options() {
    return Set.of();
  }

  /**
   * How costly the detectors this factory creates are, known before one is created, so that a
   * tool can leave costly detectors out (an embedding model takes seconds and hundreds of
   * megabytes to load) without loading them. The detectors themselves report the same {@link
   * Detector#cost()}.
   *
   * @return the cost class; {@link Detector.Cost#CHEAP} unless overridden
   */
  default Detector.Cost cost() {
    return Detector.Cost.CHEAP;
  }

  /**
   * Creates a detector.
   *
   * @param options the options from the policy file: strings, numbers, booleans, lists and maps
   * @return the detector
   * @throws IllegalArgumentException naming the option and what is allowed, when an option is wrong
   */
  Detector create(Map<String, Object> options);
}
