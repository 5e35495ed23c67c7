package dev.guardrails4j.samples.supportdesk;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** The ticket store, and the tools the assistant may use on it. */
@Component
public class TicketTools {

  private final Map<String, String> tickets = Map.of(
      "T-1038", "Customer cannot log in since the password reset on Monday; clearing cookies did not help.",
      "T-1039", "The invoice PDF for October is empty.",
      "T-1042", "Staging environment for the customer's integration test is not reachable.",
      "T-1043", "Customer asks whether the export API supports CSV.");
  private final Map<String, List<String>> notes = new ConcurrentHashMap<>();

  /** Creates the store. */
  public TicketTools() {}

  /**
   * Reads a ticket.
   *
   * @param ticketId the ticket id, for example T-1038
   * @return the ticket's text
   */
  @Tool("Reads a support ticket")
  public String lookupTicket(@P("the ticket id, for example T-1038") String ticketId) {
    return tickets.getOrDefault(ticketId, "No ticket " + ticketId + ".");
  }

  /**
   * Adds an internal note to a ticket.
   *
   * @param ticketId the ticket id
   * @param note the note
   * @return a confirmation
   */
  @Tool("Adds an internal note to a ticket")
  public String addTicketNote(@P("the ticket id") String ticketId, @P("the note") String note) {
    notes.computeIfAbsent(ticketId, k -> new CopyOnWriteArrayList<>()).add(note);
    return "Note added to " + ticketId + ".";
  }

  /**
   * The notes of a ticket.
   *
   * @param ticketId the ticket id
   * @return the notes, oldest first
   */
  public List<String> notes(String ticketId) {
    return List.copyOf(notes.getOrDefault(ticketId, List.of()));
  }
}
