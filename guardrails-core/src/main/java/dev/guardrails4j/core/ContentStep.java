package dev.guardrails4j.core;

import dev.guardrails4j.api.Decision;
import dev.guardrails4j.api.GuardContext;
import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.Phase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The input and output steps: the matched policies' content checks over the messages the model
 * will receive and over its answer. Enforced redactions rewrite the texts; values redacted earlier
 * in the call are redacted wherever they appear again; reversible input redactions are restored
 * in the answer the caller gets. Inside a {@link GuardContext} scope, a text already checked for a
 * phase (by another adapter around the same call) is not checked twice.
 */
final class ContentStep {

  private ContentStep() {}

  static List<Message> input(CallRecord call, List<Message> messages) {
    call.ensureOpen();
    long t0 = System.nanoTime();
    List<ContentChecks.Ref> refs = call.refs(Phase.INPUT, null);
    if (refs.isEmpty() && !call.hasRedactedValues()) {
      call.spent(t0);
      return messages;
    }
    List<String> texts = new ArrayList<>(messages.size());
    for (Message m : messages) {
      texts.add(m.text());
    }
    GuardContext.CheckedContent checked = call.frame.checked();
    boolean scoped = call.frame != GuardContext.Frame.EMPTY;
    ContentChecks.Result r = call.runChecks(Phase.INPUT, refs, texts,
        (ref, i) -> ref.check().roles().contains(messages.get(i).role())
            && !(scoped && checked.isChecked(Phase.INPUT, texts.get(i))),
        true, call.decision(Phase.INPUT));
    Decision d = call.finish(r.decision(), t0);
    call.recordAndEnforce(d);
    List<Message> out = messages;
    if (r.texts() != texts) {
      out = new ArrayList<>(messages.size());
      for (int i = 0; i < messages.size(); i++) {
        out.add(r.texts().get(i) == texts.get(i) ? messages.get(i) : messages.get(i).withText(r.texts().get(i)));
      }
      out = Collections.unmodifiableList(out);
    }
    if (scoped) {
      for (Message m : out) {
        checked.markChecked(Phase.INPUT, m.text());
      }
    }
    return out;
  }

  static String output(CallRecord call, String answer) {
    call.ensureOpen();
    long t0 = System.nanoTime();
    call.noteOutput(answer);
    boolean scoped = call.frame != GuardContext.Frame.EMPTY;
    List<ContentChecks.Ref> refs = call.refs(Phase.OUTPUT, null);
    String text = answer;
    if ((!refs.isEmpty() || call.hasRedactedValues())
        && !(scoped && call.frame.checked().isChecked(Phase.OUTPUT, answer))) {
      ContentChecks.Result r = call.runChecks(Phase.OUTPUT, refs, List.of(answer), (ref, i) -> true,
          true, call.decision(Phase.OUTPUT));
      call.recordAndEnforce(call.finish(r.decision(), t0));
      text = r.texts().get(0);
    } else {
      call.spent(t0);
    }
    Redactions redactions = call.redactionsIfAny();
    if (redactions != null) {
      text = redactions.restore(text);
    }
    if (scoped) {
      call.frame.checked().markChecked(Phase.OUTPUT, text);
    }
    return text;
  }
}
