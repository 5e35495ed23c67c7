/**
 * Not API: code that several {@code dev.guardrails4j.core} packages share, public only because
 * Java has no visibility between packages of one module. Types here may change or disappear in
 * any release; applications must not use them.
 */
@NullMarked
package dev.guardrails4j.core.internal;

import org.jspecify.annotations.NullMarked;
