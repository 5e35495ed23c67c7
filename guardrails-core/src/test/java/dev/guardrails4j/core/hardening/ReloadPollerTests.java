package dev.guardrails4j.core.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.api.spi.PolicySource;
import dev.guardrails4j.core.Guardrails;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The policy poller of {@code reloadEvery(...)} survives whatever a reload throws. */
class ReloadPollerTests {

  static final String V1 = "version: 1\npolicies:\n  - { id: v1, access: allow }\n";
  static final String V2 = "version: 1\npolicies:\n  - { id: v2, access: allow }\n";

  /** Loads V1, then fails with the given throwable once, then serves V2. */
  static final class FlakySource implements PolicySource {
    final AtomicInteger loads = new AtomicInteger();
    final CountDownLatch servedV2 = new CountDownLatch(1);
    final Throwable failure;

    FlakySource(Throwable failure) {
      this.failure = failure;
    }

    @Override
    public String description() {
      return "flaky source";
    }

    @Override
    public List<PolicyDocument> load() {
      int n = loads.incrementAndGet();
      if (n == 1) {
        return List.of(new PolicyDocument("p.yaml", V1));
      }
      if (n == 2) {
        if (failure instanceof Error e) {
          throw e;
        }
        throw (RuntimeException) failure;
      }
      servedV2.countDown();
      return List.of(new PolicyDocument("p.yaml", V2));
    }
  }

  void pollsOnAfter(Throwable failure) throws Exception {
    FlakySource source = new FlakySource(failure);
    try (Guardrails g = Guardrails.builder().policySource(source).auditLog(false)
        .reloadEvery(Duration.ofMillis(100)).build()) {
      assertThat(source.servedV2.await(20, TimeUnit.SECONDS))
          .as("the poller kept polling after the reload threw %s", failure).isTrue();
      assertThat(g.policySet().policies()).isNotEmpty();
    }
  }

  @Test
  void aSourceThatThrowsALinkageErrorDoesNotStopPolicyPolling() throws Exception {
    pollsOnAfter(new NoClassDefFoundError("com/example/VaultClient"));
  }

  @Test
  void aSourceThatThrowsAnExceptionDoesNotStopPolicyPolling() throws Exception {
    pollsOnAfter(new IllegalStateException("vault sealed"));
  }
}
