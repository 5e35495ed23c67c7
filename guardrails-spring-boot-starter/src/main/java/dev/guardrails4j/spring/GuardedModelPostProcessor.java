package dev.guardrails4j.spring;

import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.langchain4j.GuardedChatModel;
import dev.guardrails4j.langchain4j.GuardedStreamingChatModel;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.AopConfigException;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.util.ReflectionUtils;

/**
 * Guards LangChain4j {@link ChatModel} and {@link StreamingChatModel} beans in place, so that the
 * application keeps exactly one model bean (LangChain4j's AI-service wiring fails on two
 * candidates) and every call through it is guarded.
 *
 * <p>How a bean is guarded:
 *
 * <ul>
 *   <li><b>subclass proxy</b> (the usual case): a CGLIB subclass of the model's own class, so that
 *       injection points typed with the concrete class (for example {@code OpenAiChatModel}) keep
 *       working. Every method the {@code ChatModel} (or {@code StreamingChatModel}) interface
 *       declares goes through {@link GuardedChatModel} ({@link GuardedStreamingChatModel}); the
 *       class's other methods reach the model directly.
 *   <li><b>wrapper</b>: when the class cannot be subclassed (final, hidden, a JDK proxy, or an
 *       interface method implemented as final), the bean is replaced by the guarded decorator. It
 *       is still a {@code ChatModel}, but an injection point typed with the concrete class then
 *       fails at startup: add the bean to {@code guardrails.models.exclude} to leave it unguarded.
 *   <li><b>token counts</b>: when the application defines exactly one LangChain4j {@link
 *       TokenCountEstimator} bean, guarded models reserve token budgets with it; otherwise with the
 *       documented estimate (one token per four characters plus four per message).
 *   <li><b>excluded</b>: beans named in {@code guardrails.models.exclude} stay as they are; they are
 *       listed as unguarded in the inventory and warned about at startup.
 * </ul>
 */
public class GuardedModelPostProcessor implements BeanPostProcessor, Ordered {

  private static final Logger log = LoggerFactory.getLogger(GuardedModelPostProcessor.class);

  private final ObjectProvider<Guardrails> guardrails;
  private final ObjectProvider<GuardrailsInventory> inventory;
  private final @Nullable ObjectProvider<TokenCountEstimator> tokenCountEstimator;
  private final Set<String> exclude;

  /**
   * Creates the post-processor. The engine is looked up when the first model bean appears, so that
   * declaring this early bean does not create the engine early.
   *
   * @param guardrails the engine
   * @param inventory the inventory, if any
   * @param exclude bean names to leave unguarded
   */
  public GuardedModelPostProcessor(ObjectProvider<Guardrails> guardrails,
      ObjectProvider<GuardrailsInventory> inventory, Set<String> exclude) {
    this(guardrails, inventory, null, exclude);
  }

  /**
   * Creates the post-processor with a source of {@link TokenCountEstimator}: when the application
   * has exactly one such bean, guarded models reserve token budgets with it instead of the
   * documented estimate.
   *
   * @param guardrails the engine
   * @param inventory the inventory, if any
   * @param tokenCountEstimator the token count estimator, if any; {@code null} for none
   * @param exclude bean names to leave unguarded
   */
  public GuardedModelPostProcessor(ObjectProvider<Guardrails> guardrails,
      ObjectProvider<GuardrailsInventory> inventory, @Nullable ObjectProvider<TokenCountEstimator> tokenCountEstimator,
      Set<String> exclude) {
    this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
    this.inventory = Objects.requireNonNull(inventory, "inventory");
    this.tokenCountEstimator = tokenCountEstimator;
    this.exclude = Set.copyOf(exclude);
  }

