package dev.guardrails4j.core.inventory;

import dev.guardrails4j.core.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.Invocation;
import dev.guardrails4j.api.ModelRef;
import dev.guardrails4j.api.User;
import dev.guardrails4j.api.Workload;
import dev.guardrails4j.core.GuardedCall;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.testsupport.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real engine writes inventory events on the real SLF4J logger (captured with Logback): at
 * build, after a policy change and on demand, with the controls in force per call site and the
 * usage since the previous event, and without any prompt, e-mail address or user id.
 */
class InventoryTests {

  static final ObjectMapper JSON = new ObjectMapper();
  static final ModelRef GPT = ModelRef.of("openai", "gpt-4o");
  static final ModelRef LLAMA = ModelRef.of("ollama", "llama3");
  static final String EMAIL = "dana.whitfield@example.com";
  static final String PROMPT = "Summarise the complaint of " + EMAIL + " about the broken kettle";

  static final String POLICY = """
      version: 1
      defaults: { mode: enforce, access: deny }
      policies:
        - id: support
          match: { user: { roles: [analyst] }, action: [summarize, draft] }
          access: allow
          input:
            - { detector: pii, types: [EMAIL_ADDRESS], action: redact }
            - { detector: secrets, action: block }
          output:
            - { detector: pii, action: redact }
          tools: { allow: [lookupTicket] }
        - id: draft-rate
          match: { action: [draft] }
          limits: { requests: 2/1m per user }
        - id: elsewhere
          match: { workload: ["spiffe://other.org/**"] }
          access: allow
      edge:
        - { id: gw-filter, control: content-filter, enforced-by: ai-gw, model: ["openai:*"] }
      """;

  @TempDir
  Path dir;

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

  Guardrails engine(Path policy) {
    return Guardrails.builder().policyFile(policy).clock(clock)
        .workload(Workload.of("spiffe://example.org/ns/support/sa/desk"))
        .application("support-desk", "1.4.2")
        .fingerprintSalt("inventory-tests-salt-0123456789")
        .build();
  }

  Path policy(String content) throws Exception {
    Path f = dir.resolve("guardrails.yaml");
    Files.writeString(f, content);
    return f;
  }

  static Invocation as(String user, String action, ModelRef model, String... roles) {
    return Invocation.builder(Caller.of(Workload.of("spiffe://example.org/ns/support/sa/desk"),
        User.builder(user).tenant("acme").roles(roles).build()), model)
        .action(action).callSite("com.example.Desk#" + action).userMessage(PROMPT).build();
  }

  static void call(Guardrails g, Invocation inv) {
    try (GuardedCall c = g.start(inv)) {
      c.checkInput();
      c.recordUsage(120, 30);
      c.checkOutput("Done for " + EMAIL);
    } catch (GuardrailViolationException e) {
      // denials are counted, not thrown at the test
    }
  }

