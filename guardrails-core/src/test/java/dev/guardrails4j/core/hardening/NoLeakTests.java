package dev.guardrails4j.core.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import dev.guardrails4j.api.AuditEvent;
import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.ToolCall;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.api.spi.DecisionListener;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.core.StreamingOutput;
import dev.guardrails4j.core.audit.AuditJson;
import dev.guardrails4j.core.policy.PolicyReloader;
import dev.guardrails4j.testsupport.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeds secrets, card numbers and e-mail addresses into prompts, answers, streamed chunks, tool
 * arguments and results, exception messages of failing detectors and models, and user ids; drives
 * every kind of guarded call (allowed, redacted, blocked, monitored, refused tools, limits reached,
 * detector faults, model failures, policy reload errors); then looks for the seeded values, and
 * the parts of them that would give them away, in every log line at every level, every audit
 * event and decision, and every exception message and tool refusal the engine produced.
 *
 * <p>With {@code rawContentInAudit(true)} the same run must show the prompts' values in the audit
 * log: the search works, so its silence in the default run means something.
 */
class NoLeakTests {

  // Made-up values in the real formats, so that the real detectors act on them.
  static final String AWS_KEY = "AKIACBSLFPR3UPXXRUBU";
  static final String GITHUB_TOKEN = githubToken("sw0KSZFy2XPBgUm7JydSrm3tdvsemJ");
  static final String PEM_BODY = "o526cGR2HrRxJjpqcDKYcAyc6ezgvKX8Mk19Eh8eiaxn5LDW6okvlMxQ/P+QsqZxMneX60gH"
      + "sgQtEvdQHf7HQNuD9l1FzmlrxBE8sD5b6Ghze8C0nA8M0cOM+x2WoCvF";
  static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\n" + PEM_BODY.substring(0, 64) + "\n"
      + PEM_BODY.substring(64) + "\n-----END RSA PRIVATE KEY-----";
  static final String CARD = "4539 1488 0343 7861";
  static final String EMAIL = "mara.kowalski@example.net";
  static final String USER_ID = "t.okonkwo@acme-corp.example";

  /** A GitHub token with a valid checksum: prefix, 30 characters, CRC-32 of them in base62. */
  static String githubToken(String random30) {
    CRC32 crc = new CRC32();
    for (int i = 0; i < random30.length(); i++) {
      crc.update(random30.charAt(i));
    }
    String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    char[] out = new char[6];
    long v = crc.getValue();
    for (int k = 5; k >= 0; k--) {
      out[k] = digits.charAt((int) (v % 62));
      v /= 62;
    }
    return "ghp_" + random30 + new String(out);
  }

  /** Each seeded value with the fragments that would give it away. */
  static Map<String, List<String>> needles() {
    Map<String, List<String>> n = new LinkedHashMap<>();
    n.put("AWS key", withWindows(List.of(AWS_KEY), AWS_KEY.substring(4), 8));
    n.put("GitHub token", withWindows(List.of(GITHUB_TOKEN), GITHUB_TOKEN.substring(4), 10));
    n.put("PEM key", withWindows(List.of(), PEM_BODY, 12));
    String digits = CARD.replace(" ", "");
    n.put("card number", withWindows(List.of(CARD, CARD.replace(' ', '-')), digits, 8));
    n.put("e-mail", List.of(EMAIL, "mara.kowalski", "kowalski@"));
    n.put("user id", List.of(USER_ID, "okonkwo", "acme-corp.example"));
    return n;
  }

  static List<String> withWindows(List<String> whole, String core, int width) {
    List<String> out = new ArrayList<>(whole);
    for (int i = 0; i + width <= core.length(); i++) {
      out.add(core.substring(i, i + width));
    }
    return out;
  }

  static final ModelRef GPT = ModelRef.of("openai", "gpt-4o");

  static String policy(String extraInput) {
    return """
        version: 1
        defaults: { access: deny }
        policies:
          - id: support
            match: { user: { roles: [support] } }
            access: allow
            input:
              - { detector: secrets, action: block }
              - { detector: pii, types: [EMAIL_ADDRESS, CREDIT_CARD], action: redact, reversible: true }
              %s
            output:
              - { detector: secrets, action: block }
              - { detector: pii, types: [EMAIL_ADDRESS, CREDIT_CARD], action: redact }
            tools:
              allow: [lookupOrder, sendEmail]
              on-deny: error
              arguments: [ { detector: secrets, action: block } ]
              results: [ { detector: pii, types: [EMAIL_ADDRESS, CREDIT_CARD], action: redact } ]
          - id: limited
            match: { action: [limited] }
            access: allow
            limits: { requests: 1/1h per user }
          - id: faulty
            match: { action: [faulty] }
            access: allow
            input: [ { detector: faulty, fault: throw, action: block } ]
          - id: watch
            match: { action: [watch] }
            access: allow
            mode: monitor
            input:
              - { detector: secrets, action: block }
              - { detector: pii, action: redact }
        """.formatted(extraInput);
  }

