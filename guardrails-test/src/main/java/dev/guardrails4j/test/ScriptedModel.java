package dev.guardrails4j.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory model for tests: a function from prompt to answer, decided by rules tried in the
 * order they were added. It needs no model library; adapters (for example LangChain4j's
 * {@code ChatModel}) can wrap it.
 *
 * <pre>{@code
 * ScriptedModel model = ScriptedModel.builder()
 *     .whenExact("ping", "pong")
 *     .whenContains("refund", "Refunds take five days.")
 *     .whenMatches("order #\\d+", "Your order ships tomorrow.")
 *     .otherwise("I do not know.")
 *     .build();
 * String answer = model.apply("Where is order #42?");   // "Your order ships tomorrow."
 * }</pre>
 *
 * <p>Thread-safe; every prompt received is recorded in {@link #prompts()}.
 */
public final class ScriptedModel implements UnaryOperator<String> {

  private final List<Rule> rules;
  private final @Nullable Function<String, String> otherwise;
  private final ConcurrentLinkedQueue<String> prompts = new ConcurrentLinkedQueue<>();

  private ScriptedModel(List<Rule> rules, @Nullable Function<String, String> otherwise) {
    this.rules = List.copyOf(rules);
    this.otherwise = otherwise;
  }

  /**
   * Starts a builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A model that gives the same answer to every prompt.
   *
   * @param answer the answer
   * @return the model
   */
  public static ScriptedModel always(String answer) {
    return builder().otherwise(answer).build();
  }

  /**
   * Answers a prompt with the first rule that matches it.
   *
   * @param prompt the prompt
   * @return the answer
   * @throws IllegalStateException if no rule matches and no {@code otherwise} answer was given
   */
  @Override
  public String apply(String prompt) {
    Objects.requireNonNull(prompt, "prompt");
    prompts.add(prompt);
    for (Rule r : rules) {
      if (r.when.test(prompt)) {
        return r.answer.apply(prompt);
      }
    }
    if (otherwise != null) {
      return otherwise.apply(prompt);
    }
    String shown = prompt.length() > 80 ? prompt.substring(0, 80) + "..." : prompt;
    throw new IllegalStateException("no rule of the scripted model matches the prompt '" + shown
        + "'; add a rule or an otherwise(...) answer");
  }

  /**
   * Answers a prompt; the same as {@link #apply(String)}.
   *
   * @param prompt the prompt
   * @return the answer
   */
  public String answer(String prompt) {
    return apply(prompt);
  }

  /**
   * Every prompt received so far.
   *
   * @return a snapshot, in arrival order
   */
  public List<String> prompts() {
    return List.copyOf(prompts);
  }

  /**
   * How many prompts were received.
   *
   * @return the count
   */
  public int calls() {
    return prompts.size();
  }

  /** Forgets the prompts received. */
  public void clear() {
    prompts.clear();
  }

  private record Rule(Predicate<String> when, Function<String, String> answer) {}

  /** Builds a {@link ScriptedModel}; rules are tried in the order they are added. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private @Nullable Function<String, String> otherwise;

    private Builder() {}

    /**
     * Answers a prompt equal to a text.
     *
     * @param prompt the exact prompt
     * @param answer the answer
     * @return this
     */
    public Builder whenExact(String prompt, String answer) {
      Objects.requireNonNull(prompt, "prompt");
      return when(prompt::equals, answer);
    }

    /**
     * Answers a prompt that contains a text.
     *
     * @param text the text, not empty
     * @param answer the answer
     * @return this
     * @throws IllegalArgumentException if the text is empty
     */
    public Builder whenContains(String text, String answer) {
      Objects.requireNonNull(text, "text");
      if (text.isEmpty()) {
        throw new IllegalArgumentException("whenContains needs a non-empty text; use otherwise(...) to match every prompt");
      }
      return when(p -> p.contains(text), answer);
    }

    /**
     * Answers a prompt in which a regular expression finds a match.
     *
     * @param regex a {@link Pattern} regular expression
     * @param answer the answer
     * @return this
     * @throws IllegalArgumentException if the expression is invalid
     */
    public Builder whenMatches(String regex, String answer) {
      Objects.requireNonNull(regex, "regex");
      Pattern p;
      try {
        p = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("whenMatches: invalid regular expression '" + regex + "': "
            + e.getDescription(), e);
      }
      return when(s -> p.matcher(s).find(), answer);
    }

    /**
     * Answers prompts that satisfy a condition.
     *
     * @param condition the condition
     * @param answer the answer
     * @return this
     */
    public Builder when(Predicate<String> condition, String answer) {
      Objects.requireNonNull(answer, "answer");
      return when(condition, p -> answer);
    }

    /**
     * Answers prompts that satisfy a condition with an answer computed from the prompt.
     *
     * @param condition the condition
     * @param answer computes the answer
     * @return this
     */
    public Builder when(Predicate<String> condition, Function<String, String> answer) {
      rules.add(new Rule(Objects.requireNonNull(condition, "condition"), Objects.requireNonNull(answer, "answer")));
      return this;
    }

    /**
     * The answer when no rule matches.
     *
     * @param answer the answer
     * @return this
     * @throws IllegalStateException if a default answer was already set
     */
    public Builder otherwise(String answer) {
      Objects.requireNonNull(answer, "answer");
      return otherwise(p -> answer);
    }

    /**
     * The answer, computed from the prompt, when no rule matches (for example an echo).
     *
     * @param answer computes the answer
     * @return this
     * @throws IllegalStateException if a default answer was already set
     */
    public Builder otherwise(Function<String, String> answer) {
      Objects.requireNonNull(answer, "answer");
      if (otherwise != null) {
        throw new IllegalStateException("otherwise(...) was already set");
      }
      this.otherwise = answer;
      return this;
    }

    /**
     * Builds the model.
     *
     * @return the model
     * @throws IllegalStateException if it has neither rules nor a default answer
     */
    public ScriptedModel build() {
      if (rules.isEmpty() && otherwise == null) {
        throw new IllegalStateException("a scripted model needs at least one rule or an otherwise(...) answer");
      }
      return new ScriptedModel(rules, otherwise);
    }
  }
}
