package dev.guardrails4j.core;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.ToolCall;
import dev.guardrails4j.core.limit.ProviderGuard;
import dev.guardrails4j.core.policy.Policy;
import dev.guardrails4j.core.policy.PolicySet;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One guarded model call in progress, from {@link Guardrails#start(Invocation)} to {@link
 * #close()}. Every phase of the call is decided by the same policy version, pinned at start.
 *
 * <p>This type is the call's public face; each phase is a step of its own ({@code AccessStep},
 * {@code LimitStep}, {@code ContentStep}, {@code ToolStep}, {@code ModelStep}, {@link
 * StreamingOutput}), and every step writes to one {@code CallRecord}, which hands decisions to
 * listeners and emits the audit event.
 *
 * <p>A call is used by one flow of control at a time (streaming callbacks may arrive on other
 * threads, one after another); it is not safe for concurrent use.
 */
public final class GuardedCall implements AutoCloseable {

  private final CallRecord call;

  GuardedCall(CallSettings settings, PolicySet set, Invocation invocation) {
    this.call = new CallRecord(settings, set, invocation);
  }

  /** Access and limits. */
  void begin() {
    AccessStep.enforce(call);
    LimitStep.enforce(call);
  }

  /** Access only, for checks outside a model call (output guardrails, tools): they are not model requests. */
  void beginAccess() {
    AccessStep.enforce(call);
  }

  // ---- input ---------------------------------------------------------------------------------

  /**
   * Checks the invocation's messages.
   *
   * @return the messages to send, with enforced redactions applied
   * @throws GuardrailViolationException if a check blocks
   */
  public List<Message> checkInput() {
    return checkInput(call.invocation.messages());
  }

  /**
   * Checks messages as input (for adapters whose request differs from the invocation's).
   *
   * @param messages the messages
   * @return the messages to send, with enforced redactions applied
   * @throws GuardrailViolationException if a check blocks
   */
  public List<Message> checkInput(List<Message> messages) {
    Objects.requireNonNull(messages, "messages");
    return ContentStep.input(call, messages);
  }

  /**
   * Checks one text as user input (for a {@code @Prompt} parameter or a single-prompt API).
   *
   * @param text the text
   * @return the text to send, with enforced redactions applied
   * @throws GuardrailViolationException if a check blocks
   */
  public String checkInput(String text) {
    return checkInput(List.of(Message.user(text))).get(0).text();
  }

  // ---- output --------------------------------------------------------------------------------

  /**
   * Checks the model's answer, applies redactions (including every copy of a value redacted
   * earlier in this call), and restores reversible input redactions for the caller.
   *
   * @param answer the answer
   * @return the answer to give the caller
   * @throws GuardrailViolationException if a check blocks
   */
  public String checkOutput(String answer) {
    Objects.requireNonNull(answer, "answer");
    return ContentStep.output(call, answer);
  }

  /**
   * Starts incremental output checks for a streamed answer.
   *
   * @return the stream guard
   */
  public StreamingOutput streamOutput() {
    call.ensureOpen();
    return new StreamingOutput(call, call.refs(Phase.OUTPUT, null), call.settings.streamWindow());
  }

  // ---- tools ---------------------------------------------------------------------------------

  /**
   * The tools of {@code offered} this caller may use (denied tools are hidden from the model).
   * Policies in monitor mode hide nothing.
   *
   * @param offered tool names
   * @return the allowed ones, in order
   */
  public List<String> allowedTools(List<String> offered) {
    return ToolStep.allowed(call, offered);
  }

  /**
   * Checks a tool call the model requested: whether the caller may use the tool, and its
   * arguments.
   *
   * @param toolCall the call
   * @return the decision and the arguments to run the tool with (redacted where policy says so);
   *     when {@code decision().blocks()} the tool must not run and the model should see
   *     {@link ToolDecision#message()}
   * @throws GuardrailViolationException when a deciding policy says {@code on-deny: stop}
   */
  public ToolDecision checkToolCall(ToolCall toolCall) {
    Objects.requireNonNull(toolCall, "toolCall");
    ToolStep.Outcome o = ToolStep.call(call, toolCall);
    Decision d = o.decision();
    return new ToolDecision(d, o.arguments(), d.blocks()
        ? "Tool call refused by policy (decision " + d.id() + "): " + String.join("; ", d.reasons()) : "");
  }

  /**
   * Checks what a tool returned before it goes back to the model.
   *
   * @param toolName the tool
   * @param result the result
   * @return the result to give the model, redacted where policy says so
   * @throws GuardrailViolationException if a check blocks
   */
  public String checkToolResult(String toolName, String result) {
    Objects.requireNonNull(toolName, "toolName");
    Objects.requireNonNull(result, "result");
    return ToolStep.result(call, toolName, result);
  }

  /**
   * The outcome of a tool call check.
   *
   * @param decision the decision
   * @param arguments the arguments to run the tool with
   * @param message for a refused call, the text to give the model instead of a result; otherwise
   *     empty
   */
  public record ToolDecision(Decision decision, String arguments, String message) {

    /** Validates. */
    public ToolDecision {
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(arguments, "arguments");
      Objects.requireNonNull(message, "message");
    }

    /**
     * Whether the tool may run.
     *
     * @return true unless an enforced policy refused it
     */
    public boolean allowed() {
      return !decision.blocks();
    }
  }

  // ---- the model call ------------------------------------------------------------------------

  /**
   * Runs the model call behind the provider's circuit breaker and time limit, if the policy set
   * configures them, and records a failure for the audit event.
   *
   * @param modelCall the call
   * @param <T> the result type
   * @return the result
   * @throws GuardrailViolationException when the circuit is open or the time limit is exceeded
   */
  public <T> T callModel(Supplier<T> modelCall) {
    Objects.requireNonNull(modelCall, "modelCall");
    return ModelStep.call(call, modelCall);
  }

  /**
   * A permit for a model call whose outcome arrives later (streaming): report success or failure
   * on it.
   *
   * @return the permit
   * @throws GuardrailViolationException when the provider's circuit is open
   */
  public ProviderGuard.Permit modelPermit() {
    return ModelStep.permit(call);
  }

  /**
   * Records the token usage the provider reported, to settle token budgets.
   *
   * @param input input tokens, or a negative number when unknown
   * @param output output tokens, or a negative number when unknown
   */
  public void recordUsage(long input, long output) {
    call.usage(input, output);
  }

  /**
   * Records that the model call failed (reserved tokens are returned to the budget).
   *
   * @param error the error
   */
  public void recordFailure(Throwable error) {
    call.failure(error);
  }

  // ---- bookkeeping ---------------------------------------------------------------------------

  /**
   * The invocation this call evaluates.
   *
   * @return the invocation
   */
  public Invocation invocation() {
    return call.invocation;
  }

  /**
   * The call id, the prefix of every decision id.
   *
   * @return the id
   */
  public String id() {
    return call.id;
  }

  /**
   * The policies that matched, in file order.
   *
   * @return the policies
   */
  public List<Policy> policies() {
    return call.matched;
  }

  /**
   * The version of the policy set deciding this call.
   *
   * @return the version
   */
  public String policyVersion() {
    return call.set.version();
  }

  /**
   * Every decision so far, in order.
   *
   * @return the decisions
   */
  public List<Decision> decisions() {
    return call.decisions();
  }

  /**
   * Settles limits and emits the audit event. Idempotent.
   *
   * @throws GuardrailViolationException if an audit listener fails and listener failures block
   */
  @Override
  public void close() {
    call.close();
  }
}
