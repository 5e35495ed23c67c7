/**
 * The {@code secrets} detector family: credentials and keys. Provider tokens found by their fixed
 * prefix and format, private key blocks, password hashes, JSON Web Tokens, HTTP credentials,
 * passwords in URLs and connection strings, literals assigned to keys that name a secret, and,
 * with a low score, infrastructure identifiers.
 *
 * <p>The entry point is {@link dev.guardrails4j.core.detect.secrets.SecretsDetectorFactory};
 * everything else is package-private. The family never logs, never returns a matched value (a
 * finding holds a type, a span and a score), and never calls a provider to check whether a token
 * is live.
 */
@NullMarked
package dev.guardrails4j.core.detect.secrets;

import org.jspecify.annotations.NullMarked;
