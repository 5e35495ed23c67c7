package dev.guardrails4j.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one phase of a guarded call. Decisions are values: immutable, safe to log (they
 * hold no content), comparable in tests.
 *
 * @param id a unique id, shown to end users in error responses so support can find the audit event
 * @param phase the phase
 * @param verdict the verdict; with {@link Mode#MONITOR} it is what would have happened
 * @param mode whether the verdict is enforced
 * @param policyIds the policies that decided it, in policy file order
 * @param reasons human-readable reasons, without content
 * @param findings what the detectors found, with the action taken for each
 * @param changes how many spans were changed (redactions)
 * @param policyVersion the version hash of the policy set that decided
 * @param durationNanos how long the phase took
 * @param retryAfter for a limit, when a retry may succeed; otherwise {@code null}
 * @param error true if the verdict comes from a failure (a detector threw, a policy was unreadable)
 *     rather than from the policy itself
 */
public record Decision(
    String id,
    Phase phase,
    Verdict verdict,
    Mode mode,
    List<String> policyIds,
    List<String> reasons,
    List<Finding> findings,
    int changes,
    String policyVersion,
    long durationNanos,
    @Nullable Duration retryAfter,
    boolean error) {

  /** Validates and copies. */
  public Decision {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(policyVersion, "policyVersion");
    policyIds = List.copyOf(policyIds);
    reasons = List.copyOf(reasons);
    findings = List.copyOf(findings);
    if (changes < 0 || durationNanos < 0) {
      throw new IllegalArgumentException("changes and durationNanos must be >= 0");
    }
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative, got " + retryAfter);
    }
  }

  /**
   * Whether this decision stops the call: a denial in {@link Mode#ENFORCE}.
   *
   * @return true if the call must not proceed
   */
  public boolean blocks() {
    return verdict == Verdict.DENY && mode == Mode.ENFORCE;
  }

  /**
   * Whether the verdict is {@link Verdict#DENY}, enforced or not.
   *
   * @return true for a (possibly monitored) denial
   */
  public boolean isDeny() {
    return verdict == Verdict.DENY;
  }

  /**
   * When a retry may succeed, for limits.
   *
   * @return the delay
   */
  public Optional<Duration> findRetryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * The distinct finding types, in order of first appearance.
   *
   * @return types
   */
  public List<String> findingTypes() {
    List<String> types = new ArrayList<>();
    for (Finding f : findings) {
      if (!types.contains(f.type())) {
        types.add(f.type());
      }
    }
    return types;
  }

  /**
   * Starts a builder.
   *
   * @param phase the phase
   * @return a builder
   */
  public static Builder builder(Phase phase) {
    return new Builder(phase);
  }

  /**
   * A builder seeded with this decision's values.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(phase);
    b.id = id;
    b.verdict = verdict;
    b.mode = mode;
    if (!policyIds.isEmpty()) {
      b.policyIds = new ArrayList<>(policyIds);
    }
    if (!reasons.isEmpty()) {
      b.reasons = new ArrayList<>(reasons);
    }
    if (!findings.isEmpty()) {
      b.findings = new ArrayList<>(findings);
    }
    b.changes = changes;
    b.policyVersion = policyVersion;
    b.durationNanos = durationNanos;
    b.retryAfter = retryAfter;
    b.error = error;
    return b;
  }

  /** Builds a {@link Decision}; defaults: allow, enforce, no policies, id {@code "-"}. */
  public static final class Builder {
    private final Phase phase;
    private String id = "-";
    private Verdict verdict = Verdict.ALLOW;
    private Mode mode = Mode.ENFORCE;
    // allocated on first use: most decisions carry one policy and no finding
    private @Nullable List<String> policyIds;
    private @Nullable List<String> reasons;
    private @Nullable List<Finding> findings;
    private int changes;
    private String policyVersion = "none";
    private long durationNanos;
    private @Nullable Duration retryAfter;
    private boolean error;

    private Builder(Phase phase) {
      this.phase = Objects.requireNonNull(phase, "phase");
    }

    /**
     * Sets the id. @param id id @return this
     */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * Sets the verdict. @param verdict verdict @return this
     */
    public Builder verdict(Verdict verdict) {
      this.verdict = Objects.requireNonNull(verdict, "verdict");
      return this;
    }

    /**
     * Sets the mode. @param mode mode @return this
     */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Adds a deciding policy (once). @param policyId id @return this
     */
    public Builder policy(String policyId) {
      Objects.requireNonNull(policyId, "policyId");
      if (policyIds == null) {
        policyIds = new ArrayList<>(2);
      }
      if (!policyIds.contains(policyId)) {
        policyIds.add(policyId);
      }
      return this;
    }

    /**
     * Adds a reason. @param reason reason @return this
     */
    public Builder reason(String reason) {
      Objects.requireNonNull(reason, "reason");
      if (reasons == null) {
        reasons = new ArrayList<>(2);
      }
      reasons.add(reason);
      return this;
    }

    /**
     * Adds a finding. @param finding finding @return this
     */
    public Builder finding(Finding finding) {
      Objects.requireNonNull(finding, "finding");
      if (findings == null) {
        findings = new ArrayList<>();
      }
      findings.add(finding);
      return this;
    }

    /**
     * Adds findings. @param all findings @return this
     */
    public Builder findings(List<Finding> all) {
      for (Finding f : all) {
        finding(f);
      }
      return this;
    }

    /**
     * Sets the number of changes. @param changes count @return this
     */
    public Builder changes(int changes) {
      this.changes = changes;
      return this;
    }

    /**
     * Sets the policy version. @param policyVersion hash @return this
     */
    public Builder policyVersion(String policyVersion) {
      this.policyVersion = Objects.requireNonNull(policyVersion, "policyVersion");
      return this;
    }

    /**
     * Sets the duration. @param durationNanos nanos @return this
     */
    public Builder durationNanos(long durationNanos) {
      this.durationNanos = durationNanos;
      return this;
    }

    /**
     * Sets when to retry. @param retryAfter delay or null @return this
     */
    public Builder retryAfter(@Nullable Duration retryAfter) {
      this.retryAfter = retryAfter;
      return this;
    }

    /**
     * Marks the decision as coming from a failure. @param error flag @return this
     */
    public Builder error(boolean error) {
      this.error = error;
      return this;
    }

    /**
     * Builds. @return the decision
     */
    public Decision build() {
      return new Decision(id, phase, verdict, mode, policyIds == null ? List.of() : policyIds,
          reasons == null ? List.of() : reasons, findings == null ? List.of() : findings, changes,
          policyVersion, durationNanos, retryAfter, error);
    }
  }
}
