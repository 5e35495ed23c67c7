package dev.guardrails4j.core.policy;

import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.api.spi.PolicySource;
import dev.guardrails4j.core.detect.DetectorCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
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
  private @Nullable List<PolicyDocument> pendingDocuments;
  private @Nullable Instant pendingSince;
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
   * Reads the source again and swaps the set in at once if it changed and is valid: for a reload
   * someone asked for (the Actuator endpoint, a test). Scheduled polling uses {@link #poll}, which
   * waits for a change to settle.
   *
   * @return what happened
   */
  public synchronized Result reload() {
    List<PolicyDocument> docs = read();
    if (docs == null) {
      return last.get();
    }
    pendingDocuments = null;
    if (docs.equals(rejectedDocuments)) {
      return last.get(); // the same bad edit: already reported
    }
    if (docs.equals(lastDocuments)) {
      Result r = new Result(true, false, current.get().version(), List.of(), "");
      last.set(r);
      return r;
    }
    return apply(docs);
  }

  /**
   * One scheduled look at the source: a change is applied only once it has been read unchanged
   * for at least {@code settle} (on a later poll), so a file caught while an editor or a deploy
   * tool is still writing it, cut short but valid, never silently drops the policies that were
   * still to come. Kubernetes swaps mounted ConfigMaps by atomic rename; do the same (write a new
   * file, then rename it over the old one) and every read sees a whole file.
   *
   * @param settle how long a change must stay unchanged before it is applied
   * @param now the time of this poll
   * @return what happened; while a change is settling, the active version with no change
   */
  public synchronized Result poll(Duration settle, Instant now) {
    Objects.requireNonNull(settle, "settle");
    Objects.requireNonNull(now, "now");
    List<PolicyDocument> docs = read();
    if (docs == null) {
      return last.get();
    }
    if (docs.equals(lastDocuments)) {
      pendingDocuments = null;
      return last.get();
    }
    if (docs.equals(rejectedDocuments)) {
      pendingDocuments = null;
      return last.get();
    }
    if (!docs.equals(pendingDocuments) || pendingSince == null) {
      pendingDocuments = docs;
      pendingSince = now;
      log.debug("Guardrails policy change in {} seen; applying it once it has been unchanged for {}",
          source.description(), settle);
      return new Result(true, false, current.get().version(), List.of(), "");
    }
    if (Duration.between(pendingSince, now).compareTo(settle) < 0) {
      return new Result(true, false, current.get().version(), List.of(), "");
    }
    pendingDocuments = null;
    return apply(docs);
  }

  /** Loads the source; on failure records and logs the result and returns null. */
  private @Nullable List<PolicyDocument> read() {
    try {
      return source.load();
    } catch (PolicyException e) {
      // a file that cannot be decoded: positioned problems, like a parse error
      Result r = new Result(false, false, current.get().version(), e.problems(), e.getMessage());
      if (!r.equals(last.get())) {
        log.error("Guardrails policy reload rejected; keeping policy version {}. {}", r.activeVersion(), e.getMessage());
      }
      last.set(r);
      return null;
    } catch (RuntimeException e) {
      Result r = new Result(false, false, current.get().version(), List.of(),
          "cannot read " + source.description() + ": " + e.getMessage());
      log.error("Guardrails policy reload failed; keeping policy version {}: {}", r.activeVersion(), r.error());
      last.set(r);
      return null;
    }
  }

  /** Parses and swaps in a changed set, or keeps the last good one; logs what changed. */
  private Result apply(List<PolicyDocument> docs) {
    try {
      PolicySet set = PolicySet.parse(docs, catalog);
      PolicySet previous = current.getAndSet(set);
      lastDocuments = docs;
      rejectedDocuments = null;
      Result r = new Result(true, !set.version().equals(previous.version()), set.version(), List.of(), "");
      Set<String> before = ids(previous);
      Set<String> after = ids(set);
      Set<String> added = new TreeSet<>(after);
      added.removeAll(before);
      Set<String> removed = new TreeSet<>(before);
      removed.removeAll(after);
      String summary = "Guardrails policies reloaded from {}: version {} -> {} ({} policies; added {}, removed {})";
      Object[] args = {source.description(), previous.version(), set.version(), set.policies().size(),
          added.isEmpty() ? "none" : added, removed.isEmpty() ? "none" : removed};
      if (removed.isEmpty()) {
        log.info(summary, args);
      } else {
        // a policy that disappears may be a file cut short: say so loudly
        log.warn(summary, args);
      }
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

  private static Set<String> ids(PolicySet set) {
    Set<String> ids = new HashSet<>();
    for (Policy p : set.policies()) {
      ids.add(p.id());
    }
    return ids;
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
