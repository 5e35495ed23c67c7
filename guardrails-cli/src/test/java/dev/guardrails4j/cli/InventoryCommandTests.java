package dev.guardrails4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardrails4j.core.inventory.InventoryEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code guardrails inventory} run as a real process on log files holding inventory events written
 * by core's own {@link InventoryEvent#toJson()}, with log prefixes, noise, gzip, drift, stale
 * replicas, malformed and truncated lines, and a file larger than the process's heap.
 */
class InventoryCommandTests {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String WORKLOAD = "spiffe://example.org/ns/support/sa/support-desk";
  static final String PREFIX = "2026-12-07T10:00:00.123Z  INFO 4242 --- [support-desk] [           main] dev.guardrails4j.inventory               : ";

  @TempDir
  Path tmp;

  static InventoryEvent.Controls draftControls() {
    return new InventoryEvent.Controls("enforce", "deny",
        List.of(new InventoryEvent.AccessRule("support-desk", "allow", true)),
        List.of(new InventoryEvent.DetectorRule("support-desk", "pii", "redact", "enforce"),
            new InventoryEvent.DetectorRule("support-desk", "secrets", "block", "enforce")),
        List.of(new InventoryEvent.DetectorRule("support-desk", "exfiltration-links", "block", "enforce")),
        List.of(new InventoryEvent.ToolRule("support-desk", List.of("lookupTicket"), List.of(), List.of())),
        List.of(new InventoryEvent.LimitRule("draft-rate", "requests 3/1m per user")), List.of());
  }

  static InventoryEvent.Controls none() {
    return new InventoryEvent.Controls("enforce", "allow", List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of());
  }

  static String event(String pod, String node, String time, String version, long seq,
      List<InventoryEvent.CallSite> sites, List<InventoryEvent.ModelBean> unguarded, List<InventoryEvent.Edge> edge) {
    Map<String, String> resource = new LinkedHashMap<>();
    resource.put("service.name", "support-desk");
    resource.put("service.instance.id", pod);
    resource.put("k8s.namespace.name", "support");
    resource.put("k8s.pod.name", pod);
    resource.put("k8s.node.name", node);
    return new InventoryEvent("heartbeat", Instant.parse(time), seq, resource, WORKLOAD, "configuration",
        new InventoryEvent.Policy(version, List.of("classpath:guardrails.yaml"), 3, "deny", ""),
        List.of(), List.of("scripted:support-assistant"), sites, unguarded, edge,
        new InventoryEvent.Usage(Instant.parse(time).minusSeconds(600), 4, Map.of("LIMITS", 1L),
            Map.of(), Map.of("scripted:support-assistant", Map.of("input", 100L, "output", 40L)), 2, false))
        .toJson();
  }

  static List<InventoryEvent.CallSite> sites() {
    return List.of(
        new InventoryEvent.CallSite("dev.example.SupportDeskService#draftReply", "annotated-method", "draft-reply",
            "", 3, draftControls()),
        new InventoryEvent.CallSite("dev.example.SupportDeskService#summarize", "annotated-method",
            "summarize-ticket", "", 1, draftControls()));
  }

  static String event(String pod, String time, String version, long seq) {
    return event(pod, "node-1", time, version, seq, sites(), List.of(), List.of());
  }

