package dev.guardrails4j.spring;

import dev.guardrails4j.api.Mode;
import dev.guardrails4j.core.identity.WorkloadIdentities;
import dev.guardrails4j.core.policy.Access;
import dev.guardrails4j.core.policy.OnError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.io.Resource;

/**
 * The {@code guardrails.*} configuration properties. Every property is optional: with none set the
 * engine runs a built-in policy set in monitor mode.
 */
@ConfigurationProperties("guardrails")
public class GuardrailsProperties {

  /** Whether to auto-configure Guardrails4j at all. */
  private boolean enabled = true;

  /**
   * Where the policy file is, as a Spring resource location, for example
   * "classpath:guardrails.yaml" or "file:/etc/guardrails/" (a directory: every .yaml, .yml and
   * .json file in it). Unset: a built-in policy set in monitor mode audits what would be blocked
   * and blocks nothing.
   */
  private @Nullable Resource policyLocation;

  /**
   * How often the policy location is read again; a valid change is swapped in atomically, an
   * invalid one is logged with its position and the last good set stays active. Zero disables
   * reloading.
   */
  private Duration reloadInterval = Duration.ofSeconds(10);

  /**
   * How long a changed policy location must stay unchanged before it is applied, so that a file
   * caught while it is still being written is never applied (it is, whole, one poll later).
   */
  private Duration reloadSettle = Duration.ofSeconds(1);

  /**
   * Overrides the mode of every policy: "monitor" records what would have happened and enforces
   * nothing. "enforce" leaves each policy's own mode; without a policy location it enforces the
   * built-in policy set.
   */
  private @Nullable Mode mode;

  /**
   * Access when no policy decides, for the built-in policy set only (default allow). With a policy
   * location, declare "defaults: { access: ... }" in the policy file instead.
   */
  private @Nullable Access defaultAccess;

  /**
   * What a failing detector does, for the built-in policy set only (default block: fail closed).
   * With a policy location, declare "defaults: { on-error: ... }" in the policy file instead.
   */
  private @Nullable OnError onError;

  /**
   * What a failing decision listener (metrics, audit sink) does: "block" withholds the call's
   * result so that no audit event is lost, "allow" lets the call through (fail open).
   */
  private OnError listenerFailure = OnError.BLOCK;

  /**
   * How many characters a streamed answer holds back so that a value split across chunks is found
   * before any of it is released (16 to 65536).
   */
  private int streamWindow = 256;

  /** Audit events. */
  private final Audit audit = new Audit();

  /** How long one content check may run before it counts as a detector failure. */
  private final CheckBudget checkBudget = new CheckBudget();

  /** The identity of this service. */
  private final Workload workload = new Workload();

  /** How users are read from Spring Security. */
  private final Identity identity = new Identity();

  /** Which LangChain4j model beans are guarded. */
  private final Models models = new Models();

  /** The {@code @GuardedModelCall} aspect. */
  private final Aspect aspect = new Aspect();

  /** Spring AI: the advisor on every {@code ChatClient}, guarded {@code ChatModel} beans. */
  private final SpringAi springAi = new SpringAi();

  /** Web error responses. */
  private final Web web = new Web();

  /** Where limit counters live. */
  private final Limits limits = new Limits();

  /** Inventory events. */
  private final Inventory inventory = new Inventory();

  /**
   * Whether to auto-configure Guardrails4j.
   *
   * @return true by default
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Sets whether to auto-configure Guardrails4j.
   *
   * @param enabled the flag
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * The policy location.
   *
   * @return the resource, or null for the built-in policy set
   */
  public @Nullable Resource getPolicyLocation() {
    return policyLocation;
  }

  /**
   * Sets the policy location.
   *
   * @param policyLocation the resource
   */
  public void setPolicyLocation(@Nullable Resource policyLocation) {
    this.policyLocation = policyLocation;
  }

  /**
   * The reload interval.
   *
   * @return the interval; zero means no reloading
   */
  public Duration getReloadInterval() {
    return reloadInterval;
  }

  /**
   * Sets the reload interval.
   *
   * @param reloadInterval zero, or at least 100 ms
   */
  public void setReloadInterval(Duration reloadInterval) {
    this.reloadInterval = reloadInterval;
  }

  /**
   * How long a change must stay unchanged before it is applied.
   *
   * @return the settle time
   */
  public Duration getReloadSettle() {
    return reloadSettle;
  }

