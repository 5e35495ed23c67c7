package dev.guardrails4j.spring;

import dev.guardrails4j.redis.RedisLimiter;
import io.lettuce.core.RedisURI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Limits shared by every replica: with {@code guardrails.limits.store=redis} and
 * {@code guardrails-redis} on the class path, a {@link RedisLimiter} on the Redis server that Spring
 * Boot's own {@code spring.data.redis.*} properties name ({@code url}, or {@code host}, {@code port},
 * {@code username}, {@code password}, {@code database}, {@code ssl.enabled}) counts every call.
 * The limiter opens its own Lettuce connection, which refuses commands while disconnected, so a
 * failed limit check is never run later. The default store, {@code memory}, needs nothing.
 */
@AutoConfiguration(before = GuardrailsAutoConfiguration.class)
@ConditionalOnProperty(name = "guardrails.limits.store", havingValue = "redis")
@EnableConfigurationProperties(GuardrailsProperties.class)
public class GuardrailsRedisLimitsAutoConfiguration {

  /** With guardrails-redis on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.guardrails4j.redis.RedisLimiter")
  static class RedisLimitsConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RedisLimiter guardrailsRedisLimiter(GuardrailsProperties properties, Environment environment) {
      String salt = properties.getAudit().getFingerprintSalt();
      if (salt == null || salt.isEmpty()) {
        throw new IllegalStateException("guardrails.limits.store=redis needs guardrails.audit.fingerprint-salt"
            + " (at least 16 characters, the same on every replica): with a random salt per process each"
            + " replica would count every user under a key of its own");
      }
      GuardrailsProperties.Limits.Redis redis = properties.getLimits().getRedis();
      return RedisLimiter.builder(redisUri(environment)).userKeySalt(salt)
          .commandTimeout(redis.getCommandTimeout()).leaseTimeToLive(redis.getLeaseTimeToLive())
          .keyPrefix(redis.getKeyPrefix()).build();
    }

    @Bean
    GuardrailsBuilderCustomizer guardrailsRedisLimits(RedisLimiter limiter) {
      return builder -> builder.limiter(limiter);
    }

    /** The server from Spring Boot's {@code spring.data.redis.*} properties. */
    static RedisURI redisUri(Environment env) {
      String url = env.getProperty("spring.data.redis.url");
      if (url != null && !url.isBlank()) {
        return RedisURI.create(url);
      }
      RedisURI.Builder b = RedisURI.builder()
          .withHost(env.getProperty("spring.data.redis.host", "localhost"))
          .withPort(env.getProperty("spring.data.redis.port", Integer.class, 6379))
          .withSsl(env.getProperty("spring.data.redis.ssl.enabled", Boolean.class, false))
          .withDatabase(env.getProperty("spring.data.redis.database", Integer.class, 0));
      String password = env.getProperty("spring.data.redis.password");
      if (password != null && !password.isEmpty()) {
        String username = env.getProperty("spring.data.redis.username");
        if (username != null && !username.isEmpty()) {
          b.withAuthentication(username, password);
        } else {
          b.withPassword(password.toCharArray());
        }
      }
      return b.build();
    }
  }

  /** Without guardrails-redis: a clear startup failure instead of silently per-process limits. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingClass("dev.guardrails4j.redis.RedisLimiter")
  static class MissingModuleConfiguration {

    @Bean
    GuardrailsBuilderCustomizer guardrailsRedisLimitsMissing(@Value("${guardrails.limits.store}") String store) {
      throw new IllegalStateException("guardrails.limits.store=" + store + " needs dev.guardrails4j:guardrails-redis"
          + " on the class path; add the dependency, or remove the property to count limits in this process");
    }
  }
}
