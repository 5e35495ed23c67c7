package dev.guardrails4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiStubServerTests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUEST = """
      {"model":"m","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"Hi"}],
       "tools":[{"type":"function","function":{"name":"lookup"}},{"type":"function","function":{"name":"refund"}}]}""";

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final OpenAiStubServer stub = OpenAiStubServer.start("stub-model");

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void answersWithTheScriptedReplyAndRecordsTheRequest() throws Exception {
    stub.reply("Hello!");

    HttpResponse<String> response = post(REQUEST);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("model").asText()).isEqualTo("stub-model");
    assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Hello!");
    assertThat(stub.requestCount()).isEqualTo(1);
    assertThat(stub.lastUserMessage()).isEqualTo("Hi");
    assertThat(stub.toolNames(0)).containsExactly("lookup", "refund");
  }

  @Test
  void answersWithAToolCallWhenOneIsScripted() throws Exception {
    stub.replyWithToolCall("call_1", "refund", "{\"order\":7}");

    JsonNode choice = JSON.readTree(post(REQUEST).body()).path("choices").get(0);

    assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    JsonNode function = choice.path("message").path("tool_calls").get(0).path("function");
    assertThat(function.path("name").asText()).isEqualTo("refund");
    assertThat(function.path("arguments").asText()).isEqualTo("{\"order\":7}");
  }

  @Test
  void streamsEachChunkAsAServerSentEventEndingWithDone() throws Exception {
    stub.stream("Hel", "lo");

    String events = post(REQUEST).body();

    assertThat(events).contains("\"content\":\"Hel\"", "\"content\":\"lo\"", "\"finish_reason\":\"stop\"");
    assertThat(events).endsWith("data: [DONE]\n\n");
  }

  @Test
  void answersServerErrorWhenNothingIsScripted() throws Exception {
    assertThat(post(REQUEST).statusCode()).isEqualTo(500);
    assertThat(stub.requests()).hasSize(1);
  }

  @Test
  void servesScriptedRepliesInOrder() throws Exception {
    stub.reply("first").reply("second");

    assertThat(post(REQUEST).body()).contains("first");
    assertThat(post(REQUEST).body()).contains("second");
  }

  @Test
  void saysSoWhenAskedForTheLastRequestBeforeAnyArrived() {
    assertThatThrownBy(stub::lastRequest).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no request");
  }

  @Test
  void rejectsABlankModelName() {
    assertThatThrownBy(() -> OpenAiStubServer.start(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model");
  }

  private HttpResponse<String> post(String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/chat/completions"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
