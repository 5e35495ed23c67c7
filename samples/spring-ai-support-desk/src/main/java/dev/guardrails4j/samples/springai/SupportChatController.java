package dev.guardrails4j.samples.springai;

import java.util.List;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The support chat. Plain Spring AI: a {@code ChatClient} from the injected builder; the starter
 * has added the Guardrails4j advisor to that builder, and the signed-in user is the caller.
 */
@RestController
class SupportChatController {

  private final ChatClient chat;
  private final TicketTools tools = new TicketTools();

  SupportChatController(ChatClient.Builder builder) {
    this.chat = builder.defaultSystem("You are the support desk's assistant.").build();
  }

  @PostMapping(path = "/api/chat", consumes = MediaType.TEXT_PLAIN_VALUE, produces = MediaType.TEXT_PLAIN_VALUE)
  String chat(@RequestBody String message) {
    return chat.prompt().user(message).tools(tools).call().content();
  }

  /** The answer as the chunks a streaming client receives, so that they can be inspected. */
  @PostMapping(path = "/api/chat/stream", consumes = MediaType.TEXT_PLAIN_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  List<String> stream(@RequestBody String message) {
    return chat.prompt().user(message).stream().content().collectList().block();
  }
}
