/**
 * Workload identities found where the service runs: a SPIFFE ID (environment or X.509 SVID) or a
 * Kubernetes service account token. See {@link dev.guardrails4j.core.identity.WorkloadIdentities}.
 */
@NullMarked
package dev.guardrails4j.core.identity;

import org.jspecify.annotations.NullMarked;
