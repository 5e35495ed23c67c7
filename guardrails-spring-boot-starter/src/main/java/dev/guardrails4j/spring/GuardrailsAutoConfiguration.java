package dev.guardrails4j.spring;

import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.api.spi.CallerResolver;
import dev.guardrails4j.api.spi.DecisionListener;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.core.CheckBudget;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.identity.WorkloadIdentities;
import dev.guardrails4j.core.policy.Access;
import dev.guardrails4j.core.policy.OnError;
import dev.guardrails4j.core.policy.PolicySet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;

/**
 * Auto-configures the {@link Guardrails} engine from {@link GuardrailsProperties}: policies from
 * {@code guardrails.policy-location} (or a built-in set in monitor mode), the workload identity, the
 * caller from Spring Security, every {@link DecisionListener} bean, and the
 * {@link GuardrailsInventory}. Every bean backs off when the application defines its own.
 */
@AutoConfiguration
@ConditionalOnClass(Guardrails.class)
@ConditionalOnBooleanProperty(name = "guardrails.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GuardrailsProperties.class)
public class GuardrailsAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger("dev.guardrails4j");

  /** Creates the configuration. */
  public GuardrailsAutoConfiguration() {}

  /**
   * The identity of this service: {@code guardrails.workload.id}, SPIFFE, Kubernetes,
   * {@code spring.application.name}, then "unknown".
   *
   * @param properties the properties
   * @param environment the environment (SPIFFE_ID is read from it)
   * @return the workload
   */
  @Bean
  @ConditionalOnMissingBean
  public Workload guardrailsWorkload(GuardrailsProperties properties, Environment environment) {
    return workload(properties.getWorkload(), environment);
  }

  /**
   * The inventory of where AI runs.
   *
   * @return the inventory
   */
  @Bean
  @ConditionalOnMissingBean
  public GuardrailsInventory guardrailsInventory() {
    return new GuardrailsInventory();
  }

  @Bean
  @ConditionalOnMissingBean
  GuardedCallSiteScanner guardrailsCallSiteScanner(ConfigurableListableBeanFactory beanFactory,
      GuardrailsInventory inventory, GuardrailsProperties properties) {
    return new GuardedCallSiteScanner(beanFactory, inventory, properties.getAspect().isEnabled());
  }

  /**
   * The engine.
   *
   * @param properties the properties
   * @param workload the workload
   * @param environment the environment
   * @param callerResolver the caller resolver, if any
   * @param listeners every decision listener bean, in order
   * @param detectorFactories every detector factory bean, added to the built-in and ServiceLoader
   *     detectors
   * @param customizers every customizer bean, in order
   * @param inventory the inventory, the source of the call sites in inventory events
   * @return the engine
   */
  @Bean
  @ConditionalOnMissingBean
  public Guardrails guardrails(GuardrailsProperties properties, Workload workload, Environment environment,
      ObjectProvider<CallerResolver> callerResolver, ObjectProvider<DecisionListener> listeners,
      ObjectProvider<DetectorFactory> detectorFactories, ObjectProvider<GuardrailsBuilderCustomizer> customizers,
      ObjectProvider<GuardrailsInventory> inventory) {
    Guardrails.Builder b = Guardrails.builder();
    // built-in and ServiceLoader detectors, plus every DetectorFactory bean (a bean replaces a
    // ServiceLoader factory of the same class; two classes claiming one name fail startup)
    DetectorCatalog catalog = DetectorCatalog.standard();
    List<DetectorFactory> beans = detectorFactories.orderedStream().toList();
    for (DetectorFactory f : beans) {
      catalog = catalog.with(f);
    }
    if (!beans.isEmpty()) {
      b.detectors(catalog);
    }
    Resource location = properties.getPolicyLocation();
    Duration reload = properties.getReloadInterval();
    String summary;
    if (location != null) {
      String name = environment.getProperty("guardrails.policy-location", location.getDescription());
      b.policySource(new ResourcePolicySource(location, name));
      if (!reload.isZero() && !reload.isNegative()) {
        b.reloadEvery(reload);
        b.reloadSettle(properties.getReloadSettle());
      }
      if (properties.getDefaultAccess() != null || properties.getOnError() != null) {
        log.warn("Guardrails: guardrails.default-access and guardrails.on-error apply to the built-in policy set "
            + "only and are ignored with guardrails.policy-location; declare 'defaults:' in {} instead", name);
      }
      summary = "policies from " + name;
    } else {
      Mode mode = properties.getMode() != null ? properties.getMode() : Mode.MONITOR;
      Access access = properties.getDefaultAccess() != null ? properties.getDefaultAccess() : Access.ALLOW;
      OnError onError = properties.getOnError() != null ? properties.getOnError() : OnError.BLOCK;
      b.policies(BuiltInPolicySet.create(catalog, mode, access, onError));
      List<String> detectors = BuiltInPolicySet.detectors(catalog.names());
      summary = "its built-in policy set (detectors: "
          + (detectors.isEmpty() ? "none on the class path" : String.join(", ", detectors))
          + "; default access: " + access.name().toLowerCase(Locale.ROOT) + ")";
    }
    if (properties.getMode() == Mode.MONITOR) {
      b.mode(Mode.MONITOR);
    }
    b.workload(workload);
    b.callerResolver(callerResolver.getIfAvailable(() -> CallerResolver.NONE));
    listeners.orderedStream().forEach(b::listener);
    b.auditLog(properties.getAudit().isEnabled());
    b.rawContentInAudit(properties.getAudit().isRawContent());
    String salt = properties.getAudit().getFingerprintSalt();
    if (salt != null && !salt.isEmpty()) {
      b.fingerprintSalt(salt);
    }
    b.streamWindow(properties.getStreamWindow());
    GuardrailsProperties.CheckBudget budget = properties.getCheckBudget();
    b.checkBudget(CheckBudget.of(budget.getPerKib(), budget.getMinimum(), budget.getCeiling()));
    b.listenerFailure(properties.getListenerFailure());
    GuardrailsProperties.Inventory inv = properties.getInventory();
    b.inventoryEvents(inv.isEnabled());
    if (inv.isEnabled()) {
      b.inventoryInterval(inv.getInterval());
    }
    // the startup event waits for the context to be refreshed: call sites and model beans are
    // found after the engine is built (GuardrailsInventoryStartup)
    b.inventoryEventOnBuild(false);
    GuardrailsInventory found = inventory.getIfAvailable();
    if (found != null) {
      b.inventorySource(found.inventorySource());
    }
    String app = environment.getProperty("spring.application.name");
    if (app != null && !app.isBlank()) {
      b.application(app.trim(), environment.getProperty("spring.application.version"));
    }
    customizers.orderedStream().forEach(c -> c.customize(b));
    Guardrails guardrails = b.build();
    log.info(startupLine(guardrails, properties, summary));
    return guardrails;
  }

  /** The one startup line: what runs, and how to enforce when nothing is enforced. */
  static String startupLine(Guardrails g, GuardrailsProperties properties, String summary) {
    PolicySet set = g.policySet();
    boolean builtIn = properties.getPolicyLocation() == null;
    boolean monitorOnly = g.modeOverride().orElse(null) == Mode.MONITOR
        || (builtIn && set.defaults().mode() == Mode.MONITOR);
    StringBuilder s = new StringBuilder("Guardrails4j ")
        .append(monitorOnly ? "monitors calls with " : "enforces ")
        .append(summary)
        .append(" [version ").append(set.version()).append(", ").append(set.policies().size())
        .append(set.policies().size() == 1 ? " policy" : " policies")
        .append(", workload ").append(g.workload().id());
    if (!builtIn && g.reloader().isPresent() && !properties.getReloadInterval().isZero()) {
      long ms = properties.getReloadInterval().toMillis();
      s.append(", reloaded every ").append(ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms");
    }
    s.append(']');
    if (monitorOnly) {
      s.append(": the audit log shows what would be blocked, nothing is blocked. To enforce, ")
          .append(builtIn ? "set guardrails.policy-location (for example classpath:guardrails.yaml)"
              : "remove guardrails.mode=monitor");
    }
    return s.toString();
  }

  static Workload workload(GuardrailsProperties.Workload w, Environment environment) {
    String id = w.getId();
    if (id != null && !id.isBlank()) {
      return new Workload(id.trim(), Map.of("source", "configuration"));
    }
    if (w.getSpiffe().isEnabled()) {
      String spiffe = environment.getProperty(WorkloadIdentities.SPIFFE_ID_ENV);
      Optional<Workload> fromEnv = spiffe == null ? Optional.empty()
          : WorkloadIdentities.fromSpiffeEnvironment(Map.of(WorkloadIdentities.SPIFFE_ID_ENV, spiffe));
      if (fromEnv.isPresent()) {
        return fromEnv.get();
      }
    }
    Path svid = w.getSpiffe().getSvidPath();
    if (svid != null && !svid.toString().isEmpty()) {
      return WorkloadIdentities.fromSvid(svid);
    }
    Path token = w.getKubernetesTokenPath();
    if (token != null && !token.toString().isEmpty()) {
      Optional<Workload> k8s = WorkloadIdentities.fromKubernetesTokenIfPresent(token);
      if (k8s.isPresent()) {
        return k8s.get();
      }
    }
    String app = environment.getProperty("spring.application.name");
    if (app != null && !app.isBlank()) {
      return new Workload(app.trim(), Map.of("source", "spring.application.name"));
    }
    return Workload.UNKNOWN;
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "guardrails.inventory.enabled", matchIfMissing = true)
  GuardrailsInventoryStartup guardrailsInventoryStartup(ObjectProvider<Guardrails> guardrails) {
    return new GuardrailsInventoryStartup(guardrails);
  }

  /** The caller from Spring Security, when it is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
  static class SpringSecurityCallerConfiguration {

    @Bean
    @ConditionalOnMissingBean(CallerResolver.class)
    SpringSecurityCallerResolver guardrailsCallerResolver(Workload workload, GuardrailsProperties properties) {
      GuardrailsProperties.Identity i = properties.getIdentity();
      return new SpringSecurityCallerResolver(workload, i.getRolesClaim(), i.getTenantClaim(), i.getGroupsClaim());
    }
  }
}
