package dev.guardrails4j.core.testing;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.api.spi.DecisionListener;
import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.PolicySet;
import dev.guardrails4j.testsupport.KeywordDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared test fixtures. */
public final class Fixtures {

  private Fixtures() {}

  /** The built-in catalog plus the keyword test detector. */
  public static final DetectorCatalog CATALOG = DetectorCatalog.builtIn().with(new KeywordDetectorFactory());

  /** Parses a YAML policy set with the test catalog. */
  public static PolicySet policies(String yaml) {
    return PolicySet.parse(List.of(new PolicyDocument("test.yaml", yaml)), CATALOG);
  }

  /** An analyst of tenant acme calling openai:gpt-4o for summarize. */
  public static Invocation.Builder invocation(String... roles) {
    return Invocation.builder(
        Caller.of(Workload.of("spiffe://example.org/ns/support/sa/api"),
            User.builder("alice").tenant("acme").roles(roles).groups("emea").build()),
        ModelRef.of("openai", "gpt-4o")).action("summarize");
  }

  /** Records decisions and audit events. */
  public static final class Recorder implements DecisionListener {
    public final List<Decision> decisions = new CopyOnWriteArrayList<>();
    public final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onDecision(Invocation invocation, Decision decision) {
      decisions.add(decision);
    }

    @Override
    public void onAuditEvent(AuditEvent event) {
      events.add(event);
    }
  }
}
