package dev.guardrails4j.samples.supportdesk;

import dev.guardrails4j.api.annotation.GuardedModelCall;
import dev.guardrails4j.api.annotation.Prompt;
import dev.langchain4j.model.chat.ChatModel;
import org.springframework.stereotype.Service;

/**
 * The support desk's uses of the model. Each method is one business action: the Guardrails4j aspect
 * decides access for the signed-in user before the method runs, checks the {@link Prompt} text
 * (redacting it where policy says so) and the returned answer.
 */
@Service
public class SupportDeskService {

  private final ChatModel model;
  private final SupportAssistant assistant;
  private final TicketTools tickets;

  /**
   * Creates the service.
   *
   * @param model the (guarded) chat model
   * @param assistant the AI service with tools
   * @param tickets the ticket store
   */
  public SupportDeskService(ChatModel model, SupportAssistant assistant, TicketTools tickets) {
    this.model = model;
    this.assistant = assistant;
    this.tickets = tickets;
  }

  /**
   * Summarises a ticket.
   *
   * @param ticketId the ticket
   * @return the summary
   */
  @GuardedModelCall(action = "summarize-ticket", dataLabels = "customer-data")
  public String summarize(String ticketId) {
    return model.chat("Summarise this support ticket in two sentences: " + tickets.lookupTicket(ticketId));
  }

  /**
   * Writes an answer to a customer's message.
   *
   * @param customerMessage what the customer wrote; personal data is redacted before the model sees it
   * @return the answer
   */
  @GuardedModelCall(action = "answer-customer", dataLabels = "customer-data")
  public String answerCustomer(@Prompt String customerMessage) {
    return model.chat("Write a short, friendly answer to this customer message: " + customerMessage);
  }

  /**
   * Drafts a reply to a ticket (rate-limited by policy: the guarded model call counts against the
   * limit, once per request).
   *
   * @param ticketId the ticket
   * @return the draft
   */
  @GuardedModelCall(action = "draft-reply")
  public String draftReply(String ticketId) {
    return model.chat("Draft a short reply to this ticket: " + tickets.lookupTicket(ticketId));
  }

  /**
   * Lets the assistant work on tickets with its tools.
   *
   * @param request what to do
   * @return the assistant's answer
   */
  @GuardedModelCall(action = "assist")
  public String assist(@Prompt String request) {
    return assistant.handle(request);
  }
}
