/**
 * Test helpers shared by the tests of several Guardrails4j modules: a keyword detector, a log
 * capture extension and a real {@code redis-server} on a free port. Build-internal: this module is a test-scoped dependency only, is not in the
 * BOM and is never deployed; users test with {@code guardrails-test}.
 *
 * <p>It is a module with main sources rather than core's tests jar because Maven resolves a tests
 * jar only after the {@code package} phase, so {@code ./mvnw -pl samples/quickstart -am compile
 * exec:java} on a fresh clone could not resolve it.
 */
@NullMarked
package dev.guardrails4j.testsupport;

import org.jspecify.annotations.NullMarked;
