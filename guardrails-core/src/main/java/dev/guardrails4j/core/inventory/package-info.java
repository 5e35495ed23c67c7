/**
 * Inventory events: where AI runs in this process, which controls hold there, and how much it was
 * used, written as one JSON line on the logger
 * {@value dev.guardrails4j.core.inventory.Inventory#LOGGER_NAME} at startup, after every policy
 * change and as a heartbeat, so that a fleet's log pipeline can answer "where does AI run" without a
 * server of ours ({@code guardrails inventory} in the CLI reads them back).
 */
@NullMarked
package dev.guardrails4j.core.inventory;

import org.jspecify.annotations.NullMarked;
