package dev.guardrails4j.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One audit record for a whole guarded call. It carries fingerprints, finding types and offsets,
 * never content, unless raw content logging was switched on ({@link #rawContent()}).
 *
 * @param id the call id (also the prefix of each decision id)
 * @param timestamp when the call started
 * @param workload the workload id
 * @param userFingerprint a salted hash of the user subject, or {@code null} without a user
 * @param tenant the tenant, or {@code null}
 * @param model the model
 * @param action the action
 * @param callSite the call site, or an empty string
 * @param dataLabels data labels
 * @param policyVersion version hash of the policy set that decided every phase of this call
 * @param outcome the overall verdict as enforced ({@link Verdict#DENY} only when something blocked)
 * @param decisions every phase's decision, in order
 * @param inputFingerprint SHA-256 prefix of the input as received, or an empty string
 * @param outputFingerprint SHA-256 prefix of the answer, or an empty string
 * @param inputTokens input tokens reported or estimated, 0 when unknown
 * @param outputTokens output tokens reported, 0 when unknown
 * @param durationNanos total time spent in guardrails for this call (model time excluded)
 * @param failure a short description of a failure of the call itself, or {@code null}
 * @param rawContent prompt and answer text, only when raw content logging is switched on
 */
public record AuditEvent(
    String id,
    Instant timestamp,
    String workload,
    @Nullable String userFingerprint,
    @Nullable String tenant,
    String model,
    String action,
    String callSite,
    Set<String> dataLabels,
    String policyVersion,
    Verdict outcome,
    List<Decision> decisions,
    String inputFingerprint,
    String outputFingerprint,
    long inputTokens,
    long outputTokens,
    long durationNanos,
    @Nullable String failure,
    Map<String, String> rawContent) {

  /** Validates and copies. */
  public AuditEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(callSite, "callSite");
    Objects.requireNonNull(policyVersion, "policyVersion");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(inputFingerprint, "inputFingerprint");
    Objects.requireNonNull(outputFingerprint, "outputFingerprint");
    dataLabels = Set.copyOf(dataLabels);
    decisions = List.copyOf(decisions);
    rawContent = Map.copyOf(rawContent);
  }
}
