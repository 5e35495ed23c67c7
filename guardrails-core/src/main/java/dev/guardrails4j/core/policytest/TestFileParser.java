package dev.guardrails4j.core.policytest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
import dev.guardrails4j.core.policy.PolicyProblem;
import java.io.IOException;
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

  private static final JsonFactory JSON = new JsonFactory();
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String file;
  private final List<PolicyProblem> problems = new ArrayList<>();

  TestFileParser(String file) {
    this.file = file;
  }

  PolicyTestFile file(Path path, String content, Path baseDir) {
    Tree root = read(content);
    List<Path> policyFiles = new ArrayList<>();
    List<PolicyTestCase> cases = new ArrayList<>();
    if (root != null && expectMap(root, "")) {
      unknownKeys(root, "", FILE_KEYS);
      Tree pf = root.map.get("policy-files");
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
      Map<String, Tree> defaults = Map.of();
      Tree d = root.map.get("defaults");
      if (d != null && expectMap(d, "defaults")) {
        unknownKeys(d, "defaults", INVOCATION_KEYS);
        defaults = d.map;
      }
      Tree cs = root.map.get("cases");
      if (cs == null) {
        problem(root, "cases", "missing; add a list of cases, each with a name, the invocation and 'expect'");
      } else if (cs.kind != Tree.Kind.LIST) {
        problem(cs, "cases", "expected a list of cases, got " + cs.describe());
      } else {
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < cs.list.size(); i++) {
          String p = "cases[" + i + "]";
          PolicyTestCase c = testCase(cs.list.get(i), p, defaults, true);
          if (c != null && !names.add(c.name())) {
            problem(cs.list.get(i), p + ".name", "duplicate case name '" + c.name() + "'");
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
    Tree root = read(content);
    PolicyTestCase c = null;
    if (root != null && expectMap(root, "")) {
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

  private @Nullable PolicyTestCase testCase(Tree n, String path, Map<String, Tree> defaults, boolean named) {
    if (!expectMap(n, path)) {
      return null;
    }
    int before = problems.size();
    unknownKeys(n, path, CASE_KEYS);
    String name = string(n, "name", join(path, "name"));
    if (name == null || name.isBlank()) {
      if (named) {
        problem(n, join(path, "name"), "missing; every case needs a name that says what it shows");
      }
      name = "invocation";
    }
    string(n, "description", join(path, "description"));
    Map<String, Tree> merged = new LinkedHashMap<>(defaults);
    for (String k : INVOCATION_KEYS) {
      if (n.map.containsKey(k)) {
        merged.put(k, n.map.get(k));
      }
    }
    Invocation invocation = invocation(merged, n, path);
    String answer = null;
    Tree a = n.map.get("answer");
    if (a != null) {
      if (a.kind != Tree.Kind.SCALAR) {
        problem(a, join(path, "answer"), "expected the model's answer as text, got " + a.describe());
      } else {
        answer = a.text;
      }
    }
    List<PolicyTestCase.ToolCallCase> toolCalls = toolCalls(n.map.get("tool-calls"), join(path, "tool-calls"));
    int repeat = 1;
    Tree r = n.map.get("repeat");
    if (r != null) {
      if (!(r.value instanceof Number num) || num.doubleValue() != num.intValue()
          || num.intValue() < 1 || num.intValue() > MAX_REPEAT) {
        problem(r, join(path, "repeat"), "expected a whole number from 1 to " + MAX_REPEAT + ", got " + r.describe());
      } else {
        repeat = num.intValue();
      }
    }
    Map<Phase, Expectation> expectations = new EnumMap<>(Phase.class);
    Tree e = n.map.get("expect");
    if (e == null) {
      if (named && toolCalls.stream().allMatch(tc -> tc.expectation() == null)) {
        problem(n, join(path, "expect"), "missing; say what each phase should decide, e.g. 'expect: { access: allow }'");
      }
    } else if (expectMap(e, join(path, "expect"))) {
      unknownKeys(e, join(path, "expect"), EXPECT_KEYS);
      for (Map.Entry<String, Tree> x : e.map.entrySet()) {
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
        problem(e.map.get("output"), join(path, "expect.output"), "the output phase runs only with an 'answer'; add one");
      }
      if (expectations.containsKey(Phase.TOOL) && expectations.get(Phase.TOOL).runs() && toolCalls.isEmpty()) {
        problem(e.map.get("tool"), join(path, "expect.tool"), "the tool phase runs only with 'tool-calls'; add some");
      }
    }
    if (problems.size() > before || invocation == null) {
      return null;
    }
    return new PolicyTestCase(name, n.line, invocation, answer, toolCalls, repeat, expectations);
  }

  private @Nullable Invocation invocation(Map<String, Tree> v, Tree caseNode, String path) {
    int before = problems.size();
    Workload workload = Workload.UNKNOWN;
    Tree w = v.get("workload");
    if (w != null) {
      if (w.kind == Tree.Kind.SCALAR && !w.text.isBlank()) {
        workload = Workload.of(w.text);
      } else if (w.kind == Tree.Kind.MAP) {
        unknownKeys(w, join(path, "workload"), WORKLOAD_KEYS);
        String id = string(w, "id", join(path, "workload.id"));
        if (id == null || id.isBlank()) {
          problem(w, join(path, "workload.id"), "missing; the workload id, e.g. spiffe://example.org/ns/app/sa/api");
        } else {
          workload = new Workload(id, stringMap(w.map.get("attributes"), join(path, "workload.attributes")));
        }
      } else {
        problem(w, join(path, "workload"), "expected a workload id or { id, attributes }, got " + w.describe());
      }
    }
    User user = null;
    Tree u = v.get("user");
    if (u != null && !(u.kind == Tree.Kind.NULL || u.kind == Tree.Kind.SCALAR && u.text.equals("none"))) {
      if (u.kind == Tree.Kind.SCALAR && !u.text.isBlank()) {
        user = User.of(u.text);
      } else if (u.kind == Tree.Kind.MAP) {
        String up = join(path, "user");
        unknownKeys(u, up, USER_KEYS);
        String subject = string(u, "subject", up + ".subject");
        String tenant = string(u, "tenant", up + ".tenant");
        if (subject == null || subject.isBlank()) {
          problem(u, up + ".subject", "missing; the user's stable id (e.g. the 'sub' claim)");
        } else if (tenant != null && tenant.isBlank()) {
          problem(u.map.get("tenant"), up + ".tenant", "must not be blank; leave it out for no tenant");
        } else {
          user = User.builder(subject).tenant(tenant)
              .roles(strings(u.map.get("roles"), up + ".roles"))
              .groups(strings(u.map.get("groups"), up + ".groups"))
              .build();
          Map<String, String> attrs = stringMap(u.map.get("attributes"), up + ".attributes");
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
    Tree m = v.get("model");
    if (m == null) {
      problem(caseNode, join(path, "model"), "missing; name the model as provider:name, e.g. openai:gpt-4o (here or in 'defaults')");
    } else if (m.kind != Tree.Kind.SCALAR) {
      problem(m, join(path, "model"), "expected provider:name, got " + m.describe());
    } else {
      try {
        model = ModelRef.parse(m.text);
      } catch (IllegalArgumentException e) {
        problem(m, join(path, "model"), e.getMessage());
      }
    }
    String action = Invocation.DEFAULT_ACTION;
    Tree ac = v.get("action");
    if (ac != null) {
      if (ac.kind != Tree.Kind.SCALAR || ac.text.isBlank()) {
        problem(ac, join(path, "action"), "expected the action name, e.g. summarize-ticket, got " + ac.describe());
      } else {
        action = ac.text;
      }
    }
    List<Message> messages = messages(v.get("messages"), join(path, "messages"));
    List<String> data = strings(v.get("data"), join(path, "data"));
    List<String> tools = strings(v.get("tools"), join(path, "tools"));
    Map<String, String> attributes = stringMap(v.get("attributes"), join(path, "attributes"));
    String callSite = "";
    Tree cs = v.get("call-site");
    if (cs != null) {
      if (cs.kind != Tree.Kind.SCALAR) {
        problem(cs, join(path, "call-site"), "expected text such as Class#method");
      } else {
        callSite = cs.text;
      }
    }
    long tokens = 0;
    Tree te = v.get("token-estimate");
    if (te != null) {
      if (!(te.value instanceof Number num) || num.longValue() < 0 || num.doubleValue() != num.longValue()) {
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

  private List<Message> messages(@Nullable Tree n, String path) {
    if (n == null) {
      return List.of();
    }
    List<Tree> items = n.kind == Tree.Kind.LIST ? n.list : List.of(n);
    List<Message> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Tree e = items.get(i);
      String p = n.kind == Tree.Kind.LIST ? path + "[" + i + "]" : path;
      if (e.kind == Tree.Kind.SCALAR) {
        out.add(Message.user(e.text));
        continue;
      }
      if (!expectMap(e, p)) {
        continue;
      }
      unknownKeys(e, p, MESSAGE_KEYS);
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
          problem(e.map.get("role"), p + ".role", "unknown role '" + roleText + "'; allowed: system, user, assistant, tool-result");
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

  private List<PolicyTestCase.ToolCallCase> toolCalls(@Nullable Tree n, String path) {
    if (n == null) {
      return List.of();
    }
    if (n.kind != Tree.Kind.LIST) {
      problem(n, path, "expected a list of { name, arguments, expect }");
      return List.of();
    }
    List<PolicyTestCase.ToolCallCase> out = new ArrayList<>();
    for (int i = 0; i < n.list.size(); i++) {
      Tree e = n.list.get(i);
      String p = path + "[" + i + "]";
      if (e.kind == Tree.Kind.SCALAR && !e.text.isBlank()) {
        out.add(new PolicyTestCase.ToolCallCase(ToolCall.of(e.text, "{}"), null));
        continue;
      }
      if (!expectMap(e, p)) {
        continue;
      }
      unknownKeys(e, p, TOOL_CALL_KEYS);
      String name = string(e, "name", p + ".name");
      if (name == null || name.isBlank()) {
        problem(e, p + ".name", "missing; the tool's name");
        continue;
      }
      String arguments = "{}";
      Tree args = e.map.get("arguments");
      if (args != null) {
        if (args.kind == Tree.Kind.SCALAR) {
          arguments = args.text;
        } else if (args.kind != Tree.Kind.NULL) {
          try {
            arguments = MAPPER.writeValueAsString(args.toPlain());
          } catch (JsonProcessingException ex) {
            problem(args, p + ".arguments", "cannot be written as JSON: " + ex.getOriginalMessage());
          }
        }
      }
      String id = string(e, "id", p + ".id");
      Expectation exp = null;
      Tree x = e.map.get("expect");
      if (x != null) {
        exp = expectation(x, p + ".expect");
      }
      out.add(new PolicyTestCase.ToolCallCase(new ToolCall(id == null ? "" : id, name, arguments), exp));
    }
    return out;
  }

  private @Nullable Expectation expectation(Tree n, String path) {
    if (n.kind == Tree.Kind.SCALAR) {
      String s = n.text.trim().toLowerCase(Locale.ROOT);
      if (s.equals("not-run")) {
        return new Expectation(false, null, null, List.of(), List.of(), false, "", null, n.line);
      }
      Verdict v = verdict(n, path);
      return v == null ? null : new Expectation(true, v, null, List.of(), List.of(), false, "", null, n.line);
    }
    if (!expectMap(n, path)) {
      return null;
    }
    int before = problems.size();
    unknownKeys(n, path, EXPECTATION_KEYS);
    Verdict verdict = null;
    Tree vn = n.map.get("verdict");
    if (vn != null) {
      if (vn.kind == Tree.Kind.SCALAR && vn.text.trim().equalsIgnoreCase("not-run")) {
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
        problem(n.map.get("mode"), path + ".mode", e.getMessage());
      }
    }
    List<String> policies = strings(n.map.get("policies"), path + ".policies");
    Tree fn = n.map.get("findings");
    List<String> findings = strings(fn, path + ".findings");
    boolean noFindings = fn != null && fn.kind == Tree.Kind.LIST && fn.list.isEmpty();
    String reason = string(n, "reason", path + ".reason");
    Boolean retryAfter = null;
    Tree ra = n.map.get("retry-after");
    if (ra != null) {
      if (!(ra.value instanceof Boolean b)) {
        problem(ra, path + ".retry-after", "expected true or false, got " + ra.describe());
      } else {
        retryAfter = b;
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new Expectation(true, verdict, mode, policies, findings, noFindings, reason == null ? "" : reason,
        retryAfter, n.line);
  }

  private @Nullable Verdict verdict(Tree n, String path) {
    if (n.kind != Tree.Kind.SCALAR) {
      problem(n, path, "expected one of allow, allow-with-changes, deny, not-run; got " + n.describe());
      return null;
    }
    return switch (n.text.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "allow" -> Verdict.ALLOW;
      case "allow-with-changes" -> Verdict.ALLOW_WITH_CHANGES;
      case "deny" -> Verdict.DENY;
      default -> {
        problem(n, path, "expected one of allow, allow-with-changes, deny, not-run; got '" + n.text + "'");
        yield null;
      }
    };
  }

  // ---- small readers -------------------------------------------------------------------------

  private @Nullable Tree read(String content) {
    boolean json = file.toLowerCase(Locale.ROOT).endsWith(".json");
    if (content.isBlank()) {
      problems.add(new PolicyProblem(file, 1, 1, "", "the file is empty"));
      return null;
    }
    try (JsonParser p = (json ? JSON : YAML).createParser(content)) {
      if (p.nextToken() == null) {
        problems.add(new PolicyProblem(file, 1, 1, "", "the file is empty"));
        return null;
      }
      Tree t = Tree.read(p, 0);
      if (p.nextToken() != null) {
        JsonLocation l = p.currentTokenLocation();
        problems.add(new PolicyProblem(file, l.getLineNr(), l.getColumnNr(), "",
            "more than one document in the file; put every case in one 'cases' list"));
      }
      return t;
    } catch (Tree.DuplicateKey e) {
      problems.add(new PolicyProblem(file, e.line, e.column, e.key, "duplicate key '" + e.key + "'"));
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      problems.add(new PolicyProblem(file, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), "",
          "not valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage()));
    } catch (IOException | RuntimeException e) {
      problems.add(new PolicyProblem(file, 0, 0, "", "cannot read: " + e.getMessage()));
    }
    return null;
  }

  private @Nullable String string(Tree map, String key, String path) {
    Tree n = map.map.get(key);
    if (n == null || n.kind == Tree.Kind.NULL) {
      return null;
    }
    if (n.kind != Tree.Kind.SCALAR) {
      problem(n, path, "expected text, got " + n.describe());
      return null;
    }
    return n.text;
  }

  private List<String> strings(@Nullable Tree n, String path) {
    if (n == null || n.kind == Tree.Kind.NULL) {
      return List.of();
    }
    if (n.kind == Tree.Kind.SCALAR) {
      return List.of(n.text);
    }
    if (n.kind != Tree.Kind.LIST) {
      problem(n, path, "expected a name or a list of names, got " + n.describe());
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Tree e : n.list) {
      if (e.kind != Tree.Kind.SCALAR || e.text.isBlank()) {
        problem(e, path, "expected a non-empty name, got " + e.describe());
      } else {
        out.add(e.text);
      }
    }
    return out;
  }

  private Map<String, String> stringMap(@Nullable Tree n, String path) {
    if (n == null || n.kind == Tree.Kind.NULL) {
      return Map.of();
    }
    if (!expectMap(n, path)) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Tree> e : n.map.entrySet()) {
      if (e.getValue().kind != Tree.Kind.SCALAR) {
        problem(e.getValue(), path + "." + e.getKey(), "expected text, got " + e.getValue().describe());
      } else {
        out.put(e.getKey(), e.getValue().text);
      }
    }
    return out;
  }

  private boolean expectMap(Tree n, String path) {
    if (n.kind != Tree.Kind.MAP) {
      problem(n, path, "expected a map (key: value pairs), got " + n.describe());
      return false;
    }
    return true;
  }

  private void unknownKeys(Tree map, String path, Set<String> allowed) {
    for (String key : map.map.keySet()) {
      if (!allowed.contains(key)) {
        int[] pos = map.keyPositions.get(key);
        problems.add(new PolicyProblem(file, pos[0], pos[1], join(path, key),
            "unknown key '" + key + "'; allowed here: " + String.join(", ", new TreeSet<>(allowed))));
      }
    }
  }

  private void problem(@Nullable Tree n, String field, String message) {
    problems.add(new PolicyProblem(file, n == null ? 0 : n.line, n == null ? 0 : n.column, field, message));
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
