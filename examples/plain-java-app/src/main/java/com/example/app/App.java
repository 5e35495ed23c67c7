package com.example.app;

import dev.guardrails4j.api.Caller;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.GuardrailViolationException;
import dev.guardrails4j.api.User;
import dev.guardrails4j.core.Guardrails;
import dev.guardrails4j.langchain4j.GuardedChatModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.nio.file.Path;

/** The smallest plain-Java set-up: one policy file, one guarded model, a caller per call. */
public final class App {

  /** Stands in for OpenAiChatModel and friends: it answers with what it received. */
  static final class EchoModel implements ChatModel {
    @Override
    public ChatResponse doChat(ChatRequest request) {
      UserMessage last = (UserMessage) request.messages().get(request.messages().size() - 1);
      return ChatResponse.builder().aiMessage(AiMessage.from("model received: " + last.singleText())).build();
    }
  }

  public static void main(String[] args) {
    try (Guardrails guardrails = Guardrails.builder().policyFile(Path.of("guardrails.yaml")).build()) {
      ChatModel model = GuardedChatModel.wrap(new EchoModel(), guardrails);

      User alice = User.builder("alice").tenant("acme").roles("support-analyst").build();
      try (GuardContext.Scope scope = GuardContext.builder()
          .caller(Caller.of(guardrails.workload(), alice)).action("summarize-ticket").open()) {
        System.out.println("alice: " + model.chat("Summarise: jane.doe@example.com cannot log in."));
      }

      User ivan = User.builder("ivan").tenant("acme").roles("support-intern").build();
      try (GuardContext.Scope scope = GuardContext.builder()
          .caller(Caller.of(guardrails.workload(), ivan)).action("summarize-ticket").open()) {
        model.chat("Summarise: the printer is jammed.");
      } catch (GuardrailViolationException e) {
        System.out.println("ivan: " + e.decision().verdict() + " in " + e.decision().phase());
      }
    }
  }
}