  @TempDir
  Path dir;

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  /** Everything a listener sees, as text. */
  final List<String> seen = new CopyOnWriteArrayList<>();
  /** What the engine handed back: exception messages, tool refusals, reload errors. */
  final List<String> returned = new ArrayList<>();

  final DecisionListener listener = new DecisionListener() {
    @Override
    public void onDecision(Invocation invocation, Decision decision) {
      seen.add(decision.toString());
    }

    @Override
    public void onAuditEvent(AuditEvent event) {
      seen.add(event.toString());
      seen.add(AuditJson.toJson(event));
    }
  };

  static Invocation.Builder as(String action, String... roles) {
    return Invocation.builder(Caller.of(Workload.of("svc"), User.builder(USER_ID).tenant("acme").roles(roles).build()),
        GPT).action(action);
  }

  /** Runs a step; keeps what an engine exception says. */
  void step(Runnable r) {
    try {
      r.run();
    } catch (GuardrailViolationException e) {
      returned.add(e.getMessage());
      returned.add(e.toString());
      returned.add(e.decision().toString());
    } catch (IllegalStateException e) {
      // a model failure the test itself throws; the engine only passes it on
      assertThat(e.getMessage()).startsWith("upstream failed");
    }
  }

  <T> T model(Supplier<T> answer) {
    return answer.get();
  }

  void driveEveryKindOfCall(Guardrails g, PolicyReloader reloader, Path file) throws Exception {
    String everything = "key " + AWS_KEY + " token " + GITHUB_TOKEN + "\n" + PEM + "\ncard " + CARD
        + " mail " + EMAIL;
    // input blocked by secrets, each secret on its own and all together
    for (String prompt : List.of("use " + AWS_KEY, "token " + GITHUB_TOKEN, "key:\n" + PEM, everything)) {
      step(() -> {
        try (GuardedCall call = g.start(as("answer", "support").userMessage(prompt).build())) {
          call.checkInput();
        }
      });
    }
    // input redacted, answer redacted and restored, usage recorded
    step(() -> {
      try (GuardedCall call = g.start(as("answer", "support")
          .messages(List.of(Message.system("card " + CARD), Message.user("write to " + EMAIL + " about " + CARD)))
          .build())) {
        List<Message> sent = call.checkInput();
        assertThat(sent.toString()).doesNotContain(EMAIL).doesNotContain(CARD);
        String answer = call.callModel(() -> "Sent to " + EMAIL + ", card " + CARD + " charged");
        call.recordUsage(12, 9);
        call.checkOutput(answer);
      }
    });
    // answer blocked for a secret
    step(() -> {
      try (GuardedCall call = g.start(as("answer", "support").userMessage("what is the key?").build())) {
        call.checkInput();
        call.checkOutput("the key is " + AWS_KEY + " and " + GITHUB_TOKEN);
      }
    });
    // streaming: e-mail and card split across chunks are redacted; a token split across chunks blocks
    step(() -> {
      try (GuardedCall call = g.start(as("answer", "support").userMessage("stream please").build())) {
        StreamingOutput s = call.streamOutput();
        StringBuilder out = new StringBuilder();
        String answer = "Contact " + EMAIL + " and pay with " + CARD + ". " + "filler ".repeat(60);
        for (int i = 0; i < answer.length(); i += 7) {
          out.append(s.accept(answer.substring(i, Math.min(answer.length(), i + 7))));
        }
        out.append(s.finish());
        assertThat(out.toString()).doesNotContain(EMAIL).doesNotContain(CARD);
      }
    });
    step(() -> {
      try (GuardedCall call = g.start(as("answer", "support").userMessage("stream please").build())) {
        StreamingOutput s = call.streamOutput();
        String answer = "here: " + GITHUB_TOKEN + " " + "filler ".repeat(60);
        for (int i = 0; i < answer.length(); i += 5) {
          s.accept(answer.substring(i, Math.min(answer.length(), i + 5)));
        }
        s.finish();
      }
    });
    // tools: arguments with a secret refused; a tool not allowed, with personal data in its arguments;
    // results with personal data redacted
    step(() -> {
      try (GuardedCall call = g.start(as("answer", "support").userMessage("look it up").build())) {
        GuardedCall.ToolDecision refused = call.checkToolCall(
            new ToolCall("c1", "sendEmail", "{\"to\":\"" + EMAIL + "\",\"auth\":\"" + AWS_KEY + "\"}"));
        assertThat(refused.allowed()).isFalse();
        returned.add(refused.message());
        returned.add(refused.decision().toString());
        GuardedCall.ToolDecision notAllowed = call.checkToolCall(
            new ToolCall("c2", "deleteAccount", "{\"card\":\"" + CARD + "\",\"user\":\"" + USER_ID + "\"}"));
        assertThat(notAllowed.allowed()).isFalse();
        returned.add(notAllowed.message());
        GuardedCall.ToolDecision ok = call.checkToolCall(new ToolCall("c3", "lookupOrder", "{\"order\":42}"));
        assertThat(ok.allowed()).isTrue();
        String result = call.checkToolResult("lookupOrder", "{\"email\":\"" + EMAIL + "\",\"card\":\"" + CARD + "\"}");
        assertThat(result).doesNotContain(EMAIL).doesNotContain(CARD);
      }
    });
    // access denied to a user without the role
    step(() -> g.start(as("answer", "visitor").userMessage("mail " + EMAIL).build()).close());
    // a limit reached
    for (int i = 0; i < 2; i++) {
      step(() -> {
        try (GuardedCall call = g.start(as("limited", "support").userMessage("card " + CARD).build())) {
          call.checkInput();
        }
      });
    }
    // a detector that fails with the text in its exception message
    step(() -> {
      try (GuardedCall call = g.start(as("faulty", "support").userMessage("mail " + EMAIL + " key " + AWS_KEY).build())) {
        call.checkInput();
      }
    });
    // monitor mode: would block and redact, lets everything through
    step(() -> {
      try (GuardedCall call = g.start(as("watch", "support").userMessage(everything).build())) {
        call.checkInput();
        call.checkOutput(model(() -> "answer with " + EMAIL));
      }
    });
    // the model fails with the prompt in its exception message
    step(() -> {
      try (GuardedCall call = g.start(as("answer", "support").userMessage("mail " + EMAIL).build())) {
        call.checkInput();
        call.callModel(() -> {
          throw new IllegalStateException("upstream failed for prompt 'mail " + EMAIL + "'");
        });
      }
    });
    // policy reload errors: a broken edit, then a missing file
    Files.writeString(file, policy("- { detector: no-such-detector, action: block }"));
    returned.add(reloader.reload().toString());
    Files.delete(file);
    returned.add(reloader.reload().toString());
  }