  /**
   * Runs late, after other post-processors (such as Spring's own AOP) wrapped the bean.
   *
   * @return {@link Ordered#LOWEST_PRECEDENCE}
   */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof ChatModel chat && !(bean instanceof StreamingChatModel)) {
      if (bean instanceof GuardedChatModel) {
        record(beanName, bean, "chat", true, "already-guarded");
        return bean;
      }
      if (excluded(beanName, bean, "chat")) {
        return bean;
      }
      GuardedChatModel.Builder b = GuardedChatModel.builder(chat, guardrails.getObject());
      TokenCountEstimator estimator = estimator();
      if (estimator != null) {
        b.tokenCountEstimator(estimator);
      }
      GuardedChatModel guarded = b.build();
      return guard(beanName, bean, "chat", ChatModel.class, guarded);
    }
    if (bean instanceof StreamingChatModel streaming && !(bean instanceof ChatModel)) {
      if (bean instanceof GuardedStreamingChatModel) {
        record(beanName, bean, "streaming-chat", true, "already-guarded");
        return bean;
      }
      if (excluded(beanName, bean, "streaming-chat")) {
        return bean;
      }
      GuardedStreamingChatModel.Builder b = GuardedStreamingChatModel.builder(streaming, guardrails.getObject());
      TokenCountEstimator estimator = estimator();
      if (estimator != null) {
        b.tokenCountEstimator(estimator);
      }
      GuardedStreamingChatModel guarded = b.build();
      return guard(beanName, bean, "streaming-chat", StreamingChatModel.class, guarded);
    }
    if (bean instanceof ChatModel || bean instanceof StreamingChatModel) {
      record(beanName, bean, "chat+streaming-chat", false,
          "implements both ChatModel and StreamingChatModel; guard it explicitly with GuardedChatModel "
              + "and GuardedStreamingChatModel");
    }
    return bean;
  }

  /* The application's one TokenCountEstimator bean, if it has exactly one. */
  private @Nullable TokenCountEstimator estimator() {
    return tokenCountEstimator == null ? null : tokenCountEstimator.getIfUnique();
  }

  private boolean excluded(String beanName, Object bean, String kind) {
    if (exclude.contains(beanName)) {
      record(beanName, bean, kind, false, "excluded by guardrails.models.exclude");
      return true;
    }
    return false;
  }

  private Object guard(String beanName, Object bean, String kind, Class<?> modelInterface, Object guarded) {
    String why = whyNoSubclass(bean, modelInterface);
    if (why == null) {
      try {
        ProxyFactory pf = new ProxyFactory(bean);
        pf.setProxyTargetClass(true);
        pf.addAdvice(new RouteToGuarded(modelInterface, guarded));
        Object proxy = pf.getProxy(bean.getClass().getClassLoader());
        record(beanName, bean, kind, true, "subclass-proxy");
        return proxy;
      } catch (AopConfigException | IllegalArgumentException | LinkageError e) {
        why = "cannot subclass " + bean.getClass().getName() + " (" + e.getClass().getSimpleName() + ")";
      }
    }
    log.warn("Guardrails: model bean '{}' is guarded by a {} wrapper because {}; an injection point typed "
        + "{} will fail at startup: add '{}' to guardrails.models.exclude to leave it unguarded instead",
        beanName, modelInterface.getSimpleName(), why, bean.getClass().getName(), beanName);
    record(beanName, bean, kind, true, "wrapper");
    return guarded;
  }

  /** Why a CGLIB subclass would not work, or null when it would. */
  static @Nullable String whyNoSubclass(Object bean, Class<?> modelInterface) {
    Class<?> type = bean.getClass();
    if (Proxy.isProxyClass(type)) {
      return "it is a JDK proxy";
    }
    if (Modifier.isFinal(type.getModifiers())) {
      return type.getName() + " is final";
    }
    if (type.isHidden() || type.isAnonymousClass() || type.isSynthetic()) {
      return type.getName() + " is a hidden, anonymous or synthetic class";
    }
    for (Method m : modelInterface.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      Method impl = ReflectionUtils.findMethod(type, m.getName(), m.getParameterTypes());
      if (impl != null && Modifier.isFinal(impl.getModifiers())) {
        return type.getName() + "." + m.getName() + " is final";
      }
    }
    return null;
  }

  private void record(String beanName, Object bean, String kind, boolean guarded, String how) {
    GuardrailsInventory inv = inventory.getIfAvailable();
    if (inv != null) {
      Class<?> type = AopUtils.isAopProxy(bean) ? AopUtils.getTargetClass(bean) : bean.getClass();
      inv.addModelBean(new GuardrailsInventory.ModelBean(beanName, type.getName(), kind, guarded, how));
    }
  }

  /** Sends every method of the model interface to the guarded decorator; the rest to the model. */
  static final class RouteToGuarded implements MethodInterceptor {
    private final Class<?> modelInterface;
    private final Object guarded;
    private final ConcurrentMap<Method, Optional<Method>> routes = new ConcurrentHashMap<>();

    RouteToGuarded(Class<?> modelInterface, Object guarded) {
      this.modelInterface = modelInterface;
      this.guarded = guarded;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
      Method m = invocation.getMethod();
      Optional<Method> route = routes.get(m);
      if (route == null) {
        Method declared = ReflectionUtils.findMethod(modelInterface, m.getName(), m.getParameterTypes());
        route = declared != null && !Modifier.isStatic(declared.getModifiers())
            ? Optional.of(declared) : Optional.empty();
        routes.putIfAbsent(m, route);
      }
      if (route.isPresent()) {
        return AopUtils.invokeJoinpointUsingReflection(guarded, route.get(), invocation.getArguments());
      }
      return invocation.proceed();
    }
  }
}
