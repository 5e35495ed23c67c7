package dev.guardrails4j.spring;

import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.springai.GuardedChatModel;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.AopConfigException;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Guards Spring AI {@link ChatModel} beans in place, for applications that call the model without
 * a {@code ChatClient}; calls through a {@code ChatClient} that has the {@link
 * dev.guardrails4j.springai.GuardrailsAdvisor} are guarded once, by the advisor. As for LangChain4j
 * models ({@link GuardedModelPostProcessor}), the bean becomes a CGLIB subclass of its own class
 * whose {@code ChatModel} methods go through {@link GuardedChatModel}, so injection points typed
 * with the concrete class (for example {@code OpenAiChatModel}) keep working; a class that cannot
 * be subclassed is replaced by the decorator (with a warning), and beans named in {@code
 * guardrails.models.exclude} stay as they are. Every model bean is listed in the inventory.
 */
public class SpringAiModelPostProcessor implements BeanPostProcessor, Ordered {

  private static final Logger log = LoggerFactory.getLogger(SpringAiModelPostProcessor.class);

  /** The inventory's kind for Spring AI chat model beans. */
  static final String KIND = "spring-ai-chat";

  private final ObjectProvider<Guardrails> guardrails;
  private final ObjectProvider<GuardrailsInventory> inventory;
  private final Set<String> exclude;

  /**
   * Creates the post-processor. The engine is looked up when the first model bean appears.
   *
   * @param guardrails the engine
   * @param inventory the inventory, if any
   * @param exclude bean names to leave unguarded
   */
  public SpringAiModelPostProcessor(ObjectProvider<Guardrails> guardrails,
      ObjectProvider<GuardrailsInventory> inventory, Set<String> exclude) {
    this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
    this.inventory = Objects.requireNonNull(inventory, "inventory");
    this.exclude = Set.copyOf(exclude);
  }

  /**
   * Runs late, after other post-processors wrapped the bean.
   *
   * @return {@link Ordered#LOWEST_PRECEDENCE}
   */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof ChatModel chat)) {
      return bean;
    }
    if (bean instanceof GuardedChatModel) {
      record(beanName, bean, true, "already-guarded");
      return bean;
    }
    if (exclude.contains(beanName)) {
      record(beanName, bean, false, "excluded by guardrails.models.exclude");
      return bean;
    }
    GuardedChatModel guarded = GuardedChatModel.wrap(chat, guardrails.getObject());
    String why = GuardedModelPostProcessor.whyNoSubclass(bean, ChatModel.class);
    if (why == null) {
      try {
        ProxyFactory pf = new ProxyFactory(bean);
        pf.setProxyTargetClass(true);
        pf.addAdvice(new GuardedModelPostProcessor.RouteToGuarded(ChatModel.class, guarded));
        Object proxy = pf.getProxy(bean.getClass().getClassLoader());
        record(beanName, bean, true, "subclass-proxy");
        return proxy;
      } catch (AopConfigException | IllegalArgumentException | LinkageError e) {
        why = "cannot subclass " + bean.getClass().getName() + " (" + e.getClass().getSimpleName() + ")";
      }
    }
    log.warn("Guardrails: Spring AI model bean '{}' is guarded by a ChatModel wrapper because {}; an injection "
        + "point typed {} will fail at startup: add '{}' to guardrails.models.exclude to leave it unguarded instead",
        beanName, why, bean.getClass().getName(), beanName);
    record(beanName, bean, true, "wrapper");
    return guarded;
  }

  private void record(String beanName, Object bean, boolean guarded, String how) {
    GuardrailsInventory inv = inventory.getIfAvailable();
    if (inv != null) {
      Class<?> type = AopUtils.isAopProxy(bean) ? AopUtils.getTargetClass(bean) : bean.getClass();
      inv.addModelBean(new GuardrailsInventory.ModelBean(beanName, type.getName(), KIND, guarded, how));
    }
  }
}
