package dev.guardrails4j.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A local OpenAI-compatible chat completions server for offline tests of the real HTTP path: an
 * OpenAI client (for example LangChain4j's {@code OpenAiChatModel} and {@code
 * OpenAiStreamingChatModel}) pointed at {@link #baseUrl()} talks to it as to the real service.
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
 * com.sun.net.httpserver} and Jackson (which guardrails-core already brings). Thread-safe: scripts
 * and recorded requests may be used from any thread while the server answers.
 */
public final class OpenAiStubServer implements AutoCloseable {

  /** The model name written into responses when {@link #start()} is used. */
  public static final String DEFAULT_MODEL = "gpt-4o-mini";

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
   * Starts a server that answers as model {@value #DEFAULT_MODEL}.
   *
   * @return the running server; close it when done
   * @throws UncheckedIOException if no loopback port can be bound
   */
  public static OpenAiStubServer start() {
    return start(DEFAULT_MODEL);
  }

  /**
   * Starts a server.
   *
   * @param model the model name written into responses
   * @return the running server; close it when done
   * @throws IllegalArgumentException if {@code model} is blank
   * @throws UncheckedIOException if no loopback port can be bound
   */
  public static OpenAiStubServer start(String model) {
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank; pass a model name such as \""
          + DEFAULT_MODEL + "\"");
    }
    try {
      return new OpenAiStubServer(model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The base URL to give the OpenAI client.
   *
   * @return {@code http://HOST:PORT/v1} on the loopback address
   */
  public String baseUrl() {
    InetSocketAddress address = server.getAddress();
    InetAddress host = address.getAddress();
    String hostText = host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
    return "http://" + hostText + ":" + address.getPort() + "/v1";
  }

  // ---- scripting -----------------------------------------------------------------------------

  /**
   * Scripts a plain answer for the next unanswered request.
   *
   * @param text the assistant's answer
   * @return this server
   */
  public OpenAiStubServer reply(String text) {
    Objects.requireNonNull(text, "text");
    ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", text);
    replies.add(Reply.whole(completion(message, "stop")));
    return this;
  }

  /**
   * Scripts an answer that asks for one tool call.
   *
   * @param id the tool call id
   * @param tool the tool (function) name
   * @param arguments the arguments, as the JSON text the model would send
   * @return this server
   */
  public OpenAiStubServer replyWithToolCall(String id, String tool, String arguments) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(arguments, "arguments");
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    message.putNull("content");
    ArrayNode calls = message.putArray("tool_calls");
    ObjectNode call = calls.addObject().put("id", id).put("type", "function");
    call.putObject("function").put("name", tool).put("arguments", arguments);
    replies.add(Reply.whole(completion(message, "tool_calls")));
    return this;
  }

  /**
   * Scripts a streamed answer: one server-sent event per chunk, then a finish event, a usage event
   * and {@code [DONE]}.
   *
   * @param chunks the pieces of the answer, in order
   * @return this server
   */
  public OpenAiStubServer stream(String... chunks) {
    List<String> events = new ArrayList<>();
    boolean first = true;
    for (String c : chunks) {
      ObjectNode delta = JSON.createObjectNode();
      if (first) {
        delta.put("role", "assistant");
        first = false;
      }
      delta.put("content", Objects.requireNonNull(c, "chunk"));
      events.add(chunk(delta, null));
    }
    events.add(chunk(JSON.createObjectNode(), "stop"));
    events.add(usageChunk());
    replies.add(Reply.streamed(events));
    return this;
  }

  /**
   * Scripts a streamed tool call whose arguments arrive in the given pieces.
   *
   * @param id the tool call id
   * @param tool the tool (function) name
   * @param argumentPieces the pieces of the arguments' JSON text, in order
   * @return this server
   */
  public OpenAiStubServer streamToolCall(String id, String tool, String... argumentPieces) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tool, "tool");
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
      function.put("arguments", Objects.requireNonNull(argumentPieces[i], "argument piece"));
      events.add(chunk(delta, null));
    }
    events.add(chunk(JSON.createObjectNode(), "tool_calls"));
    events.add(usageChunk());
    replies.add(Reply.streamed(events));
    return this;
  }

  // ---- what was received ---------------------------------------------------------------------

  /**
   * Every request body received, in order.
   *
   * @return a snapshot of the raw JSON bodies
   */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /**
   * How many requests were received.
   *
   * @return the count so far
   */
  public int requestCount() {
    return requests.size();
  }

  /**
   * A request body as JSON.
   *
   * @param index the request's position, from 0
   * @return the parsed body
   * @throws IndexOutOfBoundsException if fewer requests were received
   */
  public JsonNode request(int index) {
    try {
      return JSON.readTree(requests.get(index));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The last request body as JSON.
   *
   * @return the parsed body
   * @throws IllegalStateException if no request was received
   */
  public JsonNode lastRequest() {
    if (requests.isEmpty()) {
      throw new IllegalStateException("the stub received no request");
    }
    return request(requests.size() - 1);
  }

  /**
   * The content of the last user message of the last request.
   *
   * @return the text the client sent
   * @throws IllegalStateException if there is no request or it has no user message
   */
  public String lastUserMessage() {
    JsonNode messages = lastRequest().path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).path("role").asText())) {
        return messages.get(i).path("content").asText();
      }
    }
    throw new IllegalStateException("the last request has no user message");
  }

  /**
   * The names of the tools offered in a request.
   *
   * @param index the request's position, from 0
   * @return the function names, in the order the client listed them
   */
  public List<String> toolNames(int index) {
    List<String> names = new ArrayList<>();
    for (JsonNode t : request(index).path("tools")) {
      names.add(t.path("function").path("name").asText());
    }
    return List.copyOf(names);
  }

  /** Stops the server at once and ends its threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- plumbing ------------------------------------------------------------------------------

  /** Either a whole JSON body or a list of server-sent events. */
  private record Reply(@Nullable String body, List<String> events) {
    static Reply whole(String body) {
      return new Reply(body, List.of());
    }

    static Reply streamed(List<String> events) {
      return new Reply(null, List.copyOf(events));
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(body);
      Reply reply = replies.poll();
      if (reply == null) {
        send(exchange, 500, "{\"error\":{\"message\":\"no scripted reply\",\"type\":\"server_error\"}}");
        return;
      }
      String whole = reply.body();
      if (whole != null) {
        send(exchange, 200, whole);
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

  private ObjectNode envelope(String object) {
    return JSON.createObjectNode().put("id", "chatcmpl-stub").put("object", object)
        .put("created", 1L).put("model", model);
  }

  private static void putUsage(ObjectNode root) {
    root.putObject("usage").put("prompt_tokens", 12).put("completion_tokens", 7).put("total_tokens", 19);
  }

  private String completion(ObjectNode message, String finishReason) {
    ObjectNode root = envelope("chat.completion");
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.set("message", message);
    choice.put("finish_reason", finishReason);
    putUsage(root);
    return root.toString();
  }

  private String chunk(ObjectNode delta, @Nullable String finishReason) {
    ObjectNode root = envelope("chat.completion.chunk");
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
    ObjectNode root = envelope("chat.completion.chunk");
    root.putArray("choices");
    putUsage(root);
    return root.toString();
  }
}
