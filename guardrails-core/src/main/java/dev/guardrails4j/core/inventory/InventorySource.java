package dev.guardrails4j.core.inventory;

import java.util.List;
import java.util.Objects;

/**
 * What a framework knows about the application's model calls before they happen: the call sites it
 * found (for example {@code @GuardedModelCall} methods) and the model beans it wrapped, or could
 * not. The engine's {@link Inventory} asks for them each time it writes an event, so a source may
 * grow while the application starts.
 */
public interface InventorySource {

  /** Declares nothing: plain Java applications, whose call sites are learnt from calls. */
  InventorySource NONE = new InventorySource() {};

  /**
   * The call sites known before any call.
   *
   * @return call sites
   */
  default List<DeclaredCallSite> callSites() {
    return List.of();
  }

  /**
   * The model beans (or other model objects) found, guarded or not.
   *
   * @return model beans
   */
  default List<DeclaredModelBean> modelBeans() {
    return List.of();
  }

  /**
   * A call site known before any call.
   *
   * @param id the call site as audit events name it ({@code fully.qualified.Class#method})
   * @param kind what it is, for example {@code annotated-method} or {@code model-bean}
   * @param action the business action, or an empty string when the caller decides at run time
   * @param model the model ({@code provider:name}), or an empty string when not known in advance
   */
  record DeclaredCallSite(String id, String kind, String action, String model) {

    /** Validates. */
    public DeclaredCallSite {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(model, "model");
    }
  }

  /**
   * A model bean.
   *
   * @param name the bean name
   * @param type the model's class name
   * @param guarded whether calls through it are guarded
   * @param how how it is guarded, or why it is not
   */
  record DeclaredModelBean(String name, String type, boolean guarded, String how) {

    /** Validates. */
    public DeclaredModelBean {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(how, "how");
    }
  }
}
