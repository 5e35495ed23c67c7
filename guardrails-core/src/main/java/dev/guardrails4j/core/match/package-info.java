/**
 * Glob matching for names, models, tools and paths, shared by policies, limits and the
 * inventory. A leaf package: it depends on nothing else in the engine, so the packages that use
 * it never depend on each other through it.
 */
@NullMarked
package dev.guardrails4j.core.match;

import org.jspecify.annotations.NullMarked;
