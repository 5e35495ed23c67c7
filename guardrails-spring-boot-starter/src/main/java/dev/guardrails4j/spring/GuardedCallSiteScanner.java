package dev.guardrails4j.spring;

import dev.guardrails4j.api.annotation.GuardedModelCall;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * At the end of startup, lists every {@code @GuardedModelCall} method of every bean's class in the
 * inventory, and warns once about model beans left unguarded. Reads classes only: no bean is
 * created or called.
 */
final class GuardedCallSiteScanner implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(GuardedCallSiteScanner.class);

  private final ConfigurableListableBeanFactory beanFactory;
  private final GuardrailsInventory inventory;
  private final boolean aspectEnabled;

  GuardedCallSiteScanner(ConfigurableListableBeanFactory beanFactory, GuardrailsInventory inventory,
      boolean aspectEnabled) {
    this.beanFactory = beanFactory;
    this.inventory = inventory;
    this.aspectEnabled = aspectEnabled;
  }

  @Override
  public void afterSingletonsInstantiated() {
    for (String name : beanFactory.getBeanDefinitionNames()) {
      Class<?> type;
      try {
        type = beanFactory.getType(name, false);
      } catch (RuntimeException e) {
        continue; // a bean whose type cannot be known without creating it
      }
      if (type != null && !type.getName().startsWith("org.springframework.")) {
        scan(name, ClassUtils.getUserClass(type));
      }
    }
    if (!inventory.callSites().isEmpty() && aspectEnabled
        && !ClassUtils.isPresent("org.aspectj.lang.annotation.Aspect", beanFactory.getBeanClassLoader())) {
      log.warn("Guardrails: {} @GuardedModelCall method(s) found, but AspectJ is not on the class path, so they "
          + "are NOT guarded; add org.springframework.boot:spring-boot-starter-aspectj", inventory.callSites().size());
    }
    for (GuardrailsInventory.ModelBean b : inventory.unguardedModelBeans()) {
      log.warn("Guardrails: model bean '{}' ({}) is NOT guarded: {}", b.bean(), b.type(), b.how());
    }
  }

  void scan(String beanName, Class<?> userClass) {
    ReflectionUtils.doWithMethods(userClass, m -> add(beanName, userClass, m),
        m -> !m.isSynthetic() && !m.isBridge() && !Modifier.isPrivate(m.getModifiers())
            && !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class);
  }

  private void add(String beanName, Class<?> userClass, Method m) {
    GuardedModelCall a = CallSites.find(m, userClass);
    if (a != null) {
      inventory.addCallSite(new GuardrailsInventory.CallSite(CallSites.id(userClass, m), beanName, a.action(),
          a.model(), Set.copyOf(List.of(a.dataLabels())), a.checkOutput()));
    }
  }
}
