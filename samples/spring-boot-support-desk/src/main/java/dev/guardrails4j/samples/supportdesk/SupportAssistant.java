package dev.guardrails4j.samples.supportdesk;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;

/** The LangChain4j AI service that works on tickets with tools. */
public interface SupportAssistant {

  /**
   * Carries out a request about tickets, using the ticket tools.
   *
   * @param request what the support person asks for
   * @return the assistant's answer
   */
  @SystemMessage("You are the support-desk assistant of Example Corp. Use the ticket tools. Be brief.")
  String handle(@UserMessage String request);
}
