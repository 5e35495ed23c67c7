package dev.guardrails4j.redis;

import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.core.limit.LimitKeys;
import dev.guardrails4j.core.limit.LimitRule;
import dev.guardrails4j.core.limit.LimitStoreException;
import dev.guardrails4j.core.limit.Limiter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Limiter} whose counters live in Redis, so that every replica of a service shares each
 * user's request rate, token budget and concurrency slots. One Lua script per call checks and
 * takes every rule of the call atomically, in one round trip; the call's end (settling token
 * budgets, releasing leases) is sent without waiting for the answer.
 *
 * <h2>How each kind is kept</h2>
 *
 * <ul>
 *   <li><b>Requests</b> ({@code 60/1m}): a counter that starts a fixed cycle of one period when
 *       the key is first counted (the key expires with the cycle), as the in-memory limiter does.
 *       A refused call reports the cycle's remaining time as its retry-after.
 *   <li><b>Tokens</b> ({@code 200000/1d}): a token bucket (a hash of balance and last update)
 *       refilled continuously at {@code amount} per period. The estimate is reserved before the
 *       call; {@link Reservation#settle settle} charges the reported usage above it, or gives back
 *       what was not used, or everything when the call failed. The balance stays between zero and
 *       the amount; the script runs atomically, so racing replicas never reserve more than it.
 *   <li><b>Concurrent calls</b> ({@code 5 per user}): a sorted set of leases scored by expiry.
 *       A lease ends when the call is settled, or by itself after {@link
 *       Builder#leaseTimeToLive} (default 10 minutes), so a replica that crashed mid-call
 *       cannot hold slots forever. Keep the lease time above your longest model call.
 * </ul>
 *
 * <p>All rules of a call are checked before anything is taken: when an enforced rule refuses,
 * nothing is taken (not even by the call's monitored rules), and every exceeded rule is reported.
 * Rules in monitor mode count and report but never refuse. Time comes from the Redis server's
 * clock ({@code TIME}), one clock for all replicas, so retry-after is the same whichever replica
 * answers.
 *
 * <h2>Keys</h2>
 *
 * <p>{@code {guardrails}:limit:<kind>:<policy>:<amount>/<period ms>:<key>}, where {@code <key>} is
 * the {@link LimitKeys} key ({@code user=} and a salted fingerprint, never the user id). The hash
 * tag {@code {guardrails}} puts every limit key, and so all of one call's keys, in one Redis
 * Cluster slot, which lets one script touch them; a fleet that needs limits spread over shards
 * gives each workload its own prefix ({@link Builder#keyPrefix}). Every key expires: a request
 * counter with its cycle, a budget one period after its last use (it is full again by then), a
 * lease set after the lease time. Values are counts, balances, times and random lease ids.
 *
 * <h2>Faults</h2>
 *
 * <p>Each script has a time limit ({@link Builder#commandTimeout}, default 50 ms) and runs behind a
 * Resilience4j circuit breaker: after repeated failures the breaker opens and a call fails in
 * microseconds instead of waiting for a timeout, until a trial call succeeds again. A failure is
 * thrown as a {@link LimitStoreException} naming the store; the engine then applies the policy
 * set's {@code on-error}: {@code block} (the default) refuses the call, {@code allow} counts it in
 * the process instead and says so in the decision. Lettuce reconnects by itself; commands are
 * refused while disconnected rather than queued, so a call that failed is never counted later.
 *
 * <p>Replicas must fingerprint users with the same salt, or each would count a user under a
 * different key: {@link Builder#build} refuses to build without {@link Builder#userKeySalt}.
 *
 * <p>Thread-safe. Close it to close a Redis client it created.
 */
public final class RedisLimiter implements Limiter, AutoCloseable {

  /** The default key prefix, with the hash tag that keeps all limit keys in one cluster slot. */
  public static final String DEFAULT_KEY_PREFIX = "{guardrails}:limit";

  /** The default time limit of one script. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(50);

  /** The default time after which a concurrency lease ends by itself. */
  public static final Duration DEFAULT_LEASE_TIME_TO_LIVE = Duration.ofMinutes(10);

  private static final Logger log = LoggerFactory.getLogger(RedisLimiter.class);
  private static final String ACQUIRE = script("acquire.lua");
  private static final String SETTLE = script("settle.lua");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final @Nullable RedisClient ownedClient;
  private final StatefulRedisConnection<String, String> connection;
  private final String store;
  private final LimitKeys keys;
  private final String prefix;
  private final long timeoutNanos;
  private final long leaseMillis;
  private final @Nullable Clock clock;
  private final CircuitBreaker breaker;
  private final String acquireSha;
  private final String settleSha;

  private RedisLimiter(Builder b, @Nullable RedisClient ownedClient,
      StatefulRedisConnection<String, String> connection, byte[] salt) {
    this.ownedClient = ownedClient;
    this.connection = connection;
    this.store = b.store;
    this.keys = new LimitKeys(salt);
    this.prefix = b.keyPrefix;
    this.timeoutNanos = b.commandTimeout.toNanos();
    this.leaseMillis = b.leaseTimeToLive.toMillis();
    this.clock = b.clock;
    this.breaker = CircuitBreaker.of("guardrails-redis-limits", b.circuitBreaker);
    this.acquireSha = sha1(ACQUIRE);
    this.settleSha = sha1(SETTLE);
  }

  /**
   * Starts a builder for a Redis server the limiter connects to itself (and closes on {@link
   * #close}).
   *
   * @param redisUri for example {@code redis://redis.support:6379} or
   *     {@code rediss://:password@host:6380/0}
   * @return a builder
   */
  public static Builder builder(String redisUri) {
    Objects.requireNonNull(redisUri, "redisUri");
    return builder(RedisURI.create(redisUri));
  }

  /**
   * Starts a builder for a Redis server the limiter connects to itself (and closes on {@link
   * #close}).
   *
   * @param redisUri the server
   * @return a builder
   */
  public static Builder builder(RedisURI redisUri) {
    Objects.requireNonNull(redisUri, "redisUri");
    return new Builder(redisUri, null, describe(redisUri));
  }

  /**
   * Starts a builder on a connection the application owns (it stays open on {@link #close}). Its
   * client should refuse commands while disconnected ({@code
   * ClientOptions.DisconnectedBehavior.REJECT_COMMANDS}); with Lettuce's default they are queued
   * and run after a reconnect, when the call they were for has long failed.
   *
   * @param connection a connection with a {@code String} codec
   * @param store how messages name the store, for example {@code redis://redis.support:6379},
   *     without credentials
   * @return a builder
   */
  public static Builder builder(StatefulRedisConnection<String, String> connection, String store) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(store, "store");
    return new Builder(null, connection, store);
  }

  private static String describe(RedisURI uri) {
    if (uri.getSocket() != null) {
      return "redis-socket://" + uri.getSocket();
    }
    return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort()
        + (uri.getDatabase() != 0 ? "/" + uri.getDatabase() : "");
  }

  @Override
  public Outcome acquire(Invocation invocation, List<LimitRule> rules, long estimatedTokens) {
    Objects.requireNonNull(invocation, "invocation");
    Objects.requireNonNull(rules, "rules");
    int n = rules.size();
    if (n == 0) {
      return new Outcome(List.of(), Reservation.NONE);
    }
    List<String> limitKeys = keys.keys(rules, invocation);
    String[] redisKeys = new String[n];
    String[] args = new String[4 + 4 * n];
    args[0] = now();
    args[1] = Long.toString(Math.max(1, estimatedTokens));
    String lease = "";
    for (int i = 0; i < n; i++) {
      LimitRule r = rules.get(i);
      redisKeys[i] = redisKey(r, limitKeys.get(i));
      if (r.kind() == LimitRule.Kind.CONCURRENT && lease.isEmpty()) {
        lease = leaseId();
      }
      int a = 4 + 4 * i;
      args[a] = kind(r);
      args[a + 1] = Long.toString(r.amount());
      args[a + 2] = r.period() == null ? "0" : Long.toString(Math.max(1, r.period().toMillis()));
      args[a + 3] = r.mode() == Mode.MONITOR ? "1" : "0";
    }
    args[2] = lease;
    args[3] = Long.toString(leaseMillis);
    List<Object> result = run(ACQUIRE, acquireSha, redisKeys, args, true);
    boolean blocked = number(result, 1) == 1;
    List<Violation> violations = new ArrayList<>(0);
    List<Integer> heldRules = new ArrayList<>(0);
    long[] reserved = new long[n];
    for (int i = 0; i < n; i++) {
      int at = 2 + 3 * i;
      if (number(result, at) == 1) {
        long retry = number(result, at + 1);
        violations.add(new Violation(rules.get(i), limitKeys.get(i), retry >= 0 ? Duration.ofMillis(retry) : null));
      }
      reserved[i] = number(result, at + 2);
      if (reserved[i] > 0 && rules.get(i).kind() != LimitRule.Kind.REQUESTS) {
        heldRules.add(i);
      }
    }
    if (blocked || heldRules.isEmpty()) {
      return new Outcome(violations, Reservation.NONE);
    }
    return new Outcome(violations, new Held(rules, redisKeys, reserved, heldRules, lease));
  }

  /**
   * Whether the store answers now (a {@code PING} within the command timeout), for health checks.
   *
   * @return true when Redis answered
   */
  public boolean ping() {
    try {
      return "PONG".equals(connection.async().ping().get(timeoutNanos, TimeUnit.NANOSECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public Status status() {
    CircuitBreaker.State state = breaker.getState();
    return new Status(store, ping(), "circuit breaker " + state.name().toLowerCase(java.util.Locale.ROOT)
        + ", key prefix " + prefix);
  }

  /**
   * The store as messages name it, without credentials.
   *
   * @return for example {@code redis://redis.support:6379}
   */
  public String store() {
    return store;
  }

  /**
   * The circuit breaker around the store, for metrics (Resilience4j's Micrometer binder) and
   * health.
   *
   * @return the breaker
   */
  public CircuitBreaker circuitBreaker() {
    return breaker;
  }

  /**
   * The Redis key of one rule's counter for one {@link LimitKeys} key.
   *
   * @param rule the rule
   * @param limitKey its key for a call
   * @return the Redis key
   */
  String redisKey(LimitRule rule, String limitKey) {
    long period = rule.period() == null ? 0 : rule.period().toMillis();
    return prefix + ':' + kind(rule) + ':' + rule.policyId() + ':' + rule.amount() + '/' + period + ':' + limitKey;
  }

  private static String kind(LimitRule r) {
    return switch (r.kind()) {
      case REQUESTS -> "r";
      case TOKENS -> "t";
      case CONCURRENT -> "c";
    };
  }

  private String now() {
    return clock == null ? "" : Long.toString(clock.millis());
  }

  private static String leaseId() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static long number(List<Object> result, int index) {
    Object o = result.get(index);
    if (o instanceof Long l) {
      return l;
    }
    throw new IllegalStateException("unexpected script result " + o);
  }

  /** Runs a script through the circuit breaker, within the command timeout. */
  private List<Object> run(String script, String sha, String[] redisKeys, String[] args, boolean acquiring) {
    if (!breaker.tryAcquirePermission()) {
      throw new LimitStoreException(store, "circuit breaker open after repeated failures; trying again in the background", null);
    }
    long start = System.nanoTime();
    try {
      List<Object> result = eval(script, sha, redisKeys, args);
      breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      breaker.releasePermission();
      throw new LimitStoreException(store, "interrupted", e);
    } catch (TimeoutException e) {
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      throw new LimitStoreException(store, (acquiring ? "limit check" : "settle") + " timed out after "
          + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, cause);
      throw new LimitStoreException(store, cause.getClass().getSimpleName(), cause);
    } catch (RuntimeException e) {
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      throw new LimitStoreException(store, e.getClass().getSimpleName(), e);
    }
  }

  private List<Object> eval(String script, String sha, String[] redisKeys, String[] args)
      throws InterruptedException, ExecutionException, TimeoutException {
    RedisAsyncCommands<String, String> redis = connection.async();
    long deadline = System.nanoTime() + timeoutNanos;
    try {
      return redis.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, redisKeys, args)
          .get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof RedisNoScriptException)) {
        throw e;
      }
      // First use on this server (or after a restart): EVAL runs the script and caches it.
      long left = Math.max(1, deadline - System.nanoTime());
      return redis.<List<Object>>eval(script, ScriptOutputType.MULTI, redisKeys, args)
          .get(left, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void close() {
    if (ownedClient != null) {
      connection.close();
      ownedClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  @Override
  public String toString() {
    return "RedisLimiter[" + store + ", prefix " + prefix + "]";
  }

  private static String script(String name) {
    try (InputStream in = RedisLimiter.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/guardrails4j/redis/" + name + " in guardrails-redis");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String script) {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
          .digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What one admitted call holds: token reservations and concurrency leases. */
  private final class Held implements Reservation {
    private final List<LimitRule> rules;
    private final String[] redisKeys;
    private final long[] reserved;
    private final List<Integer> held;
    private final String lease;
    private final AtomicBoolean settled = new AtomicBoolean();

    Held(List<LimitRule> rules, String[] redisKeys, long[] reserved, List<Integer> held, String lease) {
      this.rules = rules;
      this.redisKeys = redisKeys;
      this.reserved = reserved;
      this.held = held;
      this.lease = lease;
    }

    @Override
    public void settle(long actualTokens, boolean failed) {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      String[] k = new String[held.size()];
      String[] args = new String[2 + 4 * held.size()];
      args[0] = now();
      args[1] = lease;
      for (int j = 0; j < held.size(); j++) {
        int i = held.get(j);
        LimitRule r = rules.get(i);
        k[j] = redisKeys[i];
        int a = 2 + 4 * j;
        args[a] = kind(r);
        args[a + 1] = Long.toString(r.amount());
        args[a + 2] = r.period() == null ? "0" : Long.toString(Math.max(1, r.period().toMillis()));
        long delta = 0;
        if (r.kind() == LimitRule.Kind.TOKENS) {
          delta = failed ? -reserved[i] : actualTokens < 0 ? 0 : actualTokens - reserved[i];
        }
        args[a + 3] = Long.toString(delta);
      }
      settleAsync(k, args);
    }
  }

  /**
   * Sends the settle script without waiting for its answer: the caller's call has ended, and
   * nothing it does depends on the answer, so a guarded call costs one round trip, not two.
   * Lettuce keeps the order of commands on a connection, so this process's next check sees the
   * settled counters. A failure is recorded by the circuit breaker and logged (no content); the
   * call's leases then end with their time to live and its tokens stay charged as estimated.
   */
  private void settleAsync(String[] redisKeys, String[] args) {
    if (!breaker.tryAcquirePermission()) {
      return; // the outage is already reported by every refused check
    }
    long start = System.nanoTime();
    try {
      RedisAsyncCommands<String, String> redis = connection.async();
      redis.<Long>evalsha(settleSha, ScriptOutputType.INTEGER, redisKeys, args).toCompletableFuture()
          .handle((ok, error) -> {
            Throwable cause = unwrap(error);
            if (cause instanceof RedisNoScriptException) {
              return redis.<Long>eval(SETTLE, ScriptOutputType.INTEGER, redisKeys, args).toCompletableFuture();
            }
            return cause == null ? java.util.concurrent.CompletableFuture.completedFuture(ok)
                : java.util.concurrent.CompletableFuture.<Long>failedFuture(cause);
          })
          .thenCompose(f -> f)
          .orTimeout(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) * 4), TimeUnit.MILLISECONDS)
          .whenComplete((ok, error) -> {
            Throwable cause = unwrap(error);
            if (cause == null) {
              breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            } else {
              breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, cause);
              log.warn("Guardrails could not settle a call's limits in {} ({}); its concurrency slots end"
                  + " with their lease time, its token reservation stays as estimated", store,
                  cause.getClass().getSimpleName());
            }
          });
    } catch (RuntimeException e) {
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      log.warn("Guardrails could not settle a call's limits in {} ({})", store, e.getClass().getSimpleName());
    }
  }

  private static @Nullable Throwable unwrap(@Nullable Throwable t) {
    while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Builds a {@link RedisLimiter}; every option can be set once. */
  public static final class Builder {
    private final @Nullable RedisURI uri;
    private final @Nullable StatefulRedisConnection<String, String> connection;
    private final String store;
    private byte @Nullable [] salt;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private boolean keyPrefixSet;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private boolean commandTimeoutSet;
    private Duration leaseTimeToLive = DEFAULT_LEASE_TIME_TO_LIVE;
    private boolean leaseSet;
    private CircuitBreakerConfig circuitBreaker = CircuitBreakerConfig.custom()
        .slidingWindowSize(20).minimumNumberOfCalls(5).failureRateThreshold(50)
        .waitDurationInOpenState(Duration.ofSeconds(2)).permittedNumberOfCallsInHalfOpenState(2)
        .build();
    private boolean breakerSet;
    private @Nullable Clock clock;

    private Builder(@Nullable RedisURI uri, @Nullable StatefulRedisConnection<String, String> connection,
        String store) {
      this.uri = uri;
      this.connection = connection;
      this.store = store;
    }

    /**
     * The salt of the user fingerprints in keys: the same on every replica, and the same as the
     * engine's {@code fingerprintSalt} so that limit keys match audit events. Required: replicas
     * with different salts would count each user separately.
     *
     * @param secret at least 16 characters
     * @return this
     */
    public Builder userKeySalt(String secret) {
      Objects.requireNonNull(secret, "secret");
      if (salt != null) {
        throw new IllegalStateException("userKeySalt is already set");
      }
      if (secret.length() < 16) {
        throw new IllegalArgumentException("userKeySalt must have at least 16 characters, got " + secret.length());
      }
      this.salt = secret.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /**
     * The prefix of every key (default {@value #DEFAULT_KEY_PREFIX}). It must hold a Redis Cluster
     * hash tag ({@code {...}}), so that one call's keys share a slot.
     *
     * @param prefix for example {@code {guardrails:support-desk}:limit}
     * @return this
     */
    public Builder keyPrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      once(keyPrefixSet, "keyPrefix");
      int open = prefix.indexOf('{');
      int close = open < 0 ? -1 : prefix.indexOf('}', open + 1);
      if (open < 0 || close <= open + 1) {
        throw new IllegalArgumentException("keyPrefix must contain a non-empty hash tag such as"
            + " {guardrails}, so that one call's keys share a Redis Cluster slot; got '" + prefix + "'");
      }
      this.keyPrefix = prefix;
      keyPrefixSet = true;
      return this;
    }

    /**
     * The time limit of one script (default 50 ms); past it the call fails with a {@link
     * LimitStoreException} and {@code on-error} decides.
     *
     * @param timeout between 1 ms and 10 s
     * @return this
     */
    public Builder commandTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      once(commandTimeoutSet, "commandTimeout");
      if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofSeconds(10)) > 0) {
        throw new IllegalArgumentException("commandTimeout must be between 1 ms and 10 s, got " + timeout);
      }
      this.commandTimeout = timeout;
      commandTimeoutSet = true;
      return this;
    }

    /**
     * How long a concurrency slot is held at most when its call is never settled (a crashed
     * replica), default 10 minutes. Keep it above the longest model call.
     *
     * @param ttl at least one second
     * @return this
     */
    public Builder leaseTimeToLive(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      once(leaseSet, "leaseTimeToLive");
      if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("leaseTimeToLive must be at least 1 s, got " + ttl);
      }
      this.leaseTimeToLive = ttl;
      leaseSet = true;
      return this;
    }

    /**
     * The circuit breaker around the store (default: opens when half of at least 5 of the last 20
     * scripts failed, tries again after 2 s with 2 trial calls).
     *
     * @param config the breaker's configuration
     * @return this
     */
    public Builder circuitBreaker(CircuitBreakerConfig config) {
      Objects.requireNonNull(config, "config");
      once(breakerSet, "circuitBreaker");
      this.circuitBreaker = config;
      breakerSet = true;
      return this;
    }

    /**
     * Takes time from this clock instead of the Redis server's {@code TIME}: for tests that move
     * time instead of sleeping. In production, leave it unset: the server's clock is the one
     * clock all replicas agree on.
     *
     * @param clock the clock
     * @return this
     */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      once(this.clock != null, "clock");
      this.clock = clock;
      return this;
    }

    /**
     * Connects (when the builder was given a URI) and builds the limiter.
     *
     * @return the limiter
     * @throws IllegalStateException without {@link #userKeySalt}
     * @throws io.lettuce.core.RedisConnectionException when the server cannot be reached (the
   *     limiter loads its scripts when it is built)
     */
    public RedisLimiter build() {
      if (salt == null) {
        throw new IllegalStateException("RedisLimiter needs userKeySalt(...): replicas that share"
            + " limits must fingerprint users with one salt (Spring Boot: guardrails.audit.fingerprint-salt)");
      }
      if (connection != null) {
        return loaded(new RedisLimiter(this, null, connection, salt));
      }
      RedisClient client = RedisClient.create(Objects.requireNonNull(uri));
      client.setOptions(ClientOptions.builder().autoReconnect(true)
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
      try {
        return loaded(new RedisLimiter(this, client, client.connect(), salt));
      } catch (RuntimeException e) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        throw e;
      }
    }

    /**
     * Loads both scripts once, so that a settle sent without waiting never meets NOSCRIPT and
     * is never overtaken by the next check (after a Redis restart the scripts are loaded again by
     * the first check; a settle sent in between may then land after that check).
     */
    private static RedisLimiter loaded(RedisLimiter limiter) {
      limiter.connection.sync().scriptLoad(ACQUIRE);
      limiter.connection.sync().scriptLoad(SETTLE);
      return limiter;
    }

    private static void once(boolean set, String option) {
      if (set) {
        throw new IllegalStateException(option + " is already set");
      }
    }
  }
}
