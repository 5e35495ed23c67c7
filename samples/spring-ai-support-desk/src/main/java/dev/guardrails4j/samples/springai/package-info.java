/**
 * The Spring AI support desk: a {@code ChatClient} from Spring AI's auto-configured builder,
 * guarded by the Guardrails4j starter with no code beyond the policy file.
 */
@NullMarked
package dev.guardrails4j.samples.springai;

import org.jspecify.annotations.NullMarked;
