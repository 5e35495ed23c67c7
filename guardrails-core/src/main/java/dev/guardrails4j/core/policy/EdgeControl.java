package dev.guardrails4j.core.policy;

import dev.guardrails4j.core.match.Glob;
import java.util.List;
import java.util.Objects;

/**
 * A control enforced outside the process, declared in the {@code edge:} section of a policy file so
 * that an inventory shows it next to the controls enforced in the workload:
 *
 * <pre>{@code
 * edge:
 *   - id: gateway-content-filter
 *     control: content-filter
 *     enforced-by: Azure API Management (apim-prod)
 *     model: ["openai:*"]
 * }</pre>
 *
 * <p>Guardrails4j does not check or enforce edge controls: they are what the team says the edge
 * does, carried into inventory events so a fleet report can show both sides.
 *
 * @param id unique id within the policy set
 * @param control what it does, for example {@code content-filter} or {@code rate-limit}
 * @param enforcedBy what enforces it, for example the gateway's name
 * @param models the models it covers
 * @param description free text
 * @param file the file it came from
 * @param line its line in that file
 */
public record EdgeControl(String id, String control, String enforcedBy, List<Glob> models, String description,
    String file, int line) {

  /** Validates and copies. */
  public EdgeControl {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(enforcedBy, "enforcedBy");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(file, "file");
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("edge control '" + id + "' covers no model");
    }
  }

  /**
   * Whether this control covers a model.
   *
   * @param model {@code provider:name}
   * @return true if one of its globs matches
   */
  public boolean covers(String model) {
    for (Glob g : models) {
      if (g.matches(model)) {
        return true;
      }
    }
    return false;
  }
}
