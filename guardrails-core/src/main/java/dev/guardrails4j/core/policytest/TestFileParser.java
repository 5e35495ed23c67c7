package dev.guardrails4j.core.policytest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.Mode;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.ToolCall;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.core.internal.PositionedNode;
import dev.guardrails4j.core.internal.PositionedNode.Kind;
import dev.guardrails4j.core.policy.PolicyProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Reads policy test files, collecting every problem with its position. */
final class TestFileParser {

  static final Set<String> FILE_KEYS = Set.of("policy-files", "description", "defaults", "cases");
  static final Set<String> INVOCATION_KEYS = Set.of("workload", "user", "model", "action", "data",
      "attributes", "tools", "messages", "call-site", "token-estimate");
  static final Set<String> CASE_KEYS;
  static final Set<String> USER_KEYS = Set.of("subject", "tenant", "roles", "groups", "attributes");
  static final Set<String> WORKLOAD_KEYS = Set.of("id", "attributes");
  static final Set<String> MESSAGE_KEYS = Set.of("role", "text", "name");
  static final Set<String> TOOL_CALL_KEYS = Set.of("name", "arguments", "id", "expect");
  static final Set<String> EXPECT_KEYS = Set.of("access", "limits", "input", "output", "tool");
  static final Set<String> EXPECTATION_KEYS =
      Set.of("verdict", "mode", "policies", "findings", "reason", "retry-after");
  static final int MAX_REPEAT = 10_000;

