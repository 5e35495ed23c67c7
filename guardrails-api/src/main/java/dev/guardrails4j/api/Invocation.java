package dev.guardrails4j.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One model call as policies see it.
 *
 * @param caller who calls
 * @param model which model
 * @param action the business purpose, for example {@code summarize-ticket}; {@code "default"} when
 *     nothing names one
 * @param callSite where in the application the call is made (for example {@code Class#method}), or
 *     an empty string
 * @param messages the messages that will be sent, in order
 * @param tools the names of the tools offered to the model
 * @param dataLabels labels of the content, for example {@code confidential} from RAG metadata
 * @param tokenEstimate estimated input tokens, 0 when unknown
 * @param attributes free attributes a policy condition may read
 */
public record Invocation(
    Caller caller,
    ModelRef model,
    String action,
    String callSite,
    List<Message> messages,
    List<String> tools,
    Set<String> dataLabels,
    long tokenEstimate,
    Map<String, String> attributes) {

  /** The action used when nothing names one. */
  public static final String DEFAULT_ACTION = "default";

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the action is blank or the token estimate negative
   */
  public Invocation {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(callSite, "callSite");
    if (action.isBlank()) {
      throw new IllegalArgumentException("action must not be blank");
    }
    if (tokenEstimate < 0) {
      throw new IllegalArgumentException("tokenEstimate must be >= 0, got " + tokenEstimate);
    }
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
    dataLabels = Set.copyOf(dataLabels);
    attributes = Map.copyOf(attributes);
  }

  /**
   * Starts a builder.
   *
   * @param caller the caller
   * @param model the model
   * @return a builder
   */
  public static Builder builder(Caller caller, ModelRef model) {
    return new Builder(caller, model);
  }

  /**
   * A builder seeded with this invocation.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(caller, model);
    b.action = action;
    b.callSite = callSite;
    b.messages.addAll(messages);
    b.tools.addAll(tools);
    b.dataLabels.addAll(dataLabels);
    b.tokenEstimate = tokenEstimate;
    b.attributes.putAll(attributes);
    return b;
  }

  /**
   * The same invocation with other messages.
   *
   * @param newMessages messages
   * @return an invocation
   */
  public Invocation withMessages(List<Message> newMessages) {
    return new Invocation(caller, model, action, callSite, newMessages, tools, dataLabels,
        tokenEstimate, attributes);
  }

  @Override
  public String toString() {
    return "Invocation[caller=" + caller + ", model=" + model + ", action=" + action
        + ", callSite=" + callSite + ", messages=" + messages.size() + ", tools=" + tools
        + ", dataLabels=" + dataLabels + "]";
  }

  /** Builds an {@link Invocation}. */
  public static final class Builder {
    private Caller caller;
    private ModelRef model;
    private String action = DEFAULT_ACTION;
    private String callSite = "";
    private final List<Message> messages = new ArrayList<>();
    private final List<String> tools = new ArrayList<>();
    private final Set<String> dataLabels = new LinkedHashSet<>();
    private long tokenEstimate;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private Builder(Caller caller, ModelRef model) {
      this.caller = Objects.requireNonNull(caller, "caller");
      this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * Sets the caller. @param caller caller @return this
     */
    public Builder caller(Caller caller) {
      this.caller = Objects.requireNonNull(caller, "caller");
      return this;
    }

    /**
     * Sets the model. @param model model @return this
     */
    public Builder model(ModelRef model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Sets the action. @param action action @return this
     */
    public Builder action(String action) {
      this.action = Objects.requireNonNull(action, "action");
      return this;
    }

    /**
     * Sets the call site. @param callSite call site @return this
     */
    public Builder callSite(String callSite) {
      this.callSite = Objects.requireNonNull(callSite, "callSite");
      return this;
    }

    /**
     * Adds a message. @param message message @return this
     */
    public Builder message(Message message) {
      messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    /**
     * Adds messages. @param all messages @return this
     */
    public Builder messages(List<Message> all) {
      all.forEach(this::message);
      return this;
    }

    /**
     * Adds a user message. @param text text @return this
     */
    public Builder userMessage(String text) {
      return message(Message.user(text));
    }

    /**
     * Adds offered tools. @param names names @return this
     */
    public Builder tools(String... names) {
      for (String n : names) {
        tools.add(Objects.requireNonNull(n, "tool"));
      }
      return this;
    }

    /**
     * Adds offered tools. @param names names @return this
     */
    public Builder tools(Iterable<String> names) {
      names.forEach(n -> tools.add(Objects.requireNonNull(n, "tool")));
      return this;
    }

    /**
     * Adds data labels. @param labels labels @return this
     */
    public Builder dataLabels(String... labels) {
      for (String l : labels) {
        dataLabels.add(Objects.requireNonNull(l, "label"));
      }
      return this;
    }

    /**
     * Adds data labels. @param labels labels @return this
     */
    public Builder dataLabels(Iterable<String> labels) {
      labels.forEach(l -> dataLabels.add(Objects.requireNonNull(l, "label")));
      return this;
    }

    /**
     * Sets the token estimate. @param tokens tokens @return this
     */
    public Builder tokenEstimate(long tokens) {
      this.tokenEstimate = tokens;
      return this;
    }

    /**
     * Adds an attribute. @param name name @param value value @return this
     */
    public Builder attribute(String name, String value) {
      attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds. @return the invocation
     */
    public Invocation build() {
      return new Invocation(caller, model, action, callSite, messages, tools, dataLabels,
          tokenEstimate, attributes);
    }
  }
}
