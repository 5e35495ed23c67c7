package dev.guardrails4j.cli;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.ToolCall;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policy.PolicyProblem;
import dev.guardrails4j.core.policy.PolicySet;
import dev.guardrails4j.core.policytest.CaseResult;
import dev.guardrails4j.core.policytest.PolicyTestCase;
import dev.guardrails4j.core.policytest.PolicyTestException;
import dev.guardrails4j.core.policytest.PolicyTestRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code guardrails explain}: how the policies decide one invocation, phase by phase. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Shows how the policies decide one invocation, phase by phase.",
        "Prints the access decision, every policy with whether it matched and why not, and the results",
        "of the checks. Give the invocation as flags, or as JSON or YAML written like one case of a",
        "policy test file (--json FILE, or --json - for standard input).",
        "Exit code 0 when evaluated (whatever the verdict), 1 when the policies cannot be loaded, 2 on a",
        "usage error."})
final class ExplainCommand implements Callable<Integer> {

  private final Main.Io io;

  @Option(names = "--policy", required = true, paramLabel = "FILE", description = "Policy files or directories (repeatable).")
  List<Path> policies = new ArrayList<>();

  @Option(names = "--json", paramLabel = "FILE|-",
      description = "The invocation as JSON or YAML: workload, user {subject, roles, groups, tenant}, model, action, data, messages, answer, tool-calls.")
  @Nullable String json;

  @Option(names = "--workload", paramLabel = "ID", description = "The workload identity (default: unknown).")
  @Nullable String workload;

  @Option(names = "--user", paramLabel = "SUBJECT", description = "The end user's subject; leave out for a call without a user.")
  @Nullable String user;

  @Option(names = "--roles", split = ",", paramLabel = "ROLE", description = "The user's roles, comma-separated.")
  List<String> roles = new ArrayList<>();

  @Option(names = "--groups", split = ",", paramLabel = "GROUP", description = "The user's groups, comma-separated.")
  List<String> groups = new ArrayList<>();

  @Option(names = "--tenant", paramLabel = "TENANT", description = "The user's tenant.")
  @Nullable String tenant;

  @Option(names = "--model", paramLabel = "PROVIDER:NAME", description = "The model, for example openai:gpt-4o.")
  @Nullable String model;

  @Option(names = "--action", paramLabel = "ACTION", description = "The action (default: default).")
  @Nullable String action;

  @Option(names = "--data", split = ",", paramLabel = "LABEL", description = "Data labels, comma-separated.")
  List<String> data = new ArrayList<>();

  @Option(names = "--message", paramLabel = "TEXT", description = "A user message (repeatable).")
  List<String> messages = new ArrayList<>();

  @Option(names = "--answer", paramLabel = "TEXT", description = "A model answer to run the output checks on.")
  @Nullable String answer;

  @Option(names = "--tool", paramLabel = "NAME", description = "A tool call the model requests (repeatable).")
  List<String> tools = new ArrayList<>();

  ExplainCommand(Main.Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    PolicyTestCase invocation;
    try {
      invocation = json != null ? fromJson(json) : fromFlags();
    } catch (PolicyTestException e) {
      e.problems().forEach(p -> io.err().println(p));
      return 2;
    } catch (IllegalArgumentException e) {
      io.err().println("guardrails explain: " + e.getMessage());
      return 2;
    } catch (NoSuchFileException e) {
      io.err().println("guardrails explain: no such file: " + e.getFile());
      return 2;
    }
    PolicySet set;
    try {
      set = Policies.load(policies, DetectorCatalog.standard());
    } catch (Policies.Invalid e) {
      for (PolicyProblem p : e.problems) {
        io.out().println(p);
      }
      return 1;
    }
    print(set, invocation, PolicyTestRunner.standard().run(set, invocation));
    return 0;
  }

