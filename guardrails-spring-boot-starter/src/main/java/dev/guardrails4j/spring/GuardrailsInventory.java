package dev.guardrails4j.spring;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.spi.DecisionListener;
import dev.guardrails4j.core.inventory.InventorySource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where AI runs in this application: the {@code @GuardedModelCall} call sites and model beans found
 * at startup, and the models, actions and call sites seen at runtime with their counts. The
 * {@code guardrails} Actuator endpoint shows it; it is also a {@link DecisionListener}, registered
 * with the engine, that counts decisions.
 *
 * <p>Runtime counts keep at most {@value #MAX_KEYS} distinct names per kind; further names are
 * counted under {@value #OTHER}, so that a caller cannot grow the inventory without bound.
 */
public final class GuardrailsInventory implements DecisionListener {

  /** The most distinct names counted per kind. */
  public static final int MAX_KEYS = 1000;

  /** The name counted for names beyond {@link #MAX_KEYS}. */
  public static final String OTHER = "(other)";

  private final List<CallSite> callSites = new CopyOnWriteArrayList<>();
  private final List<ModelBean> modelBeans = new CopyOnWriteArrayList<>();
  private final Counts models = new Counts();
  private final Counts actions = new Counts();
  private final Counts sites = new Counts();
  private final Counts verdicts = new Counts();

  /** Creates an empty inventory. */
  public GuardrailsInventory() {}

  /**
   * A method annotated with {@code @GuardedModelCall}.
   *
   * @param id the call site, {@code fully.qualified.Class#method}, as audit events name it
   * @param bean the bean whose class declares it
   * @param action the action
   * @param model the model named by the annotation, or an empty string
   * @param dataLabels the data labels
   * @param checkOutput whether the returned text is checked
   */
  public record CallSite(String id, String bean, String action, String model, Set<String> dataLabels,
      boolean checkOutput) {

    /** Validates and copies. */
    public CallSite {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(bean, "bean");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(model, "model");
      dataLabels = Set.copyOf(dataLabels);
    }
  }

  /**
   * A model bean and how it is guarded.
   *
   * @param bean the bean name
   * @param type the model's class
   * @param kind {@code chat} or {@code streaming-chat}
   * @param guarded whether calls through the bean are guarded
   * @param how how it is guarded ({@code subclass-proxy}, {@code wrapper}, {@code already-guarded})
   *     or why not
   */
  public record ModelBean(String bean, String type, String kind, boolean guarded, String how) {

    /** Validates. */
    public ModelBean {
      Objects.requireNonNull(bean, "bean");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(how, "how");
    }
  }

  void addCallSite(CallSite site) {
    for (CallSite c : callSites) {
      if (c.id().equals(site.id()) && c.bean().equals(site.bean())) {
        return;
      }
    }
    callSites.add(site);
  }

  void addModelBean(ModelBean bean) {
    modelBeans.removeIf(b -> b.bean().equals(bean.bean()));
    modelBeans.add(bean);
  }

  /**
   * The call sites found at startup.
   *
   * @return call sites, in discovery order
   */
  public List<CallSite> callSites() {
    return List.copyOf(callSites);
  }

  /**
   * The model beans found at startup, guarded or not.
   *
   * @return model beans
   */
  public List<ModelBean> modelBeans() {
    return List.copyOf(modelBeans);
  }

  /**
   * This inventory as the engine's {@link InventorySource}: the {@code @GuardedModelCall} methods
   * and guarded model beans as call sites, and every model bean, for inventory events.
   *
   * @return the source
   */
  public InventorySource inventorySource() {
    return new InventorySource() {
      @Override
      public List<DeclaredCallSite> callSites() {
        List<DeclaredCallSite> out = new ArrayList<>();
        for (CallSite c : GuardrailsInventory.this.callSites) {
          out.add(new DeclaredCallSite(c.id(), "annotated-method", c.action(), c.model()));
        }
        for (ModelBean b : modelBeans) {
          if (b.guarded()) {
            out.add(new DeclaredCallSite("bean:" + b.bean(), "model-bean", "", ""));
          }
        }
        return out;
      }

      @Override
      public List<DeclaredModelBean> modelBeans() {
        List<DeclaredModelBean> out = new ArrayList<>();
        for (ModelBean b : GuardrailsInventory.this.modelBeans) {
          out.add(new DeclaredModelBean(b.bean(), b.type(), b.guarded(), b.how()));
        }
        return out;
      }
    };
  }

  /**
   * The model beans calls through which are not guarded.
   *
   * @return model beans
   */
  public List<ModelBean> unguardedModelBeans() {
    List<ModelBean> out = new ArrayList<>();
    for (ModelBean b : modelBeans) {
      if (!b.guarded()) {
        out.add(b);
      }
    }
    return out;
  }

  /**
   * Guarded calls per model ({@code provider:name}) since startup.
   *
   * @return counts, sorted by name
   */
  public Map<String, Long> modelsSeen() {
    return models.snapshot();
  }

  /**
   * Guarded calls per action since startup.
   *
   * @return counts, sorted by name
   */
  public Map<String, Long> actionsSeen() {
    return actions.snapshot();
  }

  /**
   * Guarded calls per call site since startup (calls without a call site are not counted).
   *
   * @return counts, sorted by name
   */
  public Map<String, Long> callSitesSeen() {
    return sites.snapshot();
  }

  /**
   * Decisions per verdict since startup; denials recorded in monitor mode count as
   * {@code DENY_MONITORED}.
   *
   * @return counts, sorted by name
   */
  public Map<String, Long> decisionsByVerdict() {
    return verdicts.snapshot();
  }

  @Override
  public void onDecision(Invocation invocation, Decision decision) {
    verdicts.increment(decision.isDeny() && decision.mode() == Mode.MONITOR
        ? "DENY_MONITORED" : decision.verdict().name());
  }

  @Override
  public void onAuditEvent(AuditEvent event) {
    models.increment(event.model());
    actions.increment(event.action());
    if (!event.callSite().isEmpty()) {
      sites.increment(event.callSite());
    }
  }

  /** Lock-free counts with a bounded number of keys. */
  private static final class Counts {
    private final ConcurrentHashMap<String, LongAdder> map = new ConcurrentHashMap<>();

    void increment(String key) {
      LongAdder a = map.get(key);
      if (a == null) {
        a = map.size() >= MAX_KEYS ? map.computeIfAbsent(OTHER, k -> new LongAdder())
            : map.computeIfAbsent(key, k -> new LongAdder());
      }
      a.increment();
    }

    Map<String, Long> snapshot() {
      Map<String, Long> out = new TreeMap<>();
      map.forEach((k, v) -> out.put(k, v.sum()));
      return Collections.unmodifiableMap(out);
    }
  }
}
