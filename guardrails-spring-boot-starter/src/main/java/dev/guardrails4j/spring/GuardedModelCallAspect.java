package dev.guardrails4j.spring;

import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.annotation.GuardedModelCall;
import dev.guardrails4j.api.annotation.Prompt;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.Ordered;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedMethod;
import org.springframework.util.ClassUtils;

/**
 * Guards methods annotated with {@link GuardedModelCall} (or in a type annotated with it):
 *
 * <ol>
 *   <li>opens a {@link GuardContext} scope with the caller, action, model, data labels and call site,
 *       so that every guarded model the method calls is evaluated for them;
 *   <li>evaluates access before the method runs (a denial throws
 *       {@link GuardrailViolationException} and the method does not run). Limits are counted by the
 *       guarded model calls the method makes, where the request and its token usage happen, so that
 *       one request is not counted twice; with {@code countLimits} the method's own call takes
 *       limits too (for methods that call a model the starter does not guard);
 *   <li>checks the {@link Prompt} parameter as input and passes the redacted text to the method
 *       when a policy redacts;
 *   <li>checks the returned {@code String} or {@code CharSequence} as output, unless
 *       {@link GuardedModelCall#checkOutput()} is false or a guarded model already checked the same
 *       text in this scope (the engine never checks the same content twice);
 *   <li>records a Micrometer {@link Observation} named {@value #OBSERVATION_NAME}.
 * </ol>
 *
 * <p>Each guarded method is one guarded call with its own audit event; the model calls it makes
 * are guarded calls of their own.
 */
@Aspect
public class GuardedModelCallAspect implements Ordered {

  /** The name of the observation around each guarded method. */
  public static final String OBSERVATION_NAME = "guardrails.call";

  private final Guardrails guardrails;
  private final ObservationRegistry observations;
  private final int order;
  private final boolean countLimits;
  private final ConcurrentMap<Method, Target> targets = new ConcurrentHashMap<>();

  /**
   * Creates the aspect.
   *
   * @param guardrails the engine
   * @param observations where observations go ({@link ObservationRegistry#NOOP} for none)
   * @param order the order among other advice
   * @param countLimits whether the method's own guarded call takes limits (request rates, token
   *     budgets, concurrency) in addition to access
   */
  public GuardedModelCallAspect(Guardrails guardrails, ObservationRegistry observations, int order,
      boolean countLimits) {
    this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
    this.observations = Objects.requireNonNull(observations, "observations");
    this.order = order;
    this.countLimits = countLimits;
  }

  @Override
  public int getOrder() {
    return order;
  }

  /**
   * Guards one call of an annotated method.
   *
   * @param pjp the join point
   * @return the method's result, with the returned text checked
   * @throws Throwable what the method throws, or {@link GuardrailViolationException}
   */
  @Around("@annotation(dev.guardrails4j.api.annotation.GuardedModelCall) "
      + "|| @within(dev.guardrails4j.api.annotation.GuardedModelCall)")
  public @Nullable Object guard(ProceedingJoinPoint pjp) throws Throwable {
    Target t = target(pjp);
    if (t == null) {
      return pjp.proceed();
    }
    GuardContext.Builder frame = GuardContext.builder()
        .caller(guardrails.currentCaller())
        .action(t.action)
        .callSite(t.callSite)
        .dataLabels(t.dataLabels);
    if (t.model != null) {
      frame.model(t.model);
    }
    Observation observation = Observation.createNotStarted(OBSERVATION_NAME, observations)
        .contextualName("guardrails " + t.action)
        .lowCardinalityKeyValue("guardrails.action", t.action)
        .lowCardinalityKeyValue("guardrails.model", t.model == null ? "unknown" : t.model.toString())
        .lowCardinalityKeyValue("guardrails.call-site", t.callSite);
    observation.start();
    String outcome = "allow";
    try (Observation.Scope ignored = observation.openScope();
        GuardContext.Scope scope = frame.open();
        GuardedCall call = countLimits ? guardrails.start(invocation(t)) : guardrails.startChecks(invocation(t))) {
      Object[] args = pjp.getArgs();
      if (t.promptIndex >= 0 && args[t.promptIndex] instanceof CharSequence prompt) {
        String original = prompt.toString();
        String checked = call.checkInput(PromptBodies.asWritten(original));
        if (!checked.equals(original)) {
          args = args.clone();
          args[t.promptIndex] = checked;
          outcome = "allow-with-changes";
        }
      }
      Object result;
      try {
        result = pjp.proceed(args);
      } catch (GuardrailViolationException e) {
        throw e;
      } catch (Throwable e) {
        call.recordFailure(e);
        outcome = "error";
        throw e;
      }
      if (t.checkOutput && result instanceof CharSequence answer) {
        String original = answer.toString();
        String checked = call.checkOutput(original);
        if (!checked.equals(original)) {
          if (!t.returnsString) {
            throw new IllegalStateException(t.callSite + " returns " + t.returnType.getName()
                + ", which cannot carry the redacted answer; declare it to return String or CharSequence");
          }
          outcome = "allow-with-changes";
          return checked;
        }
      }
      return result;
    } catch (GuardrailViolationException e) {
      outcome = e.decision().phase() == Phase.LIMITS ? "limited" : "deny";
      observation.error(e);
      throw e;
    } catch (Throwable e) {
      outcome = "error";
      observation.error(e);
      throw e;
    } finally {
      observation.lowCardinalityKeyValue("guardrails.outcome", outcome);
      observation.stop();
    }
  }