  /**
   * Sets how long a change must stay unchanged before it is applied.
   *
   * @param reloadSettle between zero and one hour
   */
  public void setReloadSettle(Duration reloadSettle) {
    this.reloadSettle = reloadSettle;
  }

  /**
   * The mode override.
   *
   * @return the mode, or null
   */
  public @Nullable Mode getMode() {
    return mode;
  }

  /**
   * Sets the mode override.
   *
   * @param mode the mode
   */
  public void setMode(@Nullable Mode mode) {
    this.mode = mode;
  }

  /**
   * The default access of the built-in policy set.
   *
   * @return the access, or null for allow
   */
  public @Nullable Access getDefaultAccess() {
    return defaultAccess;
  }

  /**
   * Sets the default access of the built-in policy set.
   *
   * @param defaultAccess the access
   */
  public void setDefaultAccess(@Nullable Access defaultAccess) {
    this.defaultAccess = defaultAccess;
  }

  /**
   * The failure handling of the built-in policy set.
   *
   * @return the handling, or null for block
   */
  public @Nullable OnError getOnError() {
    return onError;
  }

  /**
   * Sets the failure handling of the built-in policy set.
   *
   * @param onError the handling
   */
  public void setOnError(@Nullable OnError onError) {
    this.onError = onError;
  }

  /**
   * What a failing listener does.
   *
   * @return the handling
   */
  public OnError getListenerFailure() {
    return listenerFailure;
  }

  /**
   * Sets what a failing listener does.
   *
   * @param listenerFailure the handling
   */
  public void setListenerFailure(OnError listenerFailure) {
    this.listenerFailure = listenerFailure;
  }

  /**
   * The stream window.
   *
   * @return characters
   */
  public int getStreamWindow() {
    return streamWindow;
  }

  /**
   * Sets the stream window.
   *
   * @param streamWindow characters
   */
  public void setStreamWindow(int streamWindow) {
    this.streamWindow = streamWindow;
  }

  /**
   * The time budget of one content check.
   *
   * @return the settings
   */
  public CheckBudget getCheckBudget() {
    return checkBudget;
  }

  /**
   * Audit settings.
   *
   * @return the settings
   */
  public Audit getAudit() {
    return audit;
  }

  /**
   * Workload settings.
   *
   * @return the settings
   */
  public Workload getWorkload() {
    return workload;
  }

  /**
   * Identity settings.
   *
   * @return the settings
   */
  public Identity getIdentity() {
    return identity;
  }

  /**
   * Model settings.
   *
   * @return the settings
   */
  public Models getModels() {
    return models;
  }

  /**
   * Spring AI settings.
   *
   * @return the settings
   */
  public SpringAi getSpringAi() {
    return springAi;
  }

  /**
   * Aspect settings.
   *
   * @return the settings
   */
  public Aspect getAspect() {
    return aspect;
  }

  /**
   * Web settings.
   *
   * @return the settings
   */
  public Web getWeb() {
    return web;
  }

  /**
   * Limit settings.
   *
   * @return the settings
   */
  public Limits getLimits() {
    return limits;
  }

  /**
   * Inventory event settings.
   *
   * @return the settings
   */
  public Inventory getInventory() {
    return inventory;
  }

  /** Inventory events: where AI runs in this application, for the fleet map. */
  public static class Inventory {

    /**
     * Whether to write inventory events (one JSON line on the SLF4J logger
     * dev.guardrails4j.inventory at startup, after every policy change and every interval).
     */
    private boolean enabled = true;

    /** How often to write a heartbeat inventory event with the usage since the previous one; at least 1s. */
    private Duration interval = Duration.ofMinutes(10);

    /** Creates the defaults. */
    public Inventory() {}

    /**
     * Whether inventory events are written.
     *
     * @return true by default
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether inventory events are written.
     *
     * @param enabled whether to
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The heartbeat interval.
     *
     * @return 10 minutes by default
     */
    public Duration getInterval() {
      return interval;
    }

    /**
     * Sets the heartbeat interval.
     *
     * @param interval at least one second
     */
    public void setInterval(Duration interval) {
      this.interval = interval;
    }
  }

  /**
   * How long one content check (one detector over one text) may run: {@code per-kib} for each KiB,
   * at least {@code minimum}, at most {@code ceiling}. A check that runs out counts as a detector
   * failure: the policy's {@code on-error} applies and the decision names the detector.
   */
  public static class CheckBudget {

    /** Time per KiB of text. */
    private Duration perKib = Duration.ofMillis(2);

    /** The least time any check gets. */
    private Duration minimum = Duration.ofMillis(100);