  private PolicyTestCase fromJson(String source) throws IOException {
    boolean flags = workload != null || user != null || !roles.isEmpty() || !groups.isEmpty() || tenant != null
        || model != null || action != null || !data.isEmpty() || !messages.isEmpty() || answer != null || !tools.isEmpty();
    if (flags) {
      throw new IllegalArgumentException("give the invocation as --json or as flags, not both");
    }
    if (source.equals("-")) {
      return PolicyTestCase.parse("<stdin>", new String(io.in().readAllBytes(), StandardCharsets.UTF_8));
    }
    Path p = Path.of(source);
    return PolicyTestCase.parse(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
  }

  private PolicyTestCase fromFlags() {
    if (model == null) {
      throw new IllegalArgumentException("--model is required (provider:name, for example openai:gpt-4o), or give --json");
    }
    if (user == null && (!roles.isEmpty() || !groups.isEmpty() || tenant != null)) {
      throw new IllegalArgumentException("--roles, --groups and --tenant describe a user: give --user too");
    }
    Workload w = workload == null ? Workload.UNKNOWN : Workload.of(workload);
    Caller caller = user == null ? Caller.of(w)
        : Caller.of(w, User.builder(user).tenant(tenant).roles(roles).groups(groups).build());
    Invocation.Builder b = Invocation.builder(caller, ModelRef.parse(model)).dataLabels(data);
    if (action != null) {
      b.action(action);
    }
    messages.forEach(b::userMessage);
    List<PolicyTestCase.ToolCallCase> calls = new ArrayList<>();
    for (String t : tools) {
      calls.add(new PolicyTestCase.ToolCallCase(ToolCall.of(t, "{}"), null));
    }
    return new PolicyTestCase("invocation", 0, b.build(), answer, calls, 1, Map.of());
  }

  private void print(PolicySet set, PolicyTestCase c, CaseResult result) {
    PrintStream out = io.out();
    Invocation inv = c.invocation();
    out.println("Policy set " + set.version() + ": " + set.policies().size() + " policies from " + set.sources());
    User u = inv.caller().user();
    out.println("Invocation: workload " + inv.caller().workload().id()
        + (u == null ? ", no user" : ", user " + u.subject() + " (roles " + u.roles() + ", groups " + u.groups()
            + ", tenant " + (u.tenant() == null ? "none" : u.tenant()) + ")")
        + ", model " + inv.model() + ", action " + inv.action() + ", data " + inv.dataLabels()
        + ", " + inv.messages().size() + " message" + (inv.messages().size() == 1 ? "" : "s"));
    out.println();
    List<CaseResult.PhaseOutcome> outcomes = result.outcomes();
    if (outcomes.isEmpty()) {
      out.println("The evaluation failed: " + String.join("; ", result.failures()));
      return;
    }
    printOutcome(out, outcomes.get(0));
    out.println();
    out.println("Policies:");
    int width = 0;
    for (PolicySet.Explanation e : set.explain(inv)) {
      width = Math.max(width, e.policy().id().length());
    }
    for (PolicySet.Explanation e : set.explain(inv)) {
      out.println("  " + (e.matched() ? "[x] " : "[ ] ") + pad(e.policy().id(), width) + "  " + e.why()
          + "  (" + e.policy().file() + ":" + e.policy().line() + ")");
    }
    out.println();
    for (int i = 1; i < outcomes.size(); i++) {
      printOutcome(out, outcomes.get(i));
    }
    if (c.answer() == null) {
      out.println("Output: not checked (give --answer)");
    }
  }

  private static void printOutcome(PrintStream out, CaseResult.PhaseOutcome o) {
    String label = Character.toUpperCase(o.label().charAt(0)) + o.label().substring(1);
    out.println(label + ": " + o.describe());
    Decision d = o.decision();
    if (d == null) {
      return;
    }
    for (String r : d.reasons()) {
      out.println("  reason: " + r);
    }
    for (Finding f : d.findings()) {
      out.println("  finding: " + f.detector() + " " + f.type() + " in message " + f.message() + " ["
          + f.start() + ", " + f.end() + ") score " + String.format(Locale.ROOT, "%.2f", f.score()) + " -> "
          + f.action().name().toLowerCase(Locale.ROOT));
    }
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