  private Invocation invocation(Target t) {
    return guardrails.invocation(t.model != null ? t.model : ModelRef.UNKNOWN).build();
  }

  private @Nullable Target target(ProceedingJoinPoint pjp) {
    if (!(pjp.getSignature() instanceof MethodSignature sig)) {
      return null;
    }
    Object target = pjp.getTarget();
    Class<?> targetClass = target != null ? AopUtils.getTargetClass(target) : sig.getDeclaringType();
    Method method = AopUtils.getMostSpecificMethod(sig.getMethod(), targetClass);
    Target t = targets.get(method);
    if (t == null) {
      t = Target.of(method, ClassUtils.getUserClass(targetClass));
      targets.putIfAbsent(method, t == null ? Target.NONE : t);
    }
    return t == Target.NONE ? null : t;
  }

  /** What the aspect needs to know about a method, computed once. */
  private static final class Target {
    static final Target NONE = new Target();

    final String action;
    final @Nullable ModelRef model;
    final String[] dataLabels;
    final String callSite;
    final int promptIndex;
    final boolean checkOutput;
    final Class<?> returnType;
    final boolean returnsString;

    private Target() {
      this("-", null, new String[0], "", -1, false, Object.class);
    }

    private Target(String action, @Nullable ModelRef model, String[] dataLabels, String callSite,
        int promptIndex, boolean checkOutput, Class<?> returnType) {
      this.action = action;
      this.model = model;
      this.dataLabels = dataLabels;
      this.callSite = callSite;
      this.promptIndex = promptIndex;
      this.checkOutput = checkOutput;
      this.returnType = returnType;
      this.returnsString = returnType.isAssignableFrom(String.class);
    }

    static @Nullable Target of(Method method, Class<?> userClass) {
      GuardedModelCall a = CallSites.find(method, userClass);
      if (a == null) {
        return null;
      }
      String callSite = CallSites.id(userClass, method);
      if (a.action().isBlank()) {
        throw new IllegalStateException("@GuardedModelCall on " + callSite + " has a blank action");
      }
      ModelRef model = a.model().isEmpty() ? null : ModelRef.parse(a.model());
      int promptIndex = -1;
      MethodParameter[] parameters = new AnnotatedMethod(method).getMethodParameters();
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i].hasParameterAnnotation(Prompt.class)) {
          if (promptIndex >= 0) {
            throw new IllegalStateException(callSite + " has more than one @Prompt parameter");
          }
          Class<?> type = method.getParameterTypes()[i];
          if (!type.isAssignableFrom(String.class)) {
            throw new IllegalStateException("the @Prompt parameter of " + callSite + " is a " + type.getName()
                + "; declare it String or CharSequence so that it can receive the redacted text");
          }
          promptIndex = i;
        }
      }
      return new Target(a.action(), model, a.dataLabels(), callSite, promptIndex, a.checkOutput(),
          method.getReturnType());
    }
  }
}