  Path file(String name, String... lines) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  static JsonNode json(Cli.Result r) throws IOException {
    assertThat(r.exitCode()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  static JsonNode findingOf(JsonNode report, String kind) {
    return StreamSupport.stream(report.path("findings").spliterator(), false)
        .filter(f -> f.path("kind").asText().equals(kind)).findFirst().orElseThrow(
            () -> new AssertionError("no " + kind + " finding in " + report.path("findings")));
  }

  static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }

  @Test
  void twoReplicasMakeOneWorkloadWithBothInstancesItsModelsAndCallSitesWithControls() throws IOException {
    Path a = file("a.log", "Starting SupportDeskApplication", PREFIX + event("support-desk-a", "2026-12-07T10:00:00Z", "abc123", 1),
        "some other line {\"event\":\"guardrails.call\"}", PREFIX + event("support-desk-a", "2026-12-07T10:10:00Z", "abc123", 2));
    Path b = file("b.log", PREFIX + event("support-desk-b", "2026-12-07T10:05:00Z", "abc123", 1));
    JsonNode r = json(Cli.run("inventory", "--format", "json", "--now", "2026-12-07T10:15:00Z", a.toString(), b.toString()));
    assertThat(r.path("schemaVersion").asInt()).isEqualTo(1);
    assertThat(r.path("workloads")).hasSize(1);
    JsonNode w = r.path("workloads").get(0);
    assertThat(w.path("id").asText()).isEqualTo(WORKLOAD);
    assertThat(texts(w.path("instances"), "id")).containsExactly("support-desk-a", "support-desk-b");
    assertThat(w.at("/instances/0/namespace").asText()).isEqualTo("support");
    assertThat(w.at("/instances/0/lastSeen").asText()).isEqualTo("2026-12-07T10:10:00Z");
    assertThat(w.at("/instances/0/stale").asBoolean()).isFalse();
    assertThat(texts(w.path("policyVersions"), "version")).containsExactly("abc123");
    assertThat(w.path("policyDrift").asBoolean()).isFalse();
    assertThat(texts(w.path("models"), "name")).containsExactly("scripted:support-assistant");
    JsonNode draft = StreamSupport.stream(w.path("callSites").spliterator(), false)
        .filter(s -> s.path("action").asText().equals("draft-reply")).findFirst().orElseThrow();
    assertThat(draft.at("/controls/input/0/detector").asText()).isEqualTo("pii");
    assertThat(draft.at("/controls/limits/0/policy").asText()).isEqualTo("draft-rate");
    // calls are counted since each replica started: the largest count of each, added up
    assertThat(draft.path("calls").asLong()).isEqualTo(6);
    assertThat(w.at("/usage/calls").asLong()).isEqualTo(12);
    assertThat(w.at("/usage/denials/LIMITS").asLong()).isEqualTo(3);
    assertThat(w.at("/usage/tokens/scripted:support-assistant/input").asLong()).isEqualTo(300);
    assertThat(r.at("/input/events").asLong()).isEqualTo(3);
    assertThat(r.at("/input/malformed").asLong()).isZero();
    assertThat(texts(r.path("findings"), "kind")).doesNotContain("policy-drift", "stale-instance");
  }

  @Test
  void replicasOnDifferentPolicyVersionsAreFlaggedAsDrift() throws IOException {
    Path logs = file("fleet.log", PREFIX + event("support-desk-a", "2026-12-07T10:00:00Z", "old111", 1),
        PREFIX + event("support-desk-b", "2026-12-07T10:02:00Z", "new222", 1),
        PREFIX + event("support-desk-c", "2026-12-07T10:03:00Z", "new222", 1));
    JsonNode r = json(Cli.run("inventory", "--format", "json", "--now", "2026-12-07T10:05:00Z", logs.toString()));
    JsonNode w = r.path("workloads").get(0);
    assertThat(w.path("policyDrift").asBoolean()).isTrue();
    assertThat(texts(w.path("policyVersions"), "version")).containsExactly("new222", "old111");
    assertThat(w.at("/policyVersions/1/instances").toString()).isEqualTo("[\"support-desk-a\"]");
    assertThat(findingOf(r, "policy-drift").path("message").asText())
        .contains("old111 on support-desk-a").contains("new222 on support-desk-b, support-desk-c");
  }

  @Test
  void aReplicaNotHeardFromForLongerThanStaleIsFlagged() throws IOException {
    Path logs = file("fleet.log", event("support-desk-a", "2026-12-07T09:00:00Z", "v1", 1),
        event("support-desk-b", "2026-12-07T09:50:00Z", "v1", 1));
    JsonNode r = json(Cli.run("inventory", "--format", "json", "--stale", "30m", "--now", "2026-12-07T10:00:00Z",
        logs.toString()));
    JsonNode w = r.path("workloads").get(0);
    assertThat(w.at("/instances/0/stale").asBoolean()).isTrue();
    assertThat(w.at("/instances/1/stale").asBoolean()).isFalse();
    assertThat(findingOf(r, "stale-instance").path("subject").asText()).isEqualTo("support-desk-a");
    JsonNode later = json(Cli.run("inventory", "--format", "json", "--stale", "2h", "--now", "2026-12-07T10:00:00Z",
        logs.toString()));
    assertThat(texts(later.path("findings"), "kind")).doesNotContain("stale-instance");
  }

  @Test
  void malformedAndTruncatedLinesAreCountedAndReportedButNeverFatal() throws IOException {
    String good = event("support-desk-a", "2026-12-07T10:00:00Z", "v1", 1);
    Path logs = file("fleet.log", PREFIX + good.substring(0, good.length() / 2),
        PREFIX + "{\"event\":\"guardrails.inventory\",\"schemaVersion\":1,\"workload\":{\"id\":\"w\"}}",
        PREFIX + "{\"event\":\"guardrails.inventory\", not json at all",
        "an ordinary line", "", PREFIX + good);
    Cli.Result r = Cli.run("inventory", "--format", "json", "--now", "2026-12-07T10:05:00Z", logs.toString());
    JsonNode report = json(r);
    assertThat(report.at("/input/malformed").asLong()).isEqualTo(3);
    assertThat(report.at("/input/events").asLong()).isEqualTo(1);
    assertThat(report.at("/input/lines").asLong()).isEqualTo(6);
    assertThat(report.at("/input/problems/0").asText()).startsWith(logs + ":1: ");
    assertThat(report.path("workloads")).hasSize(1);
    assertThat(findingOf(report, "malformed-lines").path("message").asText()).startsWith("3 malformed");
    assertThat(r.err()).contains("skipped 3 malformed and 0 too long inventory line(s), first at " + logs + ":1");
  }

  @Test
  void aLineLongerThanTheLimitIsSkippedAndCounted() throws IOException {
    Path logs = file("fleet.log", PREFIX + event("support-desk-a", "2026-12-07T10:00:00Z", "v1", 1),
        "x".repeat(5000));
    JsonNode r = json(Cli.run("inventory", "--format", "json", "--max-line-length", "4000", logs.toString()));
    assertThat(r.at("/input/tooLong").asLong()).isEqualTo(1);
    assertThat(r.at("/input/events").asLong()).isEqualTo(1);
  }

  @Test
  void gzipFilesAreReadWhateverTheyAreCalledAndACutOneKeepsWhatWasRead() throws IOException {
    Path gz = tmp.resolve("a.log.gz");
    Path noExtension = tmp.resolve("b.log");
    for (Path p : List.of(gz, noExtension)) {
      String pod = p == gz ? "support-desk-a" : "support-desk-b";
      try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(p)), StandardCharsets.UTF_8)) {
        w.write(PREFIX + event(pod, "2026-12-07T10:00:00Z", "v1", 1) + "\n");
      }
    }
    JsonNode r = json(Cli.run("inventory", "--format", "json", gz.toString(), noExtension.toString()));
    assertThat(texts(r.at("/workloads/0/instances"), "id")).containsExactly("support-desk-a", "support-desk-b");
    byte[] bytes = Files.readAllBytes(gz);
    Path cut = tmp.resolve("cut.gz");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 12));
    Cli.Result c = Cli.run("inventory", "--format", "json", cut.toString());
    assertThat(c.exitCode()).as(c.err()).isZero();
    assertThat(JSON.readTree(c.out()).at("/input/tooLong").asLong()).isEqualTo(1);
  }

  @Test
  void standardInputAndJsonLogRecordsWrappingTheEventAreRead() throws IOException {
    String inner = event("support-desk-a", "2026-12-07T10:00:00Z", "v1", 1);
    String docker = JSON.writeValueAsString(Map.of("log", inner + "\n", "stream", "stdout", "time", "2026-12-07T10:00:00Z"));
    String ecs = JSON.writeValueAsString(Map.of("@timestamp", "2026-12-07T10:00:00Z", "log.logger",
        "dev.guardrails4j.inventory", "message", event("support-desk-b", "2026-12-07T10:00:00Z", "v1", 1)));
    JsonNode r = json(Cli.runWithInput(docker + "\n" + ecs + "\n", "inventory", "--format", "json", "-"));
    assertThat(texts(r.at("/workloads/0/instances"), "id")).containsExactly("support-desk-a", "support-desk-b");
    assertThat(r.at("/input/malformed").asLong()).isZero();
  }

  @Test
  void unguardedBeansAndModelsWithoutAnyWorkloadOrEdgeControlAreFindings() throws IOException {
    List<InventoryEvent.CallSite> sites = List.of(
        new InventoryEvent.CallSite("action:translate", "seen", "translate", "openai:gpt-4o", 2, none()),
        new InventoryEvent.CallSite("action:classify", "seen", "classify", "ollama:llama3", 2, none()));
    Path logs = file("fleet.log", event("support-desk-a", "node-1", "2026-12-07T10:00:00Z", "v1", 1, sites,
        List.of(new InventoryEvent.ModelBean("rawModel", "com.example.RawModel", "final class, cannot be proxied")),
        List.of(new InventoryEvent.Edge("gw-filter", "content-filter", "ai-gw-prod", List.of("openai:*")))));
    JsonNode r = json(Cli.run("inventory", "--format", "json", "--now", "2026-12-07T10:01:00Z", logs.toString()));
    assertThat(findingOf(r, "unguarded-model-bean").path("message").asText()).contains("rawModel");
    List<String> bare = StreamSupport.stream(r.path("findings").spliterator(), false)
        .filter(f -> f.path("kind").asText().equals("model-without-controls")).map(f -> f.path("subject").asText()).toList();
    // the gateway covers openai:*; nothing covers the self-hosted model
    assertThat(bare).contains("ollama:llama3").doesNotContain("openai:gpt-4o");
    JsonNode models = r.at("/workloads/0/models");
    JsonNode gpt = StreamSupport.stream(models.spliterator(), false)
        .filter(m -> m.path("name").asText().equals("openai:gpt-4o")).findFirst().orElseThrow();
    assertThat(gpt.path("workloadControls").asBoolean()).isFalse();
    assertThat(gpt.path("edgeControls").toString()).isEqualTo("[\"gw-filter\"]");
    assertThat(texts(r.path("findings"), "kind")).contains("call-site-without-controls");
  }

  @Test
  void theHtmlReportIsOneSelfContainedWellFormedPageWithColouredFindings() throws IOException {
    Path logs = file("fleet.log", event("support-desk-a", "2026-12-07T08:00:00Z", "old111", 1),
        event("support-desk-b", "2026-12-07T10:00:00Z", "new222", 1),
        event("<script>alert(1)</script>", "2026-12-07T10:00:00Z", "new222", 1));
    Path page = tmp.resolve("fleet.html");
    Cli.Result r = Cli.run("inventory", "--format", "html", "--now", "2026-12-07T10:05:00Z", "--output", page.toString(),
        logs.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    String html = Files.readString(page);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>")
        .doesNotContainPattern("(?i)https?://").doesNotContainPattern("(?i)<(script|link|img|iframe)\\b")
        .doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("class=\"medium\"").contains("class=\"low\"").contains("policy-drift").contains("stale-instance")
        .contains("support-desk-b").contains("draft-reply");
    assertWellFormed(html);
  }

  @Test
  void textAndMarkdownShowTheSameFleet() throws IOException {
    Path logs = file("fleet.log", event("support-desk-a", "2026-12-07T10:00:00Z", "v1", 1));
    Cli.Result text = Cli.run("inventory", "--now", "2026-12-07T10:01:00Z", logs.toString());
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("Workload " + WORKLOAD).contains("support-desk-a  namespace=support")
        .contains("action=draft-reply").contains("input pii:redact, secrets:block");
    Cli.Result md = Cli.run("inventory", "--format", "markdown", "--now", "2026-12-07T10:01:00Z", logs.toString());
    assertThat(md.out()).startsWith("# Where AI runs").contains("| support-desk-a | support | node-1 | v1 |");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(Cli.run("inventory", "--format", "pdf", "x.log").exitCode()).isEqualTo(2);
    assertThat(Cli.run("inventory", "--stale", "soon", "x.log").exitCode()).isEqualTo(2);
    Cli.Result missing = Cli.run("inventory", "nope.log");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file: nope.log");
  }

  @Test
  void aLogLargerThanTheHeapStreamsInBoundedMemory() throws IOException {
    Path big = tmp.resolve("big.log");
    String noise = PREFIX.replace("dev.guardrails4j.inventory", "com.example.Web") + "GET /api/tickets 200 "
        + "x".repeat(150);
    long bytes = 0;
    int replicas = 50;
    try (OutputStream os = Files.newOutputStream(big);
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16)) {
      String[] events = new String[replicas];
      for (int i = 0; i < replicas; i++) {
        events[i] = PREFIX + event("support-desk-" + i, "2026-12-07T10:00:00Z", "v1", 1);
      }
      for (long n = 0; bytes < 96L * 1024 * 1024; n++) {
        String line = n % 200 == 0 ? events[(int) ((n / 200) % replicas)] : noise;
        w.write(line);
        w.write('\n');
        bytes += line.length() + 1;
      }
    }
    Cli.Result r = Cli.runWith(List.of("-Xmx32m"), "", "inventory", "--format", "json", "--now",
        "2026-12-07T10:05:00Z", big.toString());
    JsonNode report = json(r);
    assertThat(Files.size(big)).isGreaterThan(3L * 32 * 1024 * 1024);
    assertThat(report.at("/workloads/0/instances")).hasSize(replicas);
    assertThat(report.at("/input/lines").asLong()).isGreaterThan(300_000);
    assertThat(report.at("/input/malformed").asLong()).isZero();
  }

  /** Every non-void element is closed in order; attribute values are quoted. */
  static void assertWellFormed(String html) {
    Set<String> voids = Set.of("meta", "br", "hr", "img", "link", "input");
    Deque<String> open = new ArrayDeque<>();
    Matcher m = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>").matcher(html);
    while (m.find()) {
      String name = m.group(2).toLowerCase(java.util.Locale.ROOT);
      assertThat(m.group(3)).as("attributes of <" + name + ">").doesNotContainPattern("=[^\"\\s]");
      if (voids.contains(name)) {
        continue;
      }
      if (m.group(1).isEmpty()) {
        open.push(name);
      } else {
        assertThat(open).as("closing </" + name + ">").isNotEmpty();
        assertThat(open.pop()).as("closing </" + name + ">").isEqualTo(name);
      }
    }
    assertThat(open).as("unclosed elements").isEmpty();
    assertThat(html.replaceAll("<!DOCTYPE html>", "").replaceAll("<[^>]*>", "")).doesNotContain("<", ">");
  }
}
