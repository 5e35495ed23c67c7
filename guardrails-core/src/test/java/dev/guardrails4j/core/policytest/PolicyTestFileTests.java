package dev.guardrails4j.core.policytest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.Message;
import dev.guardrails4j.api.Phase;
import dev.guardrails4j.api.Verdict;
import dev.guardrails4j.core.policy.PolicyProblem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PolicyTestFileTests {

  static PolicyTestFile parse(String yaml) {
    return PolicyTestFile.parse(Path.of("t.test.yaml"), yaml, Path.of("/policies"));
  }

  static PolicyTestException problems(String yaml) {
    try {
      parse(yaml);
    } catch (PolicyTestException e) {
      return e;
    }
    throw new AssertionError("expected problems in:\n" + yaml);
  }

  @Test
  void casesStartFromTheDefaultsAndOverrideThem() {
    PolicyTestFile f = parse("""
        policy-files: [a.yaml, ../b]
        defaults:
          workload: svc
          user: { subject: alice, roles: [analyst], tenant: acme }
          model: openai:gpt-4o
          action: summarize
        cases:
          - name: first
            messages:
              - hello
              - { role: system, text: be brief }
              - { role: tool-result, name: lookup, text: found }
            data: [internal]
            expect: { access: allow }
          - name: second
            user: none
            model: ollama:llama3.1
            expect: { access: deny }
        """);
    assertThat(f.policyFiles()).containsExactly(Path.of("/policies/a.yaml"), Path.of("/b"));
    PolicyTestCase first = f.cases().get(0);
    assertThat(first.line()).isEqualTo(8);
    assertThat(first.invocation().caller().user().tenant()).isEqualTo("acme");
    assertThat(first.invocation().messages()).extracting(Message::role)
        .containsExactly(Message.Role.USER, Message.Role.SYSTEM, Message.Role.TOOL_RESULT);
    assertThat(first.invocation().dataLabels()).containsExactly("internal");
    PolicyTestCase second = f.cases().get(1);
    assertThat(second.invocation().caller().user()).isNull();
    assertThat(second.invocation().model().toString()).isEqualTo("ollama:llama3.1");
    assertThat(second.invocation().action()).isEqualTo("summarize");
    assertThat(second.expectations().get(Phase.ACCESS).verdict()).isEqualTo(Verdict.DENY);
  }

  @Test
  void everyProblemIsReportedWithItsPosition() {
    PolicyTestException e = problems("""
        policy-files: [a.yaml]
        cases:
          - name: typo in a key
            modle: openai:gpt-4o
            expect: { access: allow }
          - name: bad verdict
            model: openai:gpt-4o
            expect: { input: blocked }
          - model: openai:gpt-4o
            expect: { access: allow }
        """);
    assertThat(e.problems()).extracting(PolicyProblem::toString).containsExactly(
        "t.test.yaml:4:5: cases[0].modle: unknown key 'modle'; allowed here: action, answer, attributes, call-site, data, description, expect, messages, model, name, repeat, token-estimate, tool-calls, tools, user, workload",
        "t.test.yaml:3:5: cases[0].model: missing; name the model as provider:name, e.g. openai:gpt-4o (here or in 'defaults')",
        "t.test.yaml:8:22: cases[1].expect.input: expected one of allow, allow-with-changes, deny, not-run; got 'blocked'",
        "t.test.yaml:9:5: cases[2].name: missing; every case needs a name that says what it shows");
  }

  @Test
  void outputExpectationsNeedAnAnswer() {
    assertThat(problems("""
        policy-files: [a.yaml]
        defaults: { model: "openai:gpt-4o" }
        cases:
          - { name: no answer, expect: { output: allow } }
        """).problems()).extracting(PolicyProblem::message)
        .containsExactly("the output phase runs only with an 'answer'; add one");
  }

  @Test
  void aTestFileMustNamePolicyFilesAndCases() {
    assertThat(problems("description: nothing here\n").problems()).extracting(PolicyProblem::field)
        .containsExactly("policy-files", "cases");
  }

  @Test
  void invalidYamlIsReportedWithItsPosition() {
    assertThat(problems("policy-files: [a.yaml\ncases: []\n").problems()).singleElement()
        .satisfies(p -> {
          assertThat(p.line()).isPositive();
          assertThat(p.message()).startsWith("not valid YAML");
        });
  }

  @Test
  void duplicateCaseNamesAreRejected() {
    assertThat(problems("""
        policy-files: [a.yaml]
        defaults: { model: "openai:gpt-4o" }
        cases:
          - { name: same, expect: { access: allow } }
          - { name: same, expect: { access: deny } }
        """).problems()).extracting(PolicyProblem::message).containsExactly("duplicate case name 'same'");
  }

  @Test
  void readsASingleInvocationFromJson() {
    PolicyTestCase c = PolicyTestCase.parse("call.json", """
        {"workload": "svc", "user": {"subject": "bob", "groups": ["eu"]}, "model": "openai:gpt-4o",
         "action": "draft", "messages": ["hi"], "answer": "hello", "tool-calls": [{"name": "x"}]}
        """);
    assertThat(c.name()).isEqualTo("invocation");
    assertThat(c.invocation().caller().user().groups()).containsExactly("eu");
    assertThat(c.answer()).isEqualTo("hello");
    assertThat(c.toolCalls()).hasSize(1);
    assertThat(c.expectations()).isEmpty();
  }

  @Test
  void notRunStandsAlone() {
    assertThat(problems("""
        policy-files: [a.yaml]
        defaults: { model: "openai:gpt-4o" }
        cases:
          - { name: x, expect: { input: { verdict: not-run, findings: [A] } } }
        """).problems()).extracting(PolicyProblem::message)
        .containsExactly("write 'not-run' alone, without other expectations");
    assertThatThrownBy(() -> new Expectation(false, Verdict.DENY, null, java.util.List.of(), java.util.List.of(),
        false, "", null, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
