package dev.guardrails4j.core.policy;

import dev.guardrails4j.api.Mode;
import dev.guardrails4j.core.limit.LimitRule;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One policy: an identified rule set that matches invocations and says what applies to them.
 *
 * @param id unique id within the policy set
 * @param description what it is for
 * @param match what it matches
 * @param access allow, deny, or {@code null} when the policy only adds checks or limits
 * @param reason the reason given with a denial
 * @param mode the policy's mode, or {@code null} for the set's default
 * @param onError the policy's failure handling, or {@code null} for the set's default
 * @param input checks over the messages sent
 * @param output checks over the answer
 * @param tools tool rules
 * @param limits limits
 * @param file the file the policy came from
 * @param line its line in that file
 */
public record Policy(
    String id,
    String description,
    PolicyMatch match,
    @Nullable Access access,
    String reason,
    @Nullable Mode mode,
    @Nullable OnError onError,
    List<Check> input,
    List<Check> output,
    ToolRules tools,
    List<LimitRule> limits,
    String file,
    int line) {

  /** Validates and copies. */
  public Policy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(tools, "tools");
    Objects.requireNonNull(file, "file");
    input = List.copyOf(input);
    output = List.copyOf(output);
    limits = List.copyOf(limits);
  }
}
