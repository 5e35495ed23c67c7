package dev.guardrails4j.samples.supportdesk;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP API. A refusal by policy becomes a problem detail from the starter: 403 for a denial,
 * 429 with {@code Retry-After} for a limit, with the decision id to find the audit event.
 */
@RestController
@RequestMapping("/api")
public class SupportDeskController {

  private final SupportDeskService desk;

  /**
   * Creates the controller.
   *
   * @param desk the service
   */
  public SupportDeskController(SupportDeskService desk) {
    this.desk = desk;
  }

  /**
   * Summarises a ticket.
   *
   * @param id the ticket id
   * @return {@code {"summary": ...}}
   */
  @GetMapping("/tickets/{id}/summary")
  public Map<String, String> summary(@PathVariable String id) {
    return Map.of("summary", desk.summarize(id));
  }

  /**
   * Drafts a reply to a ticket.
   *
   * @param id the ticket id
   * @return {@code {"draft": ...}}
   */
  @PostMapping("/tickets/{id}/drafts")
  public Map<String, String> draft(@PathVariable String id) {
    return Map.of("draft", desk.draftReply(id));
  }

  /**
   * Answers a customer's message.
   *
   * @param message the customer's message, as plain text
   * @return {@code {"answer": ...}}
   */
  @PostMapping("/answers")
  public Map<String, String> answer(@RequestBody String message) {
    return Map.of("answer", desk.answerCustomer(message));
  }

  /**
   * Lets the assistant work on tickets.
   *
   * @param request the request, as plain text
   * @return {@code {"answer": ...}}
   */
  @PostMapping("/assistant")
  public Map<String, String> assist(@RequestBody String request) {
    return Map.of("answer", desk.assist(request));
  }
}
