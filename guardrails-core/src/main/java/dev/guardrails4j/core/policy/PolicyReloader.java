package dev.guardrails4j.core.policy;

import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.api.spi.PolicySource;
import dev.guardrails4j.core.detect.DetectorCatalog;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the active policy set of a {@link PolicySource} and swaps in a new one atomically when the
 * source changes. A source that cannot be read or parsed leaves the last good set active, and the
 * problems are logged with their positions and kept in {@link #lastResult()}.
 */
public final class PolicyReloader implements Supplier<PolicySet> {

  private static final Logger log = LoggerFactory.getLogger(PolicyReloader.class);

  private final PolicySource source;
  private final DetectorCatalog catalog;
  private final AtomicReference<PolicySet> current = new AtomicReference<>();
  private final AtomicReference<Result> last = new AtomicReference<>();
  private volatile @Nullable List<PolicyDocument> lastDocuments;
  private volatile @Nullable List<PolicyDocument> rejectedDocuments;
  private final List<Consumer<PolicySet>> changeListeners = new CopyOnWriteArrayList<>();

  /**
   * Loads the source once; it must be valid.
   *
   * @param source the source
   * @param catalog the detectors policies may name
   * @throws PolicyException if the policies are invalid
   * @throws java.io.UncheckedIOException if the source cannot be read
   */
  public PolicyReloader(PolicySource source, DetectorCatalog catalog) {
    this.source = Objects.requireNonNull(source, "source");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    List<PolicyDocument> docs = source.load();
    PolicySet set = PolicySet.parse(docs, catalog);
    current.set(set);
    lastDocuments = docs;
    last.set(new Result(true, false, set.version(), List.of(), ""));
  }

  @Override
  public PolicySet get() {
    return current.get();
  }

  /**
   * Reads the source again and swaps the set in if it changed and is valid.
   *
   * @return what happened
   */
  public synchronized Result reload() {
    List<PolicyDocument> docs;
    try {
      docs = source.load();
    } catch (PolicyException e) {
      // a file that cannot be decoded: positioned problems, like a parse error
      Result r = new Result(false, false, current.get().version(), e.problems(), e.getMessage());
      if (!r.equals(last.get())) {
        log.error("Guardrails policy reload rejected; keeping policy version {}. {}", r.activeVersion(), e.getMessage());
      }
      last.set(r);
      return r;
    } catch (RuntimeException e) {
      Result r = new Result(false, false, current.get().version(), List.of(),
          "cannot read " + source.description() + ": " + e.getMessage());
      log.error("Guardrails policy reload failed; keeping policy version {}: {}", r.activeVersion(), r.error());
      last.set(r);
      return r;
    }
    if (docs.equals(rejectedDocuments)) {
      return last.get(); // the same bad edit: already reported
    }
    if (docs.equals(lastDocuments)) {
      Result r = new Result(true, false, current.get().version(), List.of(), "");
      last.set(r);
      return r;
    }
    try {
      PolicySet set = PolicySet.parse(docs, catalog);
      PolicySet previous = current.getAndSet(set);
      lastDocuments = docs;
      rejectedDocuments = null;
      Result r = new Result(true, !set.version().equals(previous.version()), set.version(), List.of(), "");
      log.info("Guardrails policies reloaded from {}: version {} -> {} ({} policies)",
          source.description(), previous.version(), set.version(), set.policies().size());
      last.set(r);
      if (r.changed()) {
        for (Consumer<PolicySet> l : changeListeners) {
          try {
            l.accept(set);
          } catch (RuntimeException e) {
            log.warn("Guardrails policy change listener failed ({}); the new version {} is active",
                e.getClass().getName(), set.version());
          }
        }
      }
      return r;
    } catch (PolicyException e) {
      rejectedDocuments = docs;
      Result r = new Result(false, false, current.get().version(), e.problems(), e.getMessage());
      log.error("Guardrails policy reload rejected; keeping policy version {}. {}", r.activeVersion(), e.getMessage());
      last.set(r);
      return r;
    }
  }

  /**
   * Calls a listener after each reload that makes a new version active (not for the first load).
   * A listener that throws is logged and does not affect the reload.
   *
   * @param listener receives the new set
   */
  public void onChange(Consumer<PolicySet> listener) {
    changeListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * The outcome of the last load or reload.
   *
   * @return the result
   */
  public Result lastResult() {
    return last.get();
  }

  /**
   * The source.
   *
   * @return the source
   */
  public PolicySource source() {
    return source;
  }

  /**
   * What a reload did.
   *
   * @param ok whether the source was read and valid
   * @param changed whether a new version became active
   * @param activeVersion the version active after the reload
   * @param problems the problems of a rejected version
   * @param error a description of the failure, or an empty string
   */
  public record Result(boolean ok, boolean changed, String activeVersion, List<PolicyProblem> problems,
      String error) {

    /** Copies. */
    public Result {
      problems = List.copyOf(problems);
    }
  }
}