  @ParameterizedTest(name = "rawContentInAudit({0})")
  @ValueSource(booleans = {false, true})
  void noSeededValueAppearsInLogsAuditOrExceptionsUnlessRawContentIsSwitchedOn(boolean raw) throws Exception {
    Path file = dir.resolve("policies.yaml");
    Files.writeString(file, policy(""));
    Guardrails g = Guardrails.builder().policyFile(file).detectors(FailClosedTests.CATALOG)
        .listener(listener).rawContentInAudit(raw).build();

    driveEveryKindOfCall(g, g.reloader().orElseThrow(), file);

    List<String> logLines = new ArrayList<>();
    for (ILoggingEvent e : logs.events()) {
      logLines.add(e.getLoggerName() + " " + e.getLevel() + " " + e.getFormattedMessage() + " " + e.getMDCPropertyMap()
          + " " + e.getKeyValuePairs());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        logLines.add(t.getClassName() + ": " + t.getMessage());
        for (StackTraceElementProxy s : t.getStackTraceElementProxyArray()) {
          logLines.add(s.getSTEAsString());
        }
      }
    }
    String logText = String.join("\n", logLines);
    String auditText = String.join("\n", seen);
    String returnedText = String.join("\n", returned);

    // the run did what it should: audit events in the log, blocks, a reload error
    assertThat(logs.events()).filteredOn(e -> e.getLoggerName().equals("dev.guardrails4j.audit")).hasSizeGreaterThan(10);
    assertThat(logs.events()).filteredOn(e -> e.getLevel() == Level.ERROR).isNotEmpty();
    assertThat(returnedText).contains("Guardrails denied the call", "Tool call refused", "no-such-detector");

    if (!raw) {
      for (Map.Entry<String, List<String>> n : needles().entrySet()) {
        for (String needle : n.getValue()) {
          assertThat(logText).as("the %s (%s) in a log line", n.getKey(), needle).doesNotContain(needle);
          assertThat(auditText).as("the %s (%s) in an audit event or decision", n.getKey(), needle)
              .doesNotContain(needle);
          assertThat(returnedText).as("the %s (%s) in an exception or refusal", n.getKey(), needle)
              .doesNotContain(needle);
        }
      }
    } else {
      // raw content is in the audit log, so the search above would have found it
      assertThat(logText).contains(AWS_KEY, GITHUB_TOKEN, PEM_BODY.substring(0, 64), CARD, EMAIL);
      assertThat(auditText).contains(AWS_KEY, EMAIL);
      // user ids are fingerprinted even then, and exceptions never carry content
      assertThat(logText).doesNotContain(USER_ID);
      assertThat(returnedText).doesNotContain(AWS_KEY).doesNotContain(EMAIL).doesNotContain(CARD);
    }
  }
}
