package dev.guardrails4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.redis.RedisLimiter;
import dev.guardrails4j.testsupport.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** guardrails.limits.store=redis: two application contexts (as replicas) share limits on a real Redis. */
class GuardrailsRedisLimitsAutoConfigurationTests {

  static RedisServer redis;

  @TempDir
  static Path dir;

  static ApplicationContextRunner runner;

  @BeforeAll
  static void start() throws IOException {
    redis = RedisServer.start();
    Path policy = Files.writeString(dir.resolve("guardrails.yaml"), """
        version: 1
        defaults: { access: allow }
        policies:
          - id: drafts
            match: { action: [draft-reply] }
            limits: { requests: 3/1m per user }
        """);
    runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(GuardrailsRedisLimitsAutoConfiguration.class,
            GuardrailsAutoConfiguration.class))
        .withPropertyValues("guardrails.policy-location=file:" + policy, "guardrails.workload.id=support-desk");
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  static Invocation draft(String user) {
    return Invocation.builder(Caller.of(Workload.of("support-desk"), User.of(user)), ModelRef.of("openai", "gpt-4o-mini"))
        .action("draft-reply").userMessage("Draft a reply").build();
  }

  static boolean admitted(Guardrails g, Invocation call) {
    try {
      g.start(call).close();
      return true;
    } catch (GuardrailViolationException e) {
      return false;
    }
  }

  @Test
  void twoReplicasShareOneUsersLimitThroughSpringDataRedisProperties() {
    String[] redisProperties = {"guardrails.limits.store=redis", "spring.data.redis.url=" + redis.uri(),
        "guardrails.audit.fingerprint-salt=shared-by-both-replicas"};
    runner.withPropertyValues(redisProperties).run(a -> runner.withPropertyValues(redisProperties).run(b -> {
      assertThat(a).hasSingleBean(RedisLimiter.class);
      Guardrails replicaA = a.getBean(Guardrails.class);
      Guardrails replicaB = b.getBean(Guardrails.class);
      assertThat(replicaA.limitStatus().store()).isEqualTo(redis.uri());
      assertThat(replicaA.limitStatus().up()).isTrue();

      int admitted = 0;
      for (int i = 0; i < 4; i++) {
        admitted += admitted(replicaA, draft("carol")) ? 1 : 0;
        admitted += admitted(replicaB, draft("carol")) ? 1 : 0;
      }

      assertThat(admitted).isEqualTo(3);
    }));
  }

  @Test
  void countsInTheProcessByDefault() {
    runner.run(context -> {
      assertThat(context).doesNotHaveBean(RedisLimiter.class);
      assertThat(context.getBean(Guardrails.class).limitStatus().store()).isEqualTo("memory");
    });
  }

  @Test
  void refusesToStartWithoutASharedSalt() {
    runner.withPropertyValues("guardrails.limits.store=redis", "spring.data.redis.url=" + redis.uri()).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("guardrails.audit.fingerprint-salt");
    });
  }

  @Test
  void refusesToStartWhenGuardrailsRedisIsMissing() {
    runner.withClassLoader(new FilteredClassLoader(RedisLimiter.class))
        .withPropertyValues("guardrails.limits.store=redis", "guardrails.audit.fingerprint-salt=shared-by-both-replicas")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("dev.guardrails4j:guardrails-redis");
        });
  }
}
