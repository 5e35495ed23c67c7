package dev.guardrails4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardrails4j.api.annotation.GuardedModelCall;
import dev.guardrails4j.api.annotation.Prompt;
import dev.guardrails4j.test.OpenAiStubServer;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The starter in a real application: Spring MVC, Spring Security users of different roles (HTTP
 * basic), Actuator and Micrometer, and a LangChain4j OpenAI model talking to a local stub server.
 */
@SpringBootTest(classes = GuardrailsStarterIntegrationTests.WebApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "guardrails.policy-location=classpath:custom-detectors/web.yaml",
        "guardrails.workload.id=spiffe://example.org/ns/support/sa/assistant",
        "guardrails.workload.kubernetes-token-path=",
        "management.endpoints.web.exposure.include=health,guardrails,metrics"})
class GuardrailsStarterIntegrationTests {

  static final OpenAiStubServer stub = OpenAiStubServer.start();
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort
  int port;

  @Autowired
  OpenAiChatModel model;

  @DynamicPropertySource
  static void stubUrl(DynamicPropertyRegistry registry) {
    registry.add("stub.url", stub::baseUrl);
  }

  @AfterAll
  static void stop() {
    stub.close();
  }

  HttpResponse<String> post(String user, String path, String body) throws IOException, InterruptedException {
    return http.send(request(user, path).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", MediaType.TEXT_PLAIN_VALUE).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
    return http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder request(String user, String path) {
    String basic = Base64.getEncoder().encodeToString((user + ":pw").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + basic);
  }

  @Test
  void anAnalystGetsTheModelsAnswer() throws Exception {
    stub.reply("The printer needs toner.");
    HttpResponse<String> r = post("alice", "/summarize", "The printer on floor 2 is broken again.");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("The printer needs toner.");
    assertThat(stub.lastUserMessage()).isEqualTo("The printer on floor 2 is broken again.");
  }

  @Test
  void anInternIsRefusedWithAProblemDetailAndTheModelIsNotCalled() throws Exception {
    int before = stub.requestCount();
    HttpResponse<String> r = post("ivan", "/summarize", "Summarize the ticket of bob@example.com");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(r.body());
    assertThat(problem.path("status").asInt()).isEqualTo(403);
    assertThat(problem.path("type").asText()).isEqualTo("urn:guardrails4j:problem:access");
    assertThat(problem.path("decisionId").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("bob@example.com").doesNotContain("ivan");
    assertThat(stub.requestCount()).isEqualTo(before);
  }

  @Test
  void anEmailAddressNeverReachesTheModelOrTheUser() throws Exception {
    stub.reply("Done. Copy sent to carol@example.org.");
    HttpResponse<String> r = post("alice", "/summarize", "Forward the summary to bob@example.com today");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(stub.lastUserMessage()).doesNotContain("bob@example.com").startsWith("Forward the summary to ")
        .endsWith(" today");
    assertThat(r.body()).startsWith("Done. Copy sent to ").doesNotContain("carol@example.org");
  }

  @Test
  void anApiKeyIsRefusedBeforeTheModel() throws Exception {
    int before = stub.requestCount();
    HttpResponse<String> r = post("alice", "/summarize", "my key is sk-abcdefghijklmnopqrstuv");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(r.body()).path("phase").asText()).isEqualTo("INPUT");
    assertThat(r.body()).doesNotContain("sk-abc");
    assertThat(stub.requestCount()).isEqualTo(before);
  }

  @Test
  void aUserOverTheLimitGets429WithRetryAfter() throws Exception {
    stub.reply("first");
    assertThat(post("bursty", "/summarize", "one").statusCode()).isEqualTo(200);
    HttpResponse<String> r = post("bursty", "/summarize", "two");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(
        v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
    JsonNode problem = JSON.readTree(r.body());
    assertThat(problem.path("phase").asText()).isEqualTo("LIMITS");
    assertThat(problem.path("decisionId").asText()).isNotBlank();
  }

  @Test
  void theModelBeanIsGuardedAndStillInjectableByItsClass() {
    assertThat(org.springframework.aop.support.AopUtils.isCglibProxy(model)).isTrue();
  }

  @Test
  void theActuatorEndpointShowsWhereAiRuns() throws Exception {
    stub.reply("ok");
    post("alice", "/summarize", "hello");
    HttpResponse<String> r = get("admin", "/actuator/guardrails");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode report = JSON.readTree(r.body());
    assertThat(report.path("workload").asText()).isEqualTo("spiffe://example.org/ns/support/sa/assistant");
    assertThat(report.path("policies").path("policyIds").toString()).contains("analysts-summarize", "bursty-limit");
    assertThat(report.path("callSites").toString())
        .contains(AssistantService.class.getName() + "#summarize").contains("\"action\":\"summarize\"");
    assertThat(report.path("modelBeans").get(0).path("bean").asText()).isEqualTo("openAiChatModel");
    assertThat(report.path("modelBeans").get(0).path("how").asText()).isEqualTo("subclass-proxy");
    assertThat(report.path("unguardedModelBeans")).isEmpty();
    assertThat(report.path("modelsSeen").path("openai:gpt-4o-mini").asLong()).isPositive();
    assertThat(report.path("actionsSeen").path("summarize").asLong()).isPositive();
    assertThat(report.path("decisions").path("ALLOW").asLong()).isPositive();
  }

  @Test
  void theActuatorEndpointIsForAdminsOnly() throws Exception {
    assertThat(get("alice", "/actuator/guardrails").statusCode()).isEqualTo(403);
  }

  @Test
  void anAdminCanReloadThePolicies() throws Exception {
    HttpResponse<String> r = http.send(request("admin", "/actuator/guardrails")
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode result = JSON.readTree(r.body());
    assertThat(result.path("ok").asBoolean()).isTrue();
    assertThat(result.path("changed").asBoolean()).isFalse();
  }

  @Test
  void decisionsAreCountedInMicrometer() throws Exception {
    stub.reply("ok");
    post("alice", "/summarize", "hello again");
    HttpResponse<String> r = get("admin",
        "/actuator/metrics/guardrails.decisions?tag=phase:access&tag=verdict:allow&tag=action:summarize");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("measurements").get(0).path("value").asDouble()).isPositive();
    assertThat(get("admin", "/actuator/metrics/guardrails.evaluation").statusCode()).isEqualTo(200);
  }

  /** The application under test: no component scanning, so other tests' configurations stay out. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({AssistantService.class, AssistantController.class})
  static class WebApp {

    @Bean
    OpenAiChatModel openAiChatModel(Environment env) {
      return OpenAiChatModel.builder().baseUrl(env.getRequiredProperty("stub.url")).apiKey("test")
          .modelName("gpt-4o-mini").build();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
      http.authorizeHttpRequests(a -> a.requestMatchers("/actuator/**").hasRole("ADMIN").anyRequest().authenticated())
          .httpBasic(Customizer.withDefaults())
          .csrf(c -> c.disable());
      return http.build();
    }

    @Bean
    UserDetailsService users() {
      return new InMemoryUserDetailsManager(
          User.withUsername("alice").password("{noop}pw").roles("analyst").build(),
          User.withUsername("bursty").password("{noop}pw").roles("analyst").build(),
          User.withUsername("ivan").password("{noop}pw").roles("intern").build(),
          User.withUsername("admin").password("{noop}pw").roles("ADMIN").build());
    }
  }

  /** Application code: one annotated method, one model. */
  static class AssistantService {
    private final ChatModel model;

    AssistantService(ChatModel model) {
      this.model = model;
    }

    @GuardedModelCall(action = "summarize", dataLabels = "tickets")
    public String summarize(@Prompt String ticket) {
      return model.chat(ticket);
    }
  }

  @RestController
  static class AssistantController {
    private final AssistantService assistant;

    AssistantController(AssistantService assistant) {
      this.assistant = assistant;
    }

    @PostMapping(path = "/summarize", consumes = MediaType.TEXT_PLAIN_VALUE, produces = MediaType.TEXT_PLAIN_VALUE)
    String summarize(@RequestBody String ticket) {
      return assistant.summarize(ticket);
    }
  }
}
