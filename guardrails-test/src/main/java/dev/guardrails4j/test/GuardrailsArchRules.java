package dev.guardrails4j.test;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import dev.guardrails4j.api.annotation.GuardedModelCall;
import java.util.Optional;
import java.util.Set;

/**
 * ArchUnit rules that keep model calls guarded, for the application's own architecture tests.
 * Needs {@code com.tngtech.archunit:archunit} (or {@code archunit-junit5}) on the test class path.
 *
 * <pre>{@code
 * @Test
 * void modelCallsAreGuarded() {
 *   JavaClasses classes = new ClassFileImporter()
 *       .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
 *       .importPackages("com.example");
 *   GuardrailsArchRules.modelCallsMustBeGuarded().check(classes);
 * }
 * }</pre>
 */
public final class GuardrailsArchRules {

  static final String CHAT_MODEL = "dev.langchain4j.model.chat.ChatModel";
  static final String STREAMING_CHAT_MODEL = "dev.langchain4j.model.chat.StreamingChatModel";
  static final String GUARDED_PACKAGE = "dev.guardrails4j.langchain4j";
  /** The methods that send a request to the model; metadata methods such as provider() do not. */
  static final Set<String> MODEL_METHODS = Set.of("chat", "doChat");

  private GuardrailsArchRules() {}

  /**
   * No class calls a LangChain4j {@code ChatModel} or {@code StreamingChatModel} ({@code chat} or
   * {@code doChat}, including method references) unless the call is made
   * <ul>
   *   <li>on a guarded model, a {@code dev.guardrails4j.langchain4j.Guarded*} type, or</li>
   *   <li>in a method, or a class, annotated with {@link GuardedModelCall} (lambdas and nested
   *       classes inside such a method or class count as inside it; the annotation is inherited
   *       by subclasses).</li>
   * </ul>
   * Each offending call site is reported with its class, method and line. Calls made by
   * LangChain4j itself (AI services) and by Guardrails4j's own decorators are not checked; a
   * variable typed {@code ChatModel} that holds a guarded model at run time (for example a bean
   * wrapped by the Spring Boot starter) is still reported: annotate the calling method, which also
   * names its action.
   *
   * @return the rule
   */
  public static ArchRule modelCallsMustBeGuarded() {
    return ArchRuleDefinition.classes()
        .should(new ArchCondition<JavaClass>("call models only through a guarded model or inside @GuardedModelCall") {
          @Override
          public void check(JavaClass javaClass, ConditionEvents events) {
            if (isLibraryCode(javaClass)) {
              return;
            }
            for (JavaAccess<?> access : javaClass.getAccessesFromSelf()) {
              if (isUnguardedModelCall(access)) {
                events.add(SimpleConditionEvent.violated(access, "unguarded model call: " + access.getDescription()));
              }
            }
          }
        })
        .as("model calls must be guarded")
        .because("every model call must go through Guardrails4j so that access, input, output and tool "
            + "policies apply; call a dev.guardrails4j.langchain4j.Guarded* model or annotate the method "
            + "with @GuardedModelCall");
  }

  static boolean isUnguardedModelCall(JavaAccess<?> access) {
    AccessTarget target = access.getTarget();
    if (!(target instanceof AccessTarget.MethodCallTarget) && !(target instanceof AccessTarget.MethodReferenceTarget)) {
      return false;
    }
    if (!MODEL_METHODS.contains(target.getName())) {
      return false;
    }
    JavaClass owner = target.getOwner();
    if (!(owner.isAssignableTo(CHAT_MODEL) || owner.isAssignableTo(STREAMING_CHAT_MODEL))) {
      return false;
    }
    if (isGuardedType(owner)) {
      return false;
    }
    return !isInsideGuardedCode(access.getOrigin());
  }

  static boolean isGuardedType(JavaClass c) {
    return c.getPackageName().equals(GUARDED_PACKAGE) && c.getSimpleName().startsWith("Guarded");
  }

  static boolean isLibraryCode(JavaClass c) {
    String pkg = c.getPackageName();
    return pkg.equals("dev.langchain4j") || pkg.startsWith("dev.langchain4j.")
        || isGuardedType(c) || isGuardedType(outermost(c));
  }

  private static boolean isInsideGuardedCode(JavaCodeUnit origin) {
    JavaCodeUnit unit = origin;
    while (unit != null) {
      if (unit.isAnnotatedWith(GuardedModelCall.class)) {
        return true;
      }
      JavaClass owner = unit.getOwner();
      if (isAnnotatedOrInherits(owner)) {
        return true;
      }
      Optional<JavaCodeUnit> enclosingUnit = owner.getEnclosingCodeUnit();
      if (enclosingUnit.isPresent()) {
        unit = enclosingUnit.get();
        continue;
      }
      // a member class: its enclosing classes may carry the annotation
      Optional<JavaClass> enclosing = owner.getEnclosingClass();
      while (enclosing.isPresent()) {
        if (isAnnotatedOrInherits(enclosing.get())) {
          return true;
        }
        enclosing = enclosing.get().getEnclosingClass();
      }
      unit = null;
    }
    return false;
  }

  private static boolean isAnnotatedOrInherits(JavaClass c) {
    if (c.isAnnotatedWith(GuardedModelCall.class)) {
      return true;
    }
    for (JavaClass s : c.getAllRawSuperclasses()) {
      if (s.isAnnotatedWith(GuardedModelCall.class)) {
        return true;
      }
    }
    return false;
  }

  private static JavaClass outermost(JavaClass c) {
    JavaClass out = c;
    while (out.getEnclosingClass().isPresent()) {
      out = out.getEnclosingClass().get();
    }
    return out;
  }
}
