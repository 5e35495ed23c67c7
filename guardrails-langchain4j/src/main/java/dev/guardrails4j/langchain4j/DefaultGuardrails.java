package dev.guardrails4j.langchain4j;

import dev.guardrails4j.core.Guardrails;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The engine that LangChain4j-instantiated guardrails use. LangChain4j creates the classes named in
 * {@code @InputGuardrails}/{@code @OutputGuardrails} with their no-argument constructor (unless a
 * {@code ClassInstanceFactory}, such as a dependency-injection container's, supplies them); those
 * instances find the engine here. Register it once at start-up:
 *
 * <pre>{@code
 * DefaultGuardrails.use(guardrails);
 * }</pre>
 *
 * <p>Guardrails built with an explicit engine ({@code new GuardrailsInputGuardrail(guardrails)},
 * passed to {@code AiServices.builder(...).inputGuardrails(...)}) do not use this holder.
 */
public final class DefaultGuardrails {

  private static volatile @Nullable Guardrails engine;

  private DefaultGuardrails() {}

  /**
   * Makes an engine the default, replacing any earlier one.
   *
   * @param guardrails the engine
   */
  public static void use(Guardrails guardrails) {
    engine = Objects.requireNonNull(guardrails, "guardrails");
  }

  /**
   * The default engine, if one was registered.
   *
   * @return the engine
   */
  public static Optional<Guardrails> find() {
    return Optional.ofNullable(engine);
  }

  /**
   * The default engine.
   *
   * @return the engine
   * @throws IllegalStateException if none was registered
   */
  public static Guardrails get() {
    Guardrails g = engine;
    if (g == null) {
      throw new IllegalStateException("no default Guardrails engine: call DefaultGuardrails.use(guardrails) at "
          + "start-up, or pass the engine to the guardrail's constructor");
    }
    return g;
  }

  /** Forgets the default engine (for tests and shutdown). */
  public static void clear() {
    engine = null;
  }
}
