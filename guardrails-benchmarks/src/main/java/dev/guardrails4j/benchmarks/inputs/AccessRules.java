package dev.guardrails4j.benchmarks.inputs;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.PolicySet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * A generated policy set of a given size, the same access rules written as CEL expressions, and
 * invocations to decide, all from a fixed seed.
 *
 * <p>The shape is an organisation's: teams (one per 25 policies) own workloads
 * ({@code spiffe://example.org/ns/team-N/sa/*}) and actions ({@code tN-summarize-ticket}, ...);
 * most policies allow a team's workload one or two of its actions on some models (globs such as
 * {@code openai:gpt-4o*}), half of them only for users with certain roles and some only for
 * certain tenants; one in ten denies instead; one in fifty allows a whole action family by glob
 * ({@code tN-*}); three global policies deny confidential data to hosted models, deny interns
 * hosted models (in monitor mode) and allow the platform team everything. Invocations mostly ask
 * for their own team's actions, sometimes for another team's or an unknown one, sometimes without
 * a user or with confidential data, so decisions are a mix of allow, deny and no match.
 *
 * <p>Globs become {@code startsWith} in CEL, literal lists become {@code in} lists.
 */
public final class AccessRules {

  /**
   * One policy's access rule as CEL.
   *
   * @param id the policy id
   * @param deny whether it denies (else it allows)
   * @param cel a boolean CEL expression over {@link #CEL_VARIABLES} that is true when the policy
   *     matches
   */
  public record Rule(String id, boolean deny, String cel) {}

  /**
   * The CEL variables, all strings or lists of strings: {@code workload}, {@code model}
   * ({@code provider:name}), {@code action}, {@code tenant} (empty without a user), {@code roles}
   * and {@code data} (the data labels).
   */
  public static final List<String> CEL_VARIABLES = List.of("workload", "model", "action", "tenant", "roles", "data");

  private static final String[] VERBS = {"summarize-ticket", "draft-reply", "classify-email", "translate-doc",
      "extract-invoice", "answer-faq", "review-code", "plan-sprint"};
  private static final String[] ROLES = {"support-analyst", "team-lead", "engineer", "sales", "intern",
      "finance", "auditor"};
  private static final String[][] MODEL_GLOBS = {{"openai:gpt-4o*"}, {"openai:gpt-4o-mini", "ollama:*"},
      {"anthropic:claude-*"}, {"ollama:*"}, {"openai:*", "anthropic:claude-sonnet-*"}};
  private static final String[] MODELS = {"openai:gpt-4o", "openai:gpt-4o-mini", "anthropic:claude-sonnet-4",
      "anthropic:claude-haiku-3", "ollama:llama3.1"};
  private static final String PLATFORM = "spiffe://example.org/ns/platform/sa/*";

  private final String yaml;
  private final List<Rule> rules;
  private final List<Invocation> invocations;

  private AccessRules(String yaml, List<Rule> rules, List<Invocation> invocations) {
    this.yaml = yaml;
    this.rules = List.copyOf(rules);
    this.invocations = List.copyOf(invocations);
  }

  /**
   * Generates rules and invocations.
   *
   * @param policies how many policies, at least 3
   * @param invocations how many invocations
   * @param seed the seed
   * @return the rules
   * @throws IllegalArgumentException if {@code policies} is under 3 or {@code invocations} under 1
   */
  public static AccessRules generate(int policies, int invocations, long seed) {
    if (policies < 3) {
      throw new IllegalArgumentException("policies: at least 3, got " + policies);
    }
    if (invocations < 1) {
      throw new IllegalArgumentException("invocations: at least 1, got " + invocations);
    }
    SplittableRandom r = new SplittableRandom(seed);
    int teams = Math.max(1, policies / 25);
    StringBuilder y = new StringBuilder("version: 1\ndefaults: { access: deny }\npolicies:\n");
    List<Rule> rules = new ArrayList<>(policies);
    y.append("""
          - id: confidential-stays-home
            match: { data: [confidential], model: ["openai:*", "anthropic:*"] }
            access: deny
            reason: Confidential content may only go to self-hosted models
          - id: interns-no-hosted-models
            match: { user: { roles: [intern] }, model: ["openai:*"] }
            access: deny
            mode: monitor
          - id: platform-team
            match: { workload: ["%s"] }
            access: allow
        """.formatted(PLATFORM));
    rules.add(new Rule("confidential-stays-home", true,
        "'confidential' in data && (model.startsWith('openai:') || model.startsWith('anthropic:'))"));
    rules.add(new Rule("interns-no-hosted-models", true, "'intern' in roles && model.startsWith('openai:')"));
    rules.add(new Rule("platform-team", false, "workload.startsWith('" + prefix(PLATFORM) + "')"));
    for (int i = 3; i < policies; i++) {
      int team = i % teams;
      String id = "p" + i + "-team-" + team;
      String workload = "spiffe://example.org/ns/team-" + team + "/sa/*";
      List<String> cel = new ArrayList<>();
      y.append("  - id: ").append(id).append('\n').append("    match:\n");
      y.append("      workload: [\"").append(workload).append("\"]\n");
      cel.add("workload.startsWith('" + prefix(workload) + "')");
      boolean deny;
      if (i % 50 == 7) {
        String family = "t" + team + "-*";
        y.append("      action: [\"").append(family).append("\"]\n");
        y.append("      model: [\"ollama:*\"]\n");
        cel.add("action.startsWith('" + prefix(family) + "')");
        cel.add("model.startsWith('ollama:')");
        deny = false;
      } else {
        Set<String> actions = new LinkedHashSet<>();
        int count = 1 + r.nextInt(2);
        while (actions.size() < count) {
          actions.add(action(team, r.nextInt(VERBS.length)));
        }
        y.append("      action: [").append(String.join(", ", actions)).append("]\n");
        cel.add("action in [" + actions.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", ")) + "]");
        String[] models = MODEL_GLOBS[r.nextInt(MODEL_GLOBS.length)];
        y.append("      model: [").append(List.of(models).stream().map(m -> "\"" + m + "\"")
            .collect(Collectors.joining(", "))).append("]\n");
        cel.add(models.length == 1 ? modelCel(models[0])
            : "(" + List.of(models).stream().map(AccessRules::modelCel).collect(Collectors.joining(" || ")) + ")");
        List<String> user = new ArrayList<>();
        List<String> userCel = new ArrayList<>();
        if (r.nextBoolean()) {
          Set<String> roles = new LinkedHashSet<>();
          int n = 1 + r.nextInt(2);
          while (roles.size() < n) {
            roles.add(ROLES[r.nextInt(ROLES.length - 2)]);
          }
          user.add("roles: [" + String.join(", ", roles) + "]");
          userCel.add(roles.size() == 1 ? "'" + roles.iterator().next() + "' in roles"
              : "(" + roles.stream().map(x -> "'" + x + "' in roles").collect(Collectors.joining(" || ")) + ")");
        }
        if (r.nextInt(10) < 3) {
          String tenant = "tenant-" + r.nextInt(20);
          user.add("tenant: [" + tenant + "]");
          userCel.add("tenant == '" + tenant + "'");
        }
        if (!user.isEmpty()) {
          y.append("      user: { ").append(String.join(", ", user)).append(" }\n");
          cel.addAll(userCel);
        }
        deny = r.nextInt(10) == 0;
      }
      if (deny) {
        y.append("    access: deny\n    reason: Not for this team\n");
      } else {
        y.append("    access: allow\n");
      }
      rules.add(new Rule(id, deny, String.join(" && ", cel)));
    }
    List<Invocation> invs = new ArrayList<>(invocations);
    for (int i = 0; i < invocations; i++) {
      invs.add(invocation(r, teams));
    }
    return new AccessRules(y.toString(), rules, invs);
  }

  private static Invocation invocation(SplittableRandom r, int teams) {
    int team = r.nextInt(teams);
    String workload = r.nextInt(20) == 0 ? "spiffe://example.org/ns/platform/sa/api"
        : "spiffe://example.org/ns/team-" + team + "/sa/api";
    int a = r.nextInt(10);
    String action = a < 8 ? action(team, r.nextInt(VERBS.length))
        : a == 8 ? action(r.nextInt(teams), r.nextInt(VERBS.length)) : "t" + team + "-unlisted-task";
    Caller caller;
    if (r.nextInt(100) < 85) {
      User.Builder u = User.builder("user-" + r.nextInt(10_000) + "@example.org").tenant("tenant-" + r.nextInt(20));
      u.roles(ROLES[r.nextInt(ROLES.length)]);
      if (r.nextBoolean()) {
        u.roles(ROLES[r.nextInt(ROLES.length)], ROLES[r.nextInt(ROLES.length)]);
      }
      caller = Caller.of(Workload.of(workload), u.build());
    } else {
      caller = Caller.of(Workload.of(workload));
    }
    Invocation.Builder b = Invocation.builder(caller, ModelRef.parse(MODELS[r.nextInt(MODELS.length)]))
        .action(action);
    if (r.nextInt(20) == 0) {
      b.dataLabels("confidential");
    }
    return b.build();
  }

  private static String action(int team, int verb) {
    return "t" + team + "-" + VERBS[verb];
  }

  private static String modelCel(String glob) {
    return glob.endsWith("*") ? "model.startsWith('" + prefix(glob) + "')" : "model == '" + glob + "'";
  }

  private static String prefix(String glob) {
    return glob.substring(0, glob.length() - 1);
  }

  /**
   * The CEL variables of an invocation, as a team would pass them to {@code Program.eval}.
   *
   * @param invocation the invocation
   * @return the variables by name
   */
  public static Map<String, Object> celVariables(Invocation invocation) {
    User user = invocation.caller().user();
    Map<String, Object> vars = new HashMap<>(8);
    vars.put("workload", invocation.caller().workload().id());
    vars.put("model", invocation.model().toString());
    vars.put("action", invocation.action());
    vars.put("tenant", user == null || user.tenant() == null ? "" : user.tenant());
    vars.put("roles", user == null ? List.of() : List.copyOf(user.roles()));
    vars.put("data", List.copyOf(invocation.dataLabels()));
    return vars;
  }

  /**
   * The policy document.
   *
   * @return YAML
   */
  public String yaml() {
    return yaml;
  }

  /**
   * The policy document parsed with the built-in detectors.
   *
   * @return the policy set
   */
  public PolicySet policySet() {
    return PolicySet.parse(List.of(new PolicyDocument("generated.yaml", yaml)), DetectorCatalog.builtIn());
  }

  /**
   * Each policy's access rule as CEL, in policy order.
   *
   * @return the rules
   */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * The invocations to decide.
   *
   * @return invocations
   */
  public List<Invocation> invocations() {
    return invocations;
  }
}