    /** The most time any check gets (at most 1 h). */
    private Duration ceiling = Duration.ofSeconds(2);

    /**
     * Time per KiB.
     *
     * @return the duration
     */
    public Duration getPerKib() {
      return perKib;
    }

    /**
     * Sets the time per KiB.
     *
     * @param perKib positive
     */
    public void setPerKib(Duration perKib) {
      this.perKib = perKib;
    }

    /**
     * The least time a check gets.
     *
     * @return the duration
     */
    public Duration getMinimum() {
      return minimum;
    }

    /**
     * Sets the least time a check gets.
     *
     * @param minimum positive
     */
    public void setMinimum(Duration minimum) {
      this.minimum = minimum;
    }

    /**
     * The most time a check gets.
     *
     * @return the duration
     */
    public Duration getCeiling() {
      return ceiling;
    }

    /**
     * Sets the most time a check gets.
     *
     * @param ceiling at least the minimum, at most 1 h
     */
    public void setCeiling(Duration ceiling) {
      this.ceiling = ceiling;
    }
  }

  /** Audit events. */
  public static class Audit {

    /**
     * Whether to write one JSON audit event per guarded call to the SLF4J logger
     * "dev.guardrails4j.audit".
     */
    private boolean enabled = true;

    /**
     * Whether audit events carry the raw prompt and answer. Switch it on only where the audit store
     * may hold personal data and secrets.
     */
    private boolean rawContent;

    /**
     * The salt of user and content fingerprints in audit events (at least 16 characters). Use the
     * same secret on every replica to correlate events; unset: random per process.
     */
    private @Nullable String fingerprintSalt;

    /**
     * Whether audit logging is on.
     *
     * @return the flag
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether audit logging is on.
     *
     * @param enabled the flag
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * Whether raw content is audited.
     *
     * @return the flag
     */
    public boolean isRawContent() {
      return rawContent;
    }

    /**
     * Sets whether raw content is audited.
     *
     * @param rawContent the flag
     */
    public void setRawContent(boolean rawContent) {
      this.rawContent = rawContent;
    }

    /**
     * The fingerprint salt.
     *
     * @return the salt, or null
     */
    public @Nullable String getFingerprintSalt() {
      return fingerprintSalt;
    }

    /**
     * Sets the fingerprint salt.
     *
     * @param fingerprintSalt the salt
     */
    public void setFingerprintSalt(@Nullable String fingerprintSalt) {
      this.fingerprintSalt = fingerprintSalt;
    }
  }

  /**
   * The identity of this service. The first that applies wins: {@code id}, the SPIFFE_ID
   * environment variable, the X.509 SVID file, the Kubernetes token file,
   * {@code spring.application.name}, then "unknown".
   */
  public static class Workload {

    /** The workload identity, for example "spiffe://example.org/ns/support/sa/api". */
    private @Nullable String id;

    /** SPIFFE identity sources. */
    private final Spiffe spiffe = new Spiffe();

    /**
     * The Kubernetes service account token file, read when it exists (the workload becomes
     * "system:serviceaccount:NAMESPACE:NAME"). Set it empty to ignore the token.
     */
    private @Nullable Path kubernetesTokenPath = WorkloadIdentities.KUBERNETES_TOKEN_PATH;

    /**
     * The configured id.
     *
     * @return the id, or null
     */
    public @Nullable String getId() {
      return id;
    }

    /**
     * Sets the id.
     *
     * @param id the id
     */
    public void setId(@Nullable String id) {
      this.id = id;
    }

    /**
     * SPIFFE settings.
     *
     * @return the settings
     */
    public Spiffe getSpiffe() {
      return spiffe;
    }

    /**
     * The token file.
     *
     * @return the path, or null
     */
    public @Nullable Path getKubernetesTokenPath() {
      return kubernetesTokenPath;
    }

    /**
     * Sets the token file.
     *
     * @param kubernetesTokenPath the path
     */
    public void setKubernetesTokenPath(@Nullable Path kubernetesTokenPath) {
      this.kubernetesTokenPath = kubernetesTokenPath;
    }
  }

  /** SPIFFE identity sources. */
  public static class Spiffe {

    /** Whether to read the workload from the SPIFFE_ID environment variable. */
    private boolean enabled = true;

    /**
     * An X.509 SVID certificate file (PEM); its spiffe:// URI SAN becomes the workload. Failing to
     * read a configured file stops the application.
     */
    private @Nullable Path svidPath;

