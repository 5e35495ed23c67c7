/**
 * Detectors over a sentence-embedding model that runs in the process: {@code semantic-injection}
 * (paraphrased prompt injection and jailbreaks) and {@code topics} (topic rails).
 *
 * <p>Both use the quantised all-MiniLM-L6-v2 model that LangChain4j ships inside a Maven artifact
 * (ONNX Runtime, no download at run time), loaded once per class loader by {@link
 * dev.guardrails4j.semantic.SentenceEncoder#shared()}. The factories register through {@link
 * java.util.ServiceLoader}, so a policy file names them as soon as this module is on the class
 * path. Findings carry a type, a span and a score, never the text.
 */
@NullMarked
package dev.guardrails4j.semantic;

import org.jspecify.annotations.NullMarked;
