package dev.guardrails4j.springai;

import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.api.spi.DecisionListener;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.PolicySet;
import dev.guardrails4j.test.OpenAiStubServer;
import dev.guardrails4j.testsupport.AdapterTestDetectors;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/** Engines, callers and Spring AI's real OpenAI model for adapter tests. */
final class TestEngines {

  private TestEngines() {}

  static final Workload WORKLOAD = Workload.of("spiffe://example.org/ns/support/sa/api");

  /**
   * Support agents may use OpenAI models; e-mail addresses in prompts are redacted reversibly,
   * API keys and prompt injections block; answers have card numbers redacted and API keys blocked.
   * Tools: lookupOrder and sendEmail are allowed, deleteAccount is refused with an error the model
   * sees, tool arguments must carry no API key, tool results have e-mail addresses redacted.
   * Interns may not call deleteAccount at all: the whole call stops. Nobody else may call a model.
   */
  static final String POLICY = """
      version: 1
      defaults: { access: deny }
      policies:
        - id: support
          match: { user: { roles: [support] }, model: ["openai:*"] }
          access: allow
          input:
            - { detector: test-pii, types: [EMAIL_ADDRESS], action: redact, reversible: true }
            - { detector: test-secrets, action: block }
            - { detector: prompt-injection, action: block }
          output:
            - { detector: test-pii, types: [CREDIT_CARD], action: redact }
            - { detector: test-secrets, action: block }
          tools:
            allow: [lookupOrder, sendEmail]
            deny: [deleteAccount]
            on-deny: error
            arguments: [ { detector: test-secrets, action: block } ]
            results: [ { detector: test-pii, types: [EMAIL_ADDRESS], action: redact } ]
        - id: interns
          match: { user: { roles: [intern] }, model: ["openai:*"] }
          access: allow
          tools:
            allow: [lookupOrder]
            deny: [deleteAccount]
            on-deny: stop
      """;

  static Guardrails engine(Recorder recorder) {
    return engine(POLICY, recorder);
  }

  static Guardrails engine(String policy, Recorder recorder) {
    DetectorCatalog catalog = DetectorCatalog.builtIn();
    for (DetectorFactory f : AdapterTestDetectors.factories()) {
      catalog = catalog.with(f);
    }
    PolicySet set = PolicySet.parse(List.of(new PolicyDocument("test.yaml", policy)), catalog);
    return Guardrails.builder().policies(set).workload(WORKLOAD).auditLog(false).listener(recorder)
        .streamWindow(32).build();
  }

  /** Spring AI's real OpenAI chat model, talking to the stub. */
  static OpenAiChatModel openAi(OpenAiStubServer stub) {
    return OpenAiChatModel.builder()
        .options(OpenAiChatOptions.builder().baseUrl(stub.baseUrl()).apiKey("test-key").model("gpt-4o-mini").build())
        .build();
  }

  static Caller caller(String subject, String... roles) {
    return Caller.of(WORKLOAD, User.builder(subject).tenant("acme").roles(roles).build());
  }

  static GuardContext.Scope as(String subject, String... roles) {
    return GuardContext.builder().caller(caller(subject, roles)).open();
  }

  /** Records decisions and audit events. */
  static final class Recorder implements DecisionListener {
    final List<Decision> decisions = new CopyOnWriteArrayList<>();
    final List<AuditEvent> audits = new CopyOnWriteArrayList<>();
    final List<Invocation> invocations = new CopyOnWriteArrayList<>();

    @Override
    public void onDecision(Invocation invocation, Decision decision) {
      invocations.add(invocation);
      decisions.add(decision);
    }

    @Override
    public void onAuditEvent(AuditEvent event) {
      audits.add(event);
    }
  }
}