    /**
     * Whether SPIFFE_ID is read.
     *
     * @return the flag
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether SPIFFE_ID is read.
     *
     * @param enabled the flag
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The SVID file.
     *
     * @return the path, or null
     */
    public @Nullable Path getSvidPath() {
      return svidPath;
    }

    /**
     * Sets the SVID file.
     *
     * @param svidPath the path
     */
    public void setSvidPath(@Nullable Path svidPath) {
      this.svidPath = svidPath;
    }
  }

  /** How the user is read from Spring Security's Authentication. */
  public static class Identity {

    /**
     * A token claim (JWT or OIDC) holding more roles, for example "roles" or
     * "realm_access.roles" (dots walk into nested claims). Authorities are always roles, without
     * their "ROLE_" prefix.
     */
    private @Nullable String rolesClaim;

    /** A token claim holding the tenant, for example "tid" or "org_id". */
    private @Nullable String tenantClaim;

    /** A token claim holding the user's groups, for example "groups". */
    private @Nullable String groupsClaim;

    /**
     * The roles claim.
     *
     * @return the claim, or null
     */
    public @Nullable String getRolesClaim() {
      return rolesClaim;
    }

    /**
     * Sets the roles claim.
     *
     * @param rolesClaim the claim
     */
    public void setRolesClaim(@Nullable String rolesClaim) {
      this.rolesClaim = rolesClaim;
    }

    /**
     * The tenant claim.
     *
     * @return the claim, or null
     */
    public @Nullable String getTenantClaim() {
      return tenantClaim;
    }

    /**
     * Sets the tenant claim.
     *
     * @param tenantClaim the claim
     */
    public void setTenantClaim(@Nullable String tenantClaim) {
      this.tenantClaim = tenantClaim;
    }

    /**
     * The groups claim.
     *
     * @return the claim, or null
     */
    public @Nullable String getGroupsClaim() {
      return groupsClaim;
    }

    /**
     * Sets the groups claim.
     *
     * @param groupsClaim the claim
     */
    public void setGroupsClaim(@Nullable String groupsClaim) {
      this.groupsClaim = groupsClaim;
    }
  }

  /** Which LangChain4j ChatModel and StreamingChatModel beans are guarded. */
  public static class Models {

    /** Whether model beans are guarded in place. */
    private boolean enabled = true;

    /**
     * Names of model beans to leave unguarded. They are listed as unguarded in the inventory and
     * warned about at startup.
     */
    private Set<String> exclude = new LinkedHashSet<>();

    /**
     * Whether model beans are guarded.
     *
     * @return the flag
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether model beans are guarded.
     *
     * @param enabled the flag
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * Excluded bean names.
     *
     * @return the names
     */
    public Set<String> getExclude() {
      return exclude;
    }

    /**
     * Sets excluded bean names.
     *
     * @param exclude the names
     */
    public void setExclude(Set<String> exclude) {
      this.exclude = exclude;
    }
  }

  /** Spring AI: the advisor added to every {@code ChatClient.Builder}, guarded {@code ChatModel} beans. */
  public static class SpringAi {

    /**
     * Whether Spring AI is guarded when it is on the class path: the advisor on every ChatClient
     * and the ChatModel beans guarded in place.
     */
    private boolean enabled = true;

    /**
     * The advisor's order in each ChatClient's advisor chain. The default places it inside chat
     * memory, retrieval and tool-calling advisors, just before the model, so that it checks what
     * the model receives.
     */
    private int advisorOrder = org.springframework.core.Ordered.LOWEST_PRECEDENCE - 1000;

    /**
     * Whether Spring AI ChatModel beans are guarded in place, for calls made without a ChatClient.
     * Calls through a ChatClient that has the advisor are guarded once, by the advisor.
     */
    private boolean chatModels = true;

    /**
     * Whether Spring AI is guarded.
     *
     * @return the flag
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether Spring AI is guarded.
     *
     * @param enabled the flag
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The advisor's order.
     *
     * @return the order
     */
    public int getAdvisorOrder() {
      return advisorOrder;
    }

    /**
     * Sets the advisor's order.
     *
     * @param advisorOrder the order
     */
    public void setAdvisorOrder(int advisorOrder) {
      this.advisorOrder = advisorOrder;
    }

    /**
     * Whether ChatModel beans are guarded in place.
     *
     * @return the flag
     */
    public boolean isChatModels() {
      return chatModels;
    }

    /**
     * Sets whether ChatModel beans are guarded in place.
     *
     * @param chatModels the flag
     */
    public void setChatModels(boolean chatModels) {
      this.chatModels = chatModels;
    }
  }

