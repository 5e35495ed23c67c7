package dev.guardrails4j.core.detect;

import dev.guardrails4j.api.spi.DetectorFactory;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The detector factories a policy set may name: the built-in ones, those found with {@link
 * ServiceLoader}, and any registered explicitly. Immutable; {@link #with(DetectorFactory)} returns a
 * new catalog.
 */
public final class DetectorCatalog {

  private final Map<String, DetectorFactory> factories;

  private DetectorCatalog(Map<String, DetectorFactory> factories) {
    this.factories = Collections.unmodifiableMap(new LinkedHashMap<>(factories));
  }

  /**
   * The built-in detectors and every {@link DetectorFactory} on the class path (ServiceLoader).
   *
   * @return the catalog
   */
  public static DetectorCatalog standard() {
    DetectorCatalog c = builtIn();
    for (DetectorFactory f : ServiceLoader.load(DetectorFactory.class)) {
      c = c.with(f);
    }
    return c;
  }

  /**
   * The built-in detectors only.
   *
   * @return the catalog
   */
  public static DetectorCatalog builtIn() {
    DetectorCatalog c = new DetectorCatalog(Map.of());
    for (DetectorFactory f : BuiltInDetectors.factories()) {
      c = c.with(f);
    }
    return c;
  }

  /**
   * A catalog with one more factory.
   *
   * @param factory the factory
   * @return a new catalog
   * @throws IllegalArgumentException if another factory already has the same name
   */
  public DetectorCatalog with(DetectorFactory factory) {
    Objects.requireNonNull(factory, "factory");
    String name = Objects.requireNonNull(factory.name(), "factory.name()");
    if (name.isBlank()) {
      throw new IllegalArgumentException(
          "detector factory " + factory.getClass().getName() + " has a blank name");
    }
    DetectorFactory existing = factories.get(name);
    if (existing != null && existing.getClass() != factory.getClass()) {
      throw new IllegalArgumentException("two detector factories are named '" + name + "': "
          + existing.getClass().getName() + " and " + factory.getClass().getName());
    }
    Map<String, DetectorFactory> copy = new LinkedHashMap<>(factories);
    copy.put(name, factory);
    return new DetectorCatalog(copy);
  }

  /**
   * Finds a factory.
   *
   * @param name the detector name
   * @return the factory
   */
  public Optional<DetectorFactory> find(String name) {
    return Optional.ofNullable(factories.get(name));
  }

  /**
   * Every detector name.
   *
   * @return names in registration order
   */
  public Set<String> names() {
    return factories.keySet();
  }

  /**
   * Every factory.
   *
   * @return factories in registration order
   */
  public Collection<DetectorFactory> factories() {
    return factories.values();
  }
}
