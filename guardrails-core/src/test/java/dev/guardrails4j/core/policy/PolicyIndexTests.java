package dev.guardrails4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.core.match.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyIndexTests {

  private static final String[] WORKLOAD_GLOBS = {
      "spiffe://example.org/ns/a/sa/*", "spiffe://example.org/ns/a/**", "spiffe://example.org/ns/b/sa/api",
      "spiffe://example.org/ns/*/sa/api", "**/sa/api", "spiffe://example.org/ns/a/sa/a?i",
      "spiffe://example.org/**/sa/*", "spiffe:*", "*", "spiffe://other.org/ns/a/sa/*"};
  private static final String[] WORKLOADS = {
      "spiffe://example.org/ns/a/sa/api", "spiffe://example.org/ns/a/sa/batch", "spiffe://example.org/ns/b/sa/api",
      "spiffe://example.org/ns/a/x/y", "spiffe://other.org/ns/a/sa/api", "spiffe://example.org/ns/c/sa/api",
      "local", "spiffe://example.org/ns/a/sa/", "/"};
  private static final String[] ACTIONS = {"summarize", "draft", "translate", "summarize-*", "*", "dra?t"};
  private static final String[] INVOKED_ACTIONS = {"summarize", "draft", "translate", "summarize-ticket", "unknown"};

  /*
   * The index returns exactly the policies a check of every policy finds, in file order, for
   * generated policy sets mixing literal and wildcard actions, workload globs with and without a
   * literal directory, several globs per policy and overlapping directories.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void selectsWhatCheckingEveryPolicySelects(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder y = new StringBuilder("version: 1\ndefaults: { access: deny }\npolicies:\n");
    for (int i = 0; i < 60; i++) {
      List<String> selectors = new ArrayList<>();
      if (r.nextInt(5) > 0) {
        selectors.add("workload: [" + pick(r, WORKLOAD_GLOBS, 1 + r.nextInt(2)) + "]");
      }
      if (r.nextInt(4) > 0) {
        selectors.add("action: [" + pick(r, ACTIONS, 1 + r.nextInt(2)) + "]");
      }
      if (r.nextBoolean()) {
        selectors.add("model: [\"openai:*\"]");
      }
      switch (r.nextInt(8)) {
        case 0 -> selectors.add("user: { roles: [" + (r.nextBoolean() ? "analyst" : "analyst, intern") + "] }");
        case 1 -> selectors.add("user: { tenant: [\"acme*\"], groups: [emea] }");
        case 2 -> selectors.add("user: { subject: [\"u-1\"] }");
        case 3 -> selectors.add("user: " + (r.nextBoolean() ? "none" : "required"));
        case 4 -> selectors.add("data: [confidential]");
        case 5 -> selectors.add("attributes: { channel: [web] }");
        default -> { }
      }
      y.append("  - id: p").append(i).append("\n    match: { ").append(String.join(", ", selectors)).append(" }\n");
      y.append("    access: ").append(r.nextInt(5) == 0 ? "deny" : "allow").append('\n');
    }
    PolicySet set = PolicySet.parse("generated.yaml", y.toString());
    int matched = 0;
    List<Caller> callers = List.of(Caller.of(Workload.of("w")), Caller.of(Workload.of("w"), User.of("u-1")),
        Caller.of(Workload.of("w"), User.builder("u-2").roles("analyst").tenant("acme-eu").groups("emea").build()));
    for (String workload : WORKLOADS) {
      for (String action : INVOKED_ACTIONS) {
        for (String model : List.of("openai:gpt-4o", "ollama:llama3")) {
          Caller who = callers.get(r.nextInt(callers.size()));
          Caller caller = who.user() == null ? Caller.of(Workload.of(workload)) : Caller.of(Workload.of(workload), who.user());
          Invocation.Builder b = Invocation.builder(caller, ModelRef.parse(model)).action(action);
          if (r.nextBoolean()) {
            b.dataLabels("confidential");
          }
          if (r.nextBoolean()) {
            b.attribute("channel", r.nextBoolean() ? "web" : "batch");
          }
          Invocation inv = b.build();
          List<Policy> expected = set.explain(inv).stream().filter(PolicySet.Explanation::matched)
              .map(PolicySet.Explanation::policy).toList();
          assertThat(set.select(inv)).as("%s %s %s", workload, action, model).containsExactlyElementsOf(expected);
          for (Policy p : set.policies()) {
            // the index's fast check orders the selectors differently; it must agree with explain's
            assertThat(new CompiledMatch(p.match()).matches(inv, model)).as("%s on %s", p.id(), inv)
                .isEqualTo(p.match().mismatch(inv, model) == null);
          }
          matched += expected.size();
        }
      }
    }
    assertThat(matched).as("the generated sets match something").isPositive();
  }

  @Test
  void returnsAPolicyUnderTwoMatchingDirectoriesOnce() {
    PolicySet set = PolicySet.parse("p.yaml", """
        version: 1
        defaults: { access: deny }
        policies:
          - id: both
            match: { workload: ["spiffe://example.org/ns/**", "spiffe://example.org/ns/a/sa/*"] }
            access: allow
          - id: other-team
            match: { workload: ["spiffe://example.org/ns/b/sa/*"] }
            access: allow
        """);
    Invocation inv = Invocation.builder(Caller.of(Workload.of("spiffe://example.org/ns/a/sa/api")),
        ModelRef.parse("openai:gpt-4o")).action("chat").build();

    assertThat(set.select(inv)).extracting(Policy::id).containsExactly("both");
  }

  @Test
  void filesPathGlobsUnderTheirLiteralDirectory() {
    assertThat(Glob.ofPath("spiffe://example.org/ns/a/sa/*").literalDirectory()).isEqualTo("spiffe://example.org/ns/a/sa/");
    assertThat(Glob.ofPath("spiffe://example.org/ns/a/sa/api").literalDirectory()).isEqualTo("spiffe://example.org/ns/a/sa/");
    assertThat(Glob.ofPath("spiffe://example.org/ns/te*m/sa/api").literalDirectory()).isEqualTo("spiffe://example.org/ns/");
    assertThat(Glob.ofPath("**/sa/api").literalDirectory()).isEmpty();
    assertThat(Glob.ofPath("local").literalDirectory()).isEmpty();
    assertThat(Glob.of("openai/gpt").literalDirectory()).as("name globs are not filed").isEmpty();
  }

  private static String pick(SplittableRandom r, String[] from, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("\"" + from[r.nextInt(from.length)] + "\"");
    }
    return String.join(", ", out);
  }
}