  /** The {@code @GuardedModelCall} aspect. */
  public static class Aspect {

    /** Whether methods annotated with @GuardedModelCall are guarded. */
    private boolean enabled = true;

    /**
     * The aspect's order among other advice on the same method (lower runs first, outside). The
     * default puts it outside Resilience4j's aspects and transactions.
     */
    private int order = Ordered.LOWEST_PRECEDENCE - 10;

    /**
     * Whether an annotated method's own guarded call takes limits (request rates, token budgets,
     * concurrency). Off by default: the guarded model calls the method makes are counted, so that
     * one request is not counted twice. Switch it on for methods that call a model the starter
     * does not guard.
     */
    private boolean countLimits;

    /**
     * Whether the method's own call takes limits.
     *
     * @return the flag
     */
    public boolean isCountLimits() {
      return countLimits;
    }

    /**
     * Sets whether the method's own call takes limits.
     *
     * @param countLimits the flag
     */
    public void setCountLimits(boolean countLimits) {
      this.countLimits = countLimits;
    }

    /**
     * Whether the aspect is on.
     *
     * @return the flag
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the aspect is on.
     *
     * @param enabled the flag
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The order.
     *
     * @return the order
     */
    public int getOrder() {
      return order;
    }

    /**
     * Sets the order.
     *
     * @param order the order
     */
    public void setOrder(int order) {
      this.order = order;
    }
  }

  /** Web error responses. */
  public static class Web {

    /**
     * Whether a violation escaping a Spring MVC controller becomes an RFC 9457 problem detail (403,
     * or 429 with Retry-After for a limit).
     */
    private boolean problemDetails = true;

    /**
     * Whether violations become problem details.
     *
     * @return the flag
     */
    public boolean isProblemDetails() {
      return problemDetails;
    }

    /**
     * Sets whether violations become problem details.
     *
     * @param problemDetails the flag
     */
    public void setProblemDetails(boolean problemDetails) {
      this.problemDetails = problemDetails;
    }
  }

  /** Where limit counters live. */
  public static class Limits {

    /**
     * Where request rates, token budgets and concurrency slots are counted: {@code memory} (this
     * process, the default) or {@code redis} (shared by every replica; needs guardrails-redis on
     * the class path, the spring.data.redis.* connection properties and
     * guardrails.audit.fingerprint-salt).
     */
    private Store store = Store.MEMORY;

    /** The Redis store's settings. */
    private final Redis redis = new Redis();

    /**
     * The store.
     *
     * @return the store
     */
    public Store getStore() {
      return store;
    }

    /**
     * Sets the store.
     *
     * @param store the store
     */
    public void setStore(Store store) {
      this.store = store;
    }

    /**
     * The Redis store's settings.
     *
     * @return the settings
     */
    public Redis getRedis() {
      return redis;
    }

    /** Where limit counters live. */
    public enum Store {
      /** In this process. */
      MEMORY,
      /** In Redis, shared by every replica. */
      REDIS
    }

    /** The Redis store's settings; the connection comes from spring.data.redis.*. */
    public static class Redis {

      /** The time limit of one limit check; past it, on-error decides. */
      private Duration commandTimeout = Duration.ofMillis(50);

      /** How long a concurrency slot is held at most when its call never ends (a crashed replica). */
      private Duration leaseTimeToLive = Duration.ofMinutes(10);

      /** The prefix of every key; it must hold a Redis Cluster hash tag such as {guardrails}. */
      private String keyPrefix = "{guardrails}:limit";

      /**
       * The command timeout.
       *
       * @return the timeout
       */
      public Duration getCommandTimeout() {
        return commandTimeout;
      }

      /**
       * Sets the command timeout.
       *
       * @param commandTimeout the timeout
       */
      public void setCommandTimeout(Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
      }

      /**
       * The lease time to live.
       *
       * @return the time
       */
      public Duration getLeaseTimeToLive() {
        return leaseTimeToLive;
      }

      /**
       * Sets the lease time to live.
       *
       * @param leaseTimeToLive the time
       */
      public void setLeaseTimeToLive(Duration leaseTimeToLive) {
        this.leaseTimeToLive = leaseTimeToLive;
      }

      /**
       * The key prefix.
       *
       * @return the prefix
       */
      public String getKeyPrefix() {
        return keyPrefix;
      }

      /**
       * Sets the key prefix.
       *
       * @param keyPrefix the prefix
       */
      public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
      }
    }
  }
}
