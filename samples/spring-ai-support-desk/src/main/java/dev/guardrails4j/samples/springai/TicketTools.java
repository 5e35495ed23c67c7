package dev.guardrails4j.samples.springai;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/** The support desk's tools; which caller may use which is up to the policy file. */
class TicketTools {

  @Tool(description = "Looks up a ticket's status")
  String lookupTicket(@ToolParam(description = "the ticket id") String id) {
    return "ticket " + id + " is open, waiting for the customer";
  }

  @Tool(description = "Closes a ticket")
  String closeTicket(@ToolParam(description = "the ticket id") String id) {
    return "ticket " + id + " is closed";
  }
}
