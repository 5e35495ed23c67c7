package dev.guardrails4j.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local OpenAI-compatible chat completions server for offline tests of the real HTTP path:
 * LangChain4j's {@code OpenAiChatModel} and {@code OpenAiStreamingChatModel} pointed at {@link
 * #baseUrl()} talk to it as to the real service.
 *
 * <p>Responses are scripted in order: each request to {@code POST /v1/chat/completions} takes the
 * next one ({@link #reply(String)}, {@link #replyWithToolCall(String, String, String)}, {@link
 * #stream(String...)}, {@link #streamToolCall(String, String, String...)}); a request with nothing
 * scripted gets a 500 error. Every request body is kept for assertions ({@link #requests()}).
 *
 * <pre>{@code
 * try (OpenAiStubServer stub = OpenAiStubServer.start()) {
 *   stub.reply("Hello!");
 *   ChatModel model = OpenAiChatModel.builder().baseUrl(stub.baseUrl()).apiKey("test")
 *       .modelName("gpt-4o-mini").build();
 *   model.chat("Hi");
 *   assertThat(stub.lastUserMessage()).isEqualTo("Hi");
 * }
 * }</pre>
 *
 * <p>Binds to the loopback address on a free port; needs only the JDK's {@code
 * com.sun.net.httpserver} and Jackson.
 */
final class OpenAiStubServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final String model;

  private OpenAiStubServer(String model) throws IOException {
    this.model = model;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "openai-stub");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/v1/chat/completions", this::handle);
    server.start();
  }

  /**
   * Starts a server that answers as model {@code gpt-4o-mini}.
   *
   * @return the running server
   */
  static OpenAiStubServer start() {
    return start("gpt-4o-mini");
  }

  /**
   * Starts a server.
   *
   * @param model the model name written into responses
   * @return the running server
   */
  static OpenAiStubServer start(String model) {
    try {
      return new OpenAiStubServer(model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL to give the OpenAI client, ending in {@code /v1}. */
  String baseUrl() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/v1";
  }

  // ---- scripting -----------------------------------------------------------------------------

  /** Scripts a plain answer. */
  OpenAiStubServer reply(String text) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", text);
    replies.add(new Reply(completion(message, "stop"), null));
    return this;
  }

  /** Scripts an answer that asks for one tool call. */
  OpenAiStubServer replyWithToolCall(String id, String tool, String arguments) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    message.putNull("content");
    ArrayNode calls = message.putArray("tool_calls");
    ObjectNode call = calls.addObject().put("id", id).put("type", "function");
    call.putObject("function").put("name", tool).put("arguments", arguments);
    replies.add(new Reply(completion(message, "tool_calls"), null));
    return this;
  }

  /** Scripts a streamed answer, one SSE event per chunk, then usage and {@code [DONE]}. */
  OpenAiStubServer stream(String... chunks) {
    List<String> events = new ArrayList<>();
    boolean first = true;
    for (String c : chunks) {
      ObjectNode delta = JSON.createObjectNode();
      if (first) {
        delta.put("role", "assistant");
        first = false;
      }
      delta.put("content", c);
      events.add(chunk(delta, null));
    }
    events.add(chunk(JSON.createObjectNode(), "stop"));
    events.add(usageChunk());
    replies.add(new Reply(null, events));
    return this;
  }

  /** Scripts a streamed tool call whose arguments arrive in the given pieces. */
  OpenAiStubServer streamToolCall(String id, String tool, String... argumentPieces) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < argumentPieces.length; i++) {
      ObjectNode delta = JSON.createObjectNode();
      ObjectNode call = delta.putArray("tool_calls").addObject().put("index", 0);
      ObjectNode function = call.putObject("function");
      if (i == 0) {
        delta.put("role", "assistant");
        call.put("id", id).put("type", "function");
        function.put("name", tool);
      }
      function.put("arguments", argumentPieces[i]);
      events.add(chunk(delta, null));
    }
    events.add(chunk(JSON.createObjectNode(), "tool_calls"));
    events.add(usageChunk());
    replies.add(new Reply(null, events));
    return this;
  }

  // ---- what was received ---------------------------------------------------------------------

  /** Every request body received, in order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** How many requests were received. */
  int requestCount() {
    return requests.size();
  }

  /** A request body as JSON. */
  JsonNode request(int index) {
    try {
      return JSON.readTree(requests.get(index));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last request body as JSON. */
  JsonNode lastRequest() {
    if (requests.isEmpty()) {
      throw new IllegalStateException("the stub received no request");
    }
    return request(requests.size() - 1);
  }

  /** The content of the last user message of the last request. */
  String lastUserMessage() {
    JsonNode messages = lastRequest().path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).path("role").asText())) {
        return messages.get(i).path("content").asText();
      }
    }
    throw new IllegalStateException("the last request has no user message");
  }

  /** The names of the tools offered in a request. */
  List<String> toolNames(int index) {
    List<String> names = new ArrayList<>();
    for (JsonNode t : request(index).path("tools")) {
      names.add(t.path("function").path("name").asText());
    }
    return names;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private record Reply(String body, List<String> events) {}

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(body);
      Reply reply = replies.poll();
      if (reply == null) {
        send(exchange, 500, "{\"error\":{\"message\":\"no scripted reply\",\"type\":\"server_error\"}}");
        return;
      }
      if (reply.body() != null) {
        send(exchange, 200, reply.body());
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      try {
        for (String event : reply.events()) {
          out.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException clientWentAway) {
        // a cancelled stream closes the connection; nothing more to send
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private String completion(ObjectNode message, String finishReason) {
    ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion")
        .put("created", 1L).put("model", model);
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.set("message", message);
    choice.put("finish_reason", finishReason);
    root.putObject("usage").put("prompt_tokens", 12).put("completion_tokens", 7).put("total_tokens", 19);
    return root.toString();
  }

  private String chunk(ObjectNode delta, String finishReason) {
    ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion.chunk")
        .put("created", 1L).put("model", model);
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    return root.toString();
  }

  private String usageChunk() {
    ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion.chunk")
        .put("created", 1L).put("model", model);
    root.putArray("choices");
    root.putObject("usage").put("prompt_tokens", 12).put("completion_tokens", 7).put("total_tokens", 19);
    return root.toString();
  }
}