  static {
    Set<String> keys = new TreeSet<>(INVOCATION_KEYS);
    keys.addAll(Set.of("name", "description", "answer", "tool-calls", "repeat", "expect"));
    CASE_KEYS = Set.copyOf(keys);
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String file;
  private final List<PolicyProblem> problems = new ArrayList<>();
  private final PositionedNode.Problems sink;

  TestFileParser(String file) {
    this.file = file;
    this.sink = (line, column, field, message) -> problems.add(new PolicyProblem(file, line, column, field, message));
  }

  PolicyTestFile file(Path path, String content, Path baseDir) {
    PositionedNode root = read(content);
    List<Path> policyFiles = new ArrayList<>();
    List<PolicyTestCase> cases = new ArrayList<>();
    if (root != null && root.expectMap("", sink)) {
      root.unknownKeys("", FILE_KEYS, sink);
      PositionedNode pf = root.map().get("policy-files");
      if (pf == null) {
        problem(root, "policy-files", "missing; name the policy files under test, relative to this file, e.g. 'policy-files: [support.yaml]'");
      } else {
        for (String name : strings(pf, "policy-files")) {
          policyFiles.add(baseDir.resolve(name).normalize());
        }
        if (policyFiles.isEmpty() && problems.isEmpty()) {
          problem(pf, "policy-files", "name at least one policy file");
        }
      }
      string(root, "description", "description");
      Map<String, PositionedNode> defaults = Map.of();
      PositionedNode d = root.map().get("defaults");
      if (d != null && d.expectMap("defaults", sink)) {
        d.unknownKeys("defaults", INVOCATION_KEYS, sink);
        defaults = d.map();
      }
      PositionedNode cs = root.map().get("cases");
      if (cs == null) {
        problem(root, "cases", "missing; add a list of cases, each with a name, the invocation and 'expect'");
      } else if (cs.kind() != Kind.LIST) {
        problem(cs, "cases", "expected a list of cases, got " + cs.describe());
      } else {
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < cs.list().size(); i++) {
          String p = "cases[" + i + "]";
          PolicyTestCase c = testCase(cs.list().get(i), p, defaults, true);
          if (c != null && !names.add(c.name())) {
            problem(cs.list().get(i), p + ".name", "duplicate case name '" + c.name() + "'");
          } else if (c != null) {
            cases.add(c);
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new PolicyTestException(problems);
    }
    return new PolicyTestFile(path, policyFiles, cases);
  }

  PolicyTestCase singleCase(String content) {
    PositionedNode root = read(content);
    PolicyTestCase c = null;
    if (root != null && root.expectMap("", sink)) {
      c = testCase(root, "", Map.of(), false);
    }
    if (!problems.isEmpty() || c == null) {
      if (problems.isEmpty()) {
        problems.add(new PolicyProblem(file, 1, 1, "", "no invocation could be read"));
      }
      throw new PolicyTestException(problems);
    }
    return c;
  }

  // ---- cases ---------------------------------------------------------------------------------

  private @Nullable PolicyTestCase testCase(PositionedNode n, String path, Map<String, PositionedNode> defaults, boolean named) {
    if (!n.expectMap(path, sink)) {
      return null;
    }
    int before = problems.size();
    n.unknownKeys(path, CASE_KEYS, sink);
    String name = string(n, "name", join(path, "name"));
    if (name == null || name.isBlank()) {
      if (named) {
        problem(n, join(path, "name"), "missing; every case needs a name that says what it shows");
      }
      name = "invocation";
    }
    string(n, "description", join(path, "description"));
    Map<String, PositionedNode> merged = new LinkedHashMap<>(defaults);
    for (String k : INVOCATION_KEYS) {
      if (n.map().containsKey(k)) {
        merged.put(k, n.map().get(k));
      }
    }
    Invocation invocation = invocation(merged, n, path);
    String answer = null;
    PositionedNode a = n.map().get("answer");
    if (a != null) {
      if (!a.isScalar()) {
        problem(a, join(path, "answer"), "expected the model's answer as text, got " + a.describe());
      } else {
        answer = a.sourceText();
      }
    }
    List<PolicyTestCase.ToolCallCase> toolCalls = toolCalls(n.map().get("tool-calls"), join(path, "tool-calls"));
    int repeat = 1;
    PositionedNode r = n.map().get("repeat");
    if (r != null) {
      if (!(r.scalar() instanceof Number num) || num.doubleValue() != num.intValue()
          || num.intValue() < 1 || num.intValue() > MAX_REPEAT) {
        problem(r, join(path, "repeat"), "expected a whole number from 1 to " + MAX_REPEAT + ", got " + r.describe());
      } else {
        repeat = num.intValue();
      }
    }
    Map<Phase, Expectation> expectations = new EnumMap<>(Phase.class);
    PositionedNode e = n.map().get("expect");
    if (e == null) {
      if (named && toolCalls.stream().allMatch(tc -> tc.expectation() == null)) {
        problem(n, join(path, "expect"), "missing; say what each phase should decide, e.g. 'expect: { access: allow }'");
      }
    } else if (e.expectMap(join(path, "expect"), sink)) {
      e.unknownKeys(join(path, "expect"), EXPECT_KEYS, sink);
      for (Map.Entry<String, PositionedNode> x : e.map().entrySet()) {
        if (!EXPECT_KEYS.contains(x.getKey())) {
          continue;
        }
        Phase phase = Phase.valueOf(x.getKey().toUpperCase(Locale.ROOT));
        Expectation exp = expectation(x.getValue(), join(path, "expect." + x.getKey()));
        if (exp != null) {
          expectations.put(phase, exp);
        }
      }
      Expectation out = expectations.get(Phase.OUTPUT);
      if (out != null && out.runs() && answer == null) {
        problem(e.map().get("output"), join(path, "expect.output"), "the output phase runs only with an 'answer'; add one");
      }
      if (expectations.containsKey(Phase.TOOL) && expectations.get(Phase.TOOL).runs() && toolCalls.isEmpty()) {
        problem(e.map().get("tool"), join(path, "expect.tool"), "the tool phase runs only with 'tool-calls'; add some");
      }
    }
    if (problems.size() > before || invocation == null) {
      return null;
    }
    return new PolicyTestCase(name, n.line(), invocation, answer, toolCalls, repeat, expectations);
  }

  private @Nullable Invocation invocation(Map<String, PositionedNode> v, PositionedNode caseNode, String path) {
    int before = problems.size();
    Workload workload = Workload.UNKNOWN;
    PositionedNode w = v.get("workload");
    if (w != null) {
      if (w.isScalar() && !w.sourceText().isBlank()) {
        workload = Workload.of(w.sourceText());
      } else if (w.kind() == Kind.MAP) {
        w.unknownKeys(join(path, "workload"), WORKLOAD_KEYS, sink);
        String id = string(w, "id", join(path, "workload.id"));
        if (id == null || id.isBlank()) {
          problem(w, join(path, "workload.id"), "missing; the workload id, e.g. spiffe://example.org/ns/app/sa/api");
        } else {
          workload = new Workload(id, stringMap(w.map().get("attributes"), join(path, "workload.attributes")));
        }
      } else {
        problem(w, join(path, "workload"), "expected a workload id or { id, attributes }, got " + w.describe());
      }
    }
    User user = null;
    PositionedNode u = v.get("user");
    if (u != null && !(u.kind() == Kind.NULL || u.isScalar() && u.sourceText().equals("none"))) {
      if (u.isScalar() && !u.sourceText().isBlank()) {
        user = User.of(u.sourceText());
      } else if (u.kind() == Kind.MAP) {
        String up = join(path, "user");
        u.unknownKeys(up, USER_KEYS, sink);
        String subject = string(u, "subject", up + ".subject");
        String tenant = string(u, "tenant", up + ".tenant");
        if (subject == null || subject.isBlank()) {
          problem(u, up + ".subject", "missing; the user's stable id (e.g. the 'sub' claim)");
        } else if (tenant != null && tenant.isBlank()) {
          problem(u.map().get("tenant"), up + ".tenant", "must not be blank; leave it out for no tenant");
        } else {
          user = User.builder(subject).tenant(tenant)
              .roles(strings(u.map().get("roles"), up + ".roles"))
              .groups(strings(u.map().get("groups"), up + ".groups"))
              .build();
          Map<String, String> attrs = stringMap(u.map().get("attributes"), up + ".attributes");
          if (!attrs.isEmpty()) {
            User.Builder b = User.builder(subject).tenant(tenant).roles(user.roles()).groups(user.groups());
            attrs.forEach(b::attribute);
            user = b.build();
          }
        }
      } else {
        problem(u, join(path, "user"), "expected a subject, { subject, tenant, roles, groups, attributes } or 'none', got " + u.describe());
      }
    }
    ModelRef model = null;
    PositionedNode m = v.get("model");
    if (m == null) {
      problem(caseNode, join(path, "model"), "missing; name the model as provider:name, e.g. openai:gpt-4o (here or in 'defaults')");
    } else if (!m.isScalar()) {
      problem(m, join(path, "model"), "expected provider:name, got " + m.describe());
    } else {
      try {
        model = ModelRef.parse(m.sourceText());
      } catch (IllegalArgumentException e) {
        problem(m, join(path, "model"), e.getMessage());
      }
    }
    String action = Invocation.DEFAULT_ACTION;
    PositionedNode ac = v.get("action");
    if (ac != null) {
      if (!ac.isScalar() || ac.sourceText().isBlank()) {
        problem(ac, join(path, "action"), "expected the action name, e.g. summarize-ticket, got " + ac.describe());
      } else {
        action = ac.sourceText();
      }
    }
    List<Message> messages = messages(v.get("messages"), join(path, "messages"));
    List<String> data = strings(v.get("data"), join(path, "data"));
    List<String> tools = strings(v.get("tools"), join(path, "tools"));
    Map<String, String> attributes = stringMap(v.get("attributes"), join(path, "attributes"));
    String callSite = "";
    PositionedNode cs = v.get("call-site");
    if (cs != null) {
      if (!cs.isScalar()) {
        problem(cs, join(path, "call-site"), "expected text such as Class#method");
      } else {
        callSite = cs.sourceText();
      }
    }
    long tokens = 0;
    PositionedNode te = v.get("token-estimate");
    if (te != null) {
      if (!(te.scalar() instanceof Number num) || num.longValue() < 0 || num.doubleValue() != num.longValue()) {
        problem(te, join(path, "token-estimate"), "expected a whole number >= 0, got " + te.describe());
      } else {
        tokens = num.longValue();
      }
    }
    if (problems.size() > before || model == null) {
      return null;
    }
    Caller caller = user == null ? Caller.of(workload) : Caller.of(workload, user);
    Invocation.Builder b = Invocation.builder(caller, model).action(action).callSite(callSite)
        .messages(messages).dataLabels(data).tools(tools).tokenEstimate(tokens);
    attributes.forEach(b::attribute);
    return b.build();
  }

  private List<Message> messages(@Nullable PositionedNode n, String path) {
    if (n == null) {
      return List.of();
    }
    List<PositionedNode> items = n.kind() == Kind.LIST ? n.list() : List.of(n);
    List<Message> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      PositionedNode e = items.get(i);
      String p = n.kind() == Kind.LIST ? path + "[" + i + "]" : path;
      if (e.isScalar()) {
        out.add(Message.user(e.sourceText()));
        continue;
      }
      if (!e.expectMap(p, sink)) {
        continue;
      }
      e.unknownKeys(p, MESSAGE_KEYS, sink);
      String text = string(e, "text", p + ".text");
      if (text == null) {
        problem(e, p + ".text", "missing; the message text");
        continue;
      }
      String roleText = string(e, "role", p + ".role");
      Message.Role role = Message.Role.USER;
      if (roleText != null) {
        try {
          role = Message.Role.valueOf(roleText.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException ex) {
          problem(e.map().get("role"), p + ".role", "unknown role '" + roleText + "'; allowed: system, user, assistant, tool-result");
          continue;
        }
      }
      String name = string(e, "name", p + ".name");
      if (role == Message.Role.TOOL_RESULT && (name == null || name.isBlank())) {
        problem(e, p + ".name", "a tool-result message needs the tool's 'name'");
        continue;
      }
      out.add(new Message(role, text, name));
    }
    return out;
  }

  private List<PolicyTestCase.ToolCallCase> toolCalls(@Nullable PositionedNode n, String path) {
    if (n == null) {
      return List.of();
    }
    if (n.kind() != Kind.LIST) {
      problem(n, path, "expected a list of { name, arguments, expect }");
      return List.of();
    }
    List<PolicyTestCase.ToolCallCase> out = new ArrayList<>();
    for (int i = 0; i < n.list().size(); i++) {
      PositionedNode e = n.list().get(i);
      String p = path + "[" + i + "]";
      if (e.isScalar() && !e.sourceText().isBlank()) {
        out.add(new PolicyTestCase.ToolCallCase(ToolCall.of(e.sourceText(), "{}"), null));
        continue;
      }
      if (!e.expectMap(p, sink)) {
        continue;
      }
      e.unknownKeys(p, TOOL_CALL_KEYS, sink);
      String name = string(e, "name", p + ".name");
      if (name == null || name.isBlank()) {
        problem(e, p + ".name", "missing; the tool's name");
        continue;
      }
      String arguments = "{}";
      PositionedNode args = e.map().get("arguments");
      if (args != null) {
        if (args.isScalar()) {
          arguments = args.sourceText();
        } else if (args.kind() != Kind.NULL) {
          try {
            arguments = MAPPER.writeValueAsString(args.toPlain());
          } catch (JsonProcessingException ex) {
            problem(args, p + ".arguments", "cannot be written as JSON: " + ex.getOriginalMessage());
          }
        }
      }
      String id = string(e, "id", p + ".id");
      Expectation exp = null;
      PositionedNode x = e.map().get("expect");
      if (x != null) {
        exp = expectation(x, p + ".expect");
      }
      out.add(new PolicyTestCase.ToolCallCase(new ToolCall(id == null ? "" : id, name, arguments), exp));
    }
    return out;
  }

  private @Nullable Expectation expectation(PositionedNode n, String path) {
    if (n.isScalar()) {
      String s = n.sourceText().trim().toLowerCase(Locale.ROOT);
      if (s.equals("not-run")) {
        return new Expectation(false, null, null, List.of(), List.of(), false, "", null, n.line());
      }
      Verdict v = verdict(n, path);
      return v == null ? null : new Expectation(true, v, null, List.of(), List.of(), false, "", null, n.line());
    }
    if (!n.expectMap(path, sink)) {
      return null;
    }
    int before = problems.size();
    n.unknownKeys(path, EXPECTATION_KEYS, sink);
    Verdict verdict = null;
    PositionedNode vn = n.map().get("verdict");
    if (vn != null) {
      if (vn.isScalar() && vn.sourceText().trim().equalsIgnoreCase("not-run")) {
        problem(vn, path + ".verdict", "write 'not-run' alone, without other expectations");
      } else {
        verdict = verdict(vn, path + ".verdict");
      }
    }
    Mode mode = null;
    String modeText = string(n, "mode", path + ".mode");
    if (modeText != null) {
      try {
        mode = Mode.parse(modeText);
      } catch (IllegalArgumentException e) {
        problem(n.map().get("mode"), path + ".mode", e.getMessage());
      }
    }
    List<String> policies = strings(n.map().get("policies"), path + ".policies");
    PositionedNode fn = n.map().get("findings");
    List<String> findings = strings(fn, path + ".findings");
    boolean noFindings = fn != null && fn.kind() == Kind.LIST && fn.list().isEmpty();
    String reason = string(n, "reason", path + ".reason");
    Boolean retryAfter = null;
    PositionedNode ra = n.map().get("retry-after");
    if (ra != null) {
      if (!(ra.scalar() instanceof Boolean b)) {
        problem(ra, path + ".retry-after", "expected true or false, got " + ra.describe());
      } else {
        retryAfter = b;
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new Expectation(true, verdict, mode, policies, findings, noFindings, reason == null ? "" : reason,
        retryAfter, n.line());
  }

  private @Nullable Verdict verdict(PositionedNode n, String path) {
    if (!n.isScalar()) {
      problem(n, path, "expected one of allow, allow-with-changes, deny, not-run; got " + n.describe());
      return null;
    }
    return switch (n.sourceText().trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "allow" -> Verdict.ALLOW;
      case "allow-with-changes" -> Verdict.ALLOW_WITH_CHANGES;
      case "deny" -> Verdict.DENY;
      default -> {
        problem(n, path, "expected one of allow, allow-with-changes, deny, not-run; got '" + n.sourceText() + "'");
        yield null;
      }
    };
  }

  // ---- small readers -------------------------------------------------------------------------

  private @Nullable PositionedNode read(String content) {
    return PositionedNode.parse(file, content, "the file is empty", "put every case in one 'cases' list",
        sink);
  }

  private @Nullable String string(PositionedNode map, String key, String path) {
    PositionedNode n = map.map().get(key);
    if (n == null || n.kind() == Kind.NULL) {
      return null;
    }
    if (!n.isScalar()) {
      problem(n, path, "expected text, got " + n.describe());
      return null;
    }
    return n.sourceText();
  }

  private List<String> strings(@Nullable PositionedNode n, String path) {
    if (n == null || n.kind() == Kind.NULL) {
      return List.of();
    }
    if (n.isScalar()) {
      return List.of(n.sourceText());
    }
    if (n.kind() != Kind.LIST) {
      problem(n, path, "expected a name or a list of names, got " + n.describe());
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (PositionedNode e : n.list()) {
      if (!e.isScalar() || e.sourceText().isBlank()) {
        problem(e, path, "expected a non-empty name, got " + e.describe());
      } else {
        out.add(e.sourceText());
      }
    }
    return out;
  }

  private Map<String, String> stringMap(@Nullable PositionedNode n, String path) {
    if (n == null || n.kind() == Kind.NULL) {
      return Map.of();
    }
    if (!n.expectMap(path, sink)) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, PositionedNode> e : n.map().entrySet()) {
      if (!e.getValue().isScalar()) {
        problem(e.getValue(), path + "." + e.getKey(), "expected text, got " + e.getValue().describe());
      } else {
        out.put(e.getKey(), e.getValue().sourceText());
      }
    }
    return out;
  }

  private void problem(@Nullable PositionedNode n, String field, String message) {
    problems.add(new PolicyProblem(file, n == null ? 0 : n.line(), n == null ? 0 : n.column(), field, message));
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
