package dev.guardrails4j.spring;

import dev.guardrails4j.api.annotation.GuardedModelCall;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;

/** How the aspect and the inventory find and name {@code @GuardedModelCall} methods. */
final class CallSites {

  private CallSites() {}

  /** The call site id, as audit events and the inventory name it. */
  static String id(Class<?> userClass, Method method) {
    return userClass.getName() + "#" + method.getName();
  }

  /**
   * The annotation that applies to a method of a class: on the method (or the method it
   * overrides), else on the class for its public methods.
   */
  static @Nullable GuardedModelCall find(Method method, Class<?> userClass) {
    GuardedModelCall onMethod = AnnotatedElementUtils.findMergedAnnotation(method, GuardedModelCall.class);
    if (onMethod != null) {
      return onMethod;
    }
    if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())
        || method.getDeclaringClass() == Object.class) {
      return null;
    }
    return AnnotatedElementUtils.findMergedAnnotation(userClass, GuardedModelCall.class);
  }
}