  List<String> inventoryLines() {
    return logs.events().stream().filter(e -> e.getLoggerName().equals(Inventory.LOGGER_NAME))
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  List<JsonNode> inventoryEvents() throws Exception {
    List<JsonNode> out = new java.util.ArrayList<>();
    for (String l : inventoryLines()) {
      out.add(JSON.readTree(l));
    }
    return out;
  }

  static JsonNode site(JsonNode event, String id) {
    return StreamSupport.stream(event.get("callSites").spliterator(), false)
        .filter(s -> s.get("id").asText().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void buildingTheEngineWritesAStartupEventWithItsResourceAndPolicy() throws Exception {
    try (Guardrails g = engine(policy(POLICY))) {
      List<JsonNode> events = inventoryEvents();
      assertThat(events).hasSize(1);
      JsonNode e = events.get(0);
      assertThat(inventoryLines().get(0)).startsWith("{\"event\":\"guardrails.inventory\",\"schemaVersion\":1,");
      assertThat(e.get("reason").asText()).isEqualTo("startup");
      assertThat(e.get("time").asText()).isEqualTo("2026-12-07T10:00:00Z");
      assertThat(e.get("sequence").asLong()).isEqualTo(1);
      assertThat(e.at("/workload/id").asText()).isEqualTo("spiffe://example.org/ns/support/sa/desk");
      assertThat(e.at("/policy/version").asText()).isEqualTo(g.policySet().version());
      assertThat(e.at("/policy/sources/0").asText()).endsWith("guardrails.yaml");
      assertThat(e.at("/policy/defaultAccess").asText()).isEqualTo("deny");
      assertThat(e.at("/resource/process.runtime.version").asText()).isEqualTo(Runtime.version().toString());
      assertThat(e.at("/resource/service.instance.id").asText()).isNotEmpty();
      assertThat(e.at("/edgeControls/0/id").asText()).isEqualTo("gw-filter");
      assertThat(e.at("/edgeControls/0/models/0").asText()).isEqualTo("openai:*");
      assertThat(e.at("/usage/calls").asLong()).isZero();
    }
  }

  @Test
  void anEventCountsTheUsageSinceThePreviousOneAndThenStartsAgain() throws Exception {
    try (Guardrails g = engine(policy(POLICY))) {
      clock.advance(Duration.ofMinutes(10));
      call(g, as("alice.smith", "summarize", GPT, "analyst"));
      call(g, as("bob.jones", "draft", GPT, "analyst"));
      call(g, as("bob.jones", "draft", GPT, "analyst"));
      call(g, as("bob.jones", "draft", GPT, "analyst")); // the third draft within a minute: limits
      call(g, as("mallory", "summarize", LLAMA)); // no role: access
      InventoryEvent first = g.inventory().emit("heartbeat").orElseThrow();
      assertThat(first.usage().calls()).isEqualTo(5);
      assertThat(first.usage().denials()).containsEntry("LIMITS", 1L).containsEntry("ACCESS", 1L);
      assertThat(first.usage().distinctCallers()).isEqualTo(3);
      // three calls recorded their usage; the call refused by its limit adds its input estimate
      assertThat(first.usage().tokens().get("openai:gpt-4o").get("input")).isGreaterThanOrEqualTo(360L);
      assertThat(first.usage().tokens().get("openai:gpt-4o")).containsEntry("output", 90L);
      assertThat(first.usage().since()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
      assertThat(first.modelsSeen()).containsExactly("ollama:llama3", "openai:gpt-4o");

      clock.advance(Duration.ofMinutes(10));
      call(g, as("alice.smith", "summarize", GPT, "analyst"));
      InventoryEvent second = g.inventory().emit("heartbeat").orElseThrow();
      assertThat(second.sequence()).isEqualTo(first.sequence() + 1);
      assertThat(second.usage().since()).isEqualTo(first.time());
      assertThat(second.usage().calls()).isEqualTo(1);
      assertThat(second.usage().denials()).isEmpty();
      assertThat(second.usage().distinctCallers()).isEqualTo(1);
      assertThat(inventoryLines()).hasSize(3);
    }
  }

  @Test
  void eachCallSiteShowsTheControlsInForceThere() throws Exception {
    try (Guardrails g = engine(policy(POLICY))) {
      call(g, as("alice.smith", "summarize", GPT, "analyst"));
      call(g, as("bob.jones", "draft", GPT, "analyst"));
      call(g, as("carol", "translate", LLAMA, "analyst"));
      call(g, as("carol", "translate", ModelRef.UNKNOWN, "analyst")); // an annotated method's own event
      InventoryEvent e = g.inventory().snapshot();
      assertThat(e.modelsSeen()).containsExactly("ollama:llama3", "openai:gpt-4o");
      InventoryEvent.CallSite draft = e.callSites().stream()
          .filter(s -> s.id().equals("com.example.Desk#draft")).findFirst().orElseThrow();
      assertThat(draft.kind()).isEqualTo("seen");
      assertThat(draft.action()).isEqualTo("draft");
      assertThat(draft.model()).isEqualTo("openai:gpt-4o");
      assertThat(draft.calls()).isEqualTo(1);
      InventoryEvent.Controls c = draft.controls();
      assertThat(c.mode()).isEqualTo("enforce");
      assertThat(c.access()).containsExactly(new InventoryEvent.AccessRule("support", "allow", true));
      assertThat(c.input()).containsExactly(
          new InventoryEvent.DetectorRule("support", "pii", "redact", "enforce"),
          new InventoryEvent.DetectorRule("support", "secrets", "block", "enforce"));
      assertThat(c.output()).extracting(InventoryEvent.DetectorRule::detector).containsExactly("pii");
      assertThat(c.tools()).extracting(InventoryEvent.ToolRule::allow).containsExactly(List.of("lookupTicket"));
      assertThat(c.limits()).containsExactly(new InventoryEvent.LimitRule("draft-rate", "requests 2/1m per user"));
      assertThat(c.edge()).containsExactly("gw-filter");
      // a policy for another workload is not in force here
      assertThat(c.access()).extracting(InventoryEvent.AccessRule::policy).doesNotContain("elsewhere");
      InventoryEvent.CallSite translate = e.callSites().stream()
          .filter(s -> s.action().equals("translate")).findFirst().orElseThrow();
      assertThat(translate.controls().any()).isFalse();
      assertThat(translate.controls().edge()).isEmpty();
    }
  }

  @Test
  void declaredCallSitesAndUnguardedModelBeansComeFromTheSource() throws Exception {
    InventorySource source = new InventorySource() {
      @Override
      public List<DeclaredCallSite> callSites() {
        return List.of(new DeclaredCallSite("com.example.Desk#summarize", "annotated-method", "summarize", ""),
            new DeclaredCallSite("com.example.Desk#draft", "annotated-method", "draft", "openai:gpt-4o"));
      }

      @Override
      public List<DeclaredModelBean> modelBeans() {
        return List.of(new DeclaredModelBean("chatModel", "com.example.Chat", true, "subclass-proxy"),
            new DeclaredModelBean("rawModel", "com.example.Raw", false, "final class"));
      }
    };
    try (Guardrails g = Guardrails.builder().policyFile(policy(POLICY)).clock(clock).inventorySource(source)
        .inventoryEventOnBuild(false).build()) {
      assertThat(inventoryLines()).isEmpty();
      call(g, as("alice.smith", "summarize", GPT, "analyst"));
      JsonNode e = JSON.readTree(g.inventory().emit("startup").orElseThrow().toJson());
      assertThat(site(e, "com.example.Desk#summarize").get("kind").asText()).isEqualTo("annotated-method");
      assertThat(site(e, "com.example.Desk#summarize").get("calls").asLong()).isEqualTo(1);
      assertThat(site(e, "com.example.Desk#summarize").at("/controls/edge/0").asText()).isEqualTo("gw-filter");
      assertThat(site(e, "com.example.Desk#draft").at("/controls/limits/0/limit").asText()).startsWith("requests 2");
      assertThat(e.at("/models/configured").toString()).isEqualTo("[\"openai:gpt-4o\"]");
      assertThat(e.at("/unguardedModelBeans").size()).isEqualTo(1);
      assertThat(e.at("/unguardedModelBeans/0/name").asText()).isEqualTo("rawModel");
    }
  }

  @Test
  void aPolicyChangeWritesAnEventWithTheNewVersion() throws Exception {
    Path f = policy(POLICY);
    try (Guardrails g = engine(f)) {
      String v1 = g.policySet().version();
      Files.writeString(f, POLICY.replace("2/1m", "5/1m"));
      g.reloader().orElseThrow().reload();
      List<JsonNode> events = inventoryEvents();
      assertThat(events).extracting(e -> e.get("reason").asText()).containsExactly("startup", "policy-change");
      assertThat(events.get(1).at("/policy/version").asText()).isNotEqualTo(v1).isEqualTo(g.policySet().version());
      g.reloader().orElseThrow().reload(); // nothing changed: no event
      assertThat(inventoryLines()).hasSize(2);
    }
  }

  @Test
  void noPromptAddressOrUserIdReachesAnEvent() throws Exception {
    try (Guardrails g = engine(policy(POLICY))) {
      call(g, as("alice.smith", "summarize", GPT, "analyst"));
      call(g, as("mallory", "summarize", GPT));
      g.inventory().emit("heartbeat");
      assertThat(inventoryLines()).hasSize(2).allSatisfy(l -> assertThat(l)
          .doesNotContain(EMAIL).doesNotContain("example.com").doesNotContain("kettle")
          .doesNotContain("alice").doesNotContain("mallory").doesNotContain("acme"));
    }
  }

  @Test
  void namesAreBoundedSoThatCallersCannotGrowTheInventory() throws Exception {
    try (Guardrails g = Guardrails.builder().policies(dev.guardrails4j.core.policy.PolicySet.parse("p.yaml",
        "version: 1\ndefaults: { access: allow }\npolicies:\n  - { id: a, access: allow }\n"))
        .inventoryEvents(false).build()) {
      for (int i = 0; i < Inventory.MAX_KEYS + 500; i++) {
        call(g, as("u" + i, "act" + i, ModelRef.of("p", "m" + i)));
      }
      InventoryEvent e = g.inventory().snapshot();
      assertThat(e.modelsSeen()).hasSizeLessThanOrEqualTo(Inventory.MAX_KEYS + 1).contains(Inventory.OTHER);
      assertThat(e.callSites()).hasSizeLessThanOrEqualTo(Inventory.MAX_KEYS + 1);
      assertThat(e.usage().tokens()).hasSizeLessThanOrEqualTo(Inventory.MAX_KEYS + 1);
      assertThat(e.usage().calls()).isEqualTo(Inventory.MAX_KEYS + 500);
      assertThat(e.usage().distinctCallers()).isBetween(1450L, 1550L);
      assertThat(inventoryLines()).isEmpty();
    }
  }

  @Test
  void aFailingSourceNeverBreaksAModelCall() throws Exception {
    InventorySource broken = new InventorySource() {
      @Override
      public List<DeclaredCallSite> callSites() {
        throw new IllegalStateException("boom");
      }
    };
    try (Guardrails g = Guardrails.builder().policyFile(policy(POLICY)).inventorySource(broken).build()) {
      try (GuardedCall c = g.start(as("alice.smith", "summarize", GPT, "analyst"))) {
        assertThat(c.checkInput()).isNotEmpty();
      }
      assertThat(g.inventory().emit("heartbeat")).isEmpty();
      assertThat(logs.events()).anySatisfy(e -> assertThat(e.getFormattedMessage())
          .contains("Guardrails inventory could not write an inventory event"));
    }
  }

  @Test
  void closingTheEngineStopsHeartbeats() throws Exception {
    Guardrails g = Guardrails.builder().policyFile(policy(POLICY)).inventoryInterval(Duration.ofMinutes(1)).build();
    assertThat(g.inventory().heartbeatsRunning()).isTrue();
    assertThat(g.inventory().interval()).contains(Duration.ofMinutes(1));
    g.close();
    assertThat(g.inventory().heartbeatsRunning()).isFalse();
  }

  @Test
  void switchedOffThereAreNoEventsAndNoHeartbeats() throws Exception {
    try (Guardrails g = Guardrails.builder().policyFile(policy(POLICY)).inventoryEvents(false).build()) {
      assertThat(g.inventory().heartbeatsRunning()).isFalse();
      assertThat(inventoryLines()).isEmpty();
    }
  }

  @Test
  void theBuilderRejectsAnIntervalUnderOneSecondAndOptionsSetTwice() {
    assertThatThrownBy(() -> Guardrails.builder().inventoryInterval(Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1s");
    assertThatThrownBy(() -> Guardrails.builder().inventoryEvents(true).inventoryEvents(false))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("inventoryEvents was already set");
    assertThatThrownBy(() -> Guardrails.builder().application(" ", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
