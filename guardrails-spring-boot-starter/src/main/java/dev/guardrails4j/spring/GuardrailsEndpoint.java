package dev.guardrails4j.spring;

import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.limit.Limiter;
import dev.guardrails4j.core.policy.Policy;
import dev.guardrails4j.core.policy.PolicyProblem;
import dev.guardrails4j.core.policy.PolicyReloader;
import dev.guardrails4j.core.policy.PolicySet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code guardrails} Actuator endpoint: the inventory of where AI runs in this application and
 * the active policy set (read), and a policy reload (write).
 *
 * <p>Expose it like any endpoint ({@code management.endpoints.web.exposure.include=guardrails}) and
 * protect it: the write operation changes what is enforced only to what the policy location holds,
 * but the inventory describes the application.
 */
@Endpoint(id = "guardrails")
public class GuardrailsEndpoint {

  private final Guardrails guardrails;
  private final GuardrailsInventory inventory;

  /**
   * Creates the endpoint.
   *
   * @param guardrails the engine
   * @param inventory the inventory
   */
  public GuardrailsEndpoint(Guardrails guardrails, GuardrailsInventory inventory) {
    this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
    this.inventory = Objects.requireNonNull(inventory, "inventory");
  }

  /**
   * The inventory and the active policy set.
   *
   * @return the report
   */
  @ReadOperation
  public Report report() {
    PolicySet set = guardrails.policySet();
    Optional<PolicyReloader> reloader = guardrails.reloader();
    Policies policies = new Policies(set.version(), set.sources(),
        set.policies().stream().map(Policy::id).toList(),
        guardrails.modeOverride().map(m -> m.name().toLowerCase(Locale.ROOT)).orElse(null),
        reloader.isPresent(), reloader.map(r -> result(r.lastResult())).orElse(null));
    return new Report(guardrails.workload().id(), policies, inventory.callSites(), inventory.modelBeans(),
        inventory.unguardedModelBeans(), inventory.modelsSeen(), inventory.actionsSeen(),
        inventory.callSitesSeen(), inventory.decisionsByVerdict(), guardrails.limitStatus());
  }

  /**
   * Reads the policy location again now. A valid change becomes active at once; an invalid one is
   * rejected with its problems and the last good set stays active.
   *
   * @return what happened
   */
  @WriteOperation
  public ReloadResult reload() {
    Optional<PolicyReloader> reloader = guardrails.reloader();
    if (reloader.isEmpty()) {
      return new ReloadResult(false, false, guardrails.policySet().version(), List.of(),
          "nothing to reload: no guardrails.policy-location is configured (the built-in policy set is active)");
    }
    return result(reloader.get().reload());
  }

  private static ReloadResult result(PolicyReloader.Result r) {
    return new ReloadResult(r.ok(), r.changed(), r.activeVersion(),
        r.problems().stream().map(Problem::of).toList(), r.error());
  }

  /**
   * What the endpoint reports.
   *
   * @param workload the workload id
   * @param policies the active policy set
   * @param callSites {@code @GuardedModelCall} methods found at startup
   * @param modelBeans model beans found at startup
   * @param unguardedModelBeans model beans calls through which are not guarded
   * @param modelsSeen guarded calls per model since startup
   * @param actionsSeen guarded calls per action since startup
   * @param callSitesSeen guarded calls per call site since startup
   * @param decisions decisions per verdict since startup
   * @param limits where limit counters live ({@code memory} or the shared store) and whether it answers
   */
  public record Report(String workload, Policies policies, List<GuardrailsInventory.CallSite> callSites,
      List<GuardrailsInventory.ModelBean> modelBeans, List<GuardrailsInventory.ModelBean> unguardedModelBeans,
      Map<String, Long> modelsSeen, Map<String, Long> actionsSeen, Map<String, Long> callSitesSeen,
      Map<String, Long> decisions, Limiter.Status limits) {}

  /**
   * The active policy set.
   *
   * @param version its version hash
   * @param sources the documents it was built from
   * @param policyIds its policies, in file order
   * @param modeOverride {@code monitor} when guardrails.mode=monitor, else null
   * @param reloadable whether it comes from a policy location that can be reloaded
   * @param lastReload the outcome of the last load or reload, or null
   */
  public record Policies(String version, List<String> sources, List<String> policyIds,
      @Nullable String modeOverride, boolean reloadable, @Nullable ReloadResult lastReload) {}

  /**
   * What a reload did.
   *
   * @param ok whether the policy location was read and valid
   * @param changed whether a new version became active
   * @param activeVersion the version active now
   * @param problems the problems of a rejected version, with their positions
   * @param error a description of the failure, or an empty string
   */
  public record ReloadResult(boolean ok, boolean changed, String activeVersion, List<Problem> problems,
      String error) {}

  /**
   * One problem of a rejected policy file.
   *
   * @param file the file
   * @param line 1-based line, 0 when unknown
   * @param column 1-based column, 0 when unknown
   * @param field the field path
   * @param message what is wrong
   */
  public record Problem(String file, int line, int column, String field, String message) {
    static Problem of(PolicyProblem p) {
      return new Problem(p.file(), p.line(), p.column(), p.field(), p.message());
    }
  }
}
