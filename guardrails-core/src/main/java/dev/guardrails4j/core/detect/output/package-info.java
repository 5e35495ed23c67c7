/**
 * The detector families for model answers: {@code exfiltration-links} (links, images and raw URLs
 * that point outside the allowed domains), {@code json-schema} (an answer that is not JSON or
 * violates a JSON Schema) and {@code output-length} (an answer longer than a number of characters
 * or estimated tokens).
 *
 * <p>The entry points are {@link
 * dev.guardrails4j.core.detect.output.ExfiltrationLinksDetectorFactory}, {@link
 * dev.guardrails4j.core.detect.output.JsonSchemaDetectorFactory} and {@link
 * dev.guardrails4j.core.detect.output.OutputLengthDetectorFactory}; everything else is
 * package-private. These detectors never log, never fetch a URL or resolve a host they read, and
 * never load a schema {@code $ref} from a file or the network; {@code schema-file} is read once,
 * when the detector is created. Tokens are estimated without a tokenizer.
 */
@NullMarked
package dev.guardrails4j.core.detect.output;

import org.jspecify.annotations.NullMarked;
