package dev.guardrails4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.guardrails4j.api.spi.PolicyDocument;
import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.testsupport.KeywordDetectorFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyParserTests {

  static final DetectorCatalog CATALOG = DetectorCatalog.builtIn().with(new KeywordDetectorFactory());

  static PolicySet parse(String yaml) {
    return PolicySet.parse(List.of(new PolicyDocument("policy.yaml", yaml)), CATALOG);
  }

  static List<PolicyProblem> problems(String yaml) {
    PolicyException e = catchThrowableOfType(PolicyException.class, () -> parse(yaml));
    assertThat(e).as("expected the policy to be rejected").isNotNull();
    return e.problems();
  }

  @Test
  void parsesEverySection() {
    PolicySet set = parse("""
        version: 1
        defaults: { mode: monitor, access: allow, on-error: allow, tools: deny }
        policies:
          - id: support
            description: Support analysts
            match:
              user: { roles: [analyst], groups: [emea], tenant: [acme], subject: ["u-*"] }
              workload: ["spiffe://example.org/ns/*/sa/api"]
              model: ["openai:gpt-4o*"]
              action: [summarize]
              data: [internal]
              attributes: { channel: [web, mobile] }
            access: allow
            mode: enforce
            input:
              - { detector: keyword, word: secret, action: redact, style: mask }
              - { detector: keyword, word: x, action: redact, reversible: true, roles: [user, system] }
            output:
              - { detector: keyword, word: leak, action: block, min-score: 0.5 }
            tools:
              allow: [lookupTicket]
              deny: [deleteTicket]
              on-deny: stop
              arguments: [ { detector: keyword, word: pw, action: block } ]
            limits: { requests: 60/1m per user, tokens: "1000/1d per tenant+model", concurrent: 2 per user }
        providers:
          - model: "openai:*"
            timeout: 20s
            circuit-breaker: { failure-rate: 50, minimum-calls: 5, window: 10, open-for: 30s }
        """);
    Policy p = set.policies().get(0);
    assertThat(set.defaults()).isEqualTo(new PolicyDefaults(dev.guardrails4j.api.Mode.MONITOR,
        Access.ALLOW, OnError.ALLOW, Access.DENY));
    assertThat(p.id()).isEqualTo("support");
    assertThat(p.match().roles()).containsExactly("analyst");
    assertThat(p.input()).hasSize(2);
    assertThat(p.input().get(0).style()).isEqualTo(RedactionStyle.MASK);
    assertThat(p.input().get(1).reversible()).isTrue();
    assertThat(p.tools().onDeny()).isEqualTo(ToolRules.OnDeny.STOP);
    assertThat(p.limits()).hasSize(3);
    assertThat(p.line()).isEqualTo(4);
    assertThat(set.providers()).hasSize(1);
    assertThat(set.version()).hasSize(12);
  }

  @Test
  void edgeControlsAreReadWithTheModelsTheyCover() {
    PolicySet set = parse("""
        version: 1
        policies:
          - { id: a, access: allow }
        edge:
          - id: gateway-filter
            control: content-filter
            enforced-by: ai-gw-prod
            model: ["openai:*", "azure:gpt-4o"]
            description: prompt shields
          - { id: api-rate, control: rate-limit, enforced-by: api-gw, model: "ollama:*" }
        """);
    assertThat(set.edgeControls()).extracting(EdgeControl::id).containsExactly("gateway-filter", "api-rate");
    EdgeControl c = set.edgeControls().get(0);
    assertThat(c.control()).isEqualTo("content-filter");
    assertThat(c.enforcedBy()).isEqualTo("ai-gw-prod");
    assertThat(c.covers("openai:gpt-4o")).isTrue();
    assertThat(c.covers("ollama:llama3")).isFalse();
    assertThat(c.line()).isEqualTo(5);
  }

  @Test
  void edgeControlProblemsArePositioned() {
    List<PolicyProblem> problems = problems("""
        version: 1
        policies:
          - { id: a, access: allow }
        edge:
          - { id: f, control: content-filter, enforced-by: gw, model: "openai:*" }
          - { id: g, control: content-filter, enforced-by: gw, model: gpt-4o, colour: red }
          - { id: h, enforced-by: gw, model: "openai:*" }
          - { id: f, control: dlp, enforced-by: gw, model: "openai:*" }
        """);
    assertThat(problems).extracting(PolicyProblem::toString).containsExactly(
        "policy.yaml:6:71: edge[1].colour: unknown key 'colour'; allowed here: control, description, enforced-by, id, model",
        "policy.yaml:6:63: edge[1].model: model glob 'gpt-4o' must be 'provider:name', for example 'openai:gpt-4o*' or 'ollama:*'",
        "policy.yaml:7:5: edge[2].control: missing; an edge control needs id, control, enforced-by and model",
        "policy.yaml:8:11: edge[3].id: duplicate edge control id 'f', first defined at policy.yaml:5");
  }

  @Test
  void sameContentGivesSameVersionAndEditsChangeIt() {
    String yaml = "version: 1\npolicies:\n  - { id: a, access: allow }\n";
    assertThat(parse(yaml).version()).isEqualTo(parse(yaml).version());
    assertThat(parse(yaml).version()).isNotEqualTo(parse(yaml.replace("allow", "deny")).version());
  }

  @Test
  void unknownKeyIsReportedWithItsPositionAndTheAllowedKeys() {
    List<PolicyProblem> problems = problems("""
        version: 1
        policies:
          - id: a
            acess: allow
        """);
    assertThat(problems).hasSize(2);
    PolicyProblem p = problems.get(0);
    assertThat(p.file()).isEqualTo("policy.yaml");
    assertThat(p.line()).isEqualTo(4);
    assertThat(p.column()).isEqualTo(5);
    assertThat(p.field()).isEqualTo("policies[0].acess");
    assertThat(p.message()).contains("unknown key 'acess'").contains("access");
    assertThat(p.toString()).startsWith("policy.yaml:4:5: policies[0].acess: unknown key");
  }

  @Test
  void wrongTypeNamesTheFieldAndWhatIsAllowed() {
    List<PolicyProblem> problems = problems("""
        version: 1
        policies:
          - id: a
            access: maybe
        """);
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(4);
      assertThat(p.column()).isEqualTo(13);
      assertThat(p.field()).isEqualTo("policies[0].access");
      assertThat(p.message()).contains("'allow' or 'deny'");
    });
  }

  @Test
  void duplicatePolicyIdsAreRejectedNamingTheFirst() {
    List<PolicyProblem> problems = problems("""
        version: 1
        policies:
          - { id: a, access: allow }
          - { id: a, access: deny }
        """);
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(4);
      assertThat(p.message()).contains("duplicate policy id 'a'").contains("policy.yaml:3");
    });
  }

  @Test
  void duplicateKeysAreRejected() {
    assertThat(problems("version: 1\nversion: 1\npolicies: []\n"))
        .singleElement().satisfies(p -> {
          assertThat(p.line()).isEqualTo(2);
          assertThat(p.message()).contains("duplicate key 'version'");
        });
  }

  @Test
  void badGlobsAreRejected() {
    assertThat(problems("""
        version: 1
        policies:
          - { id: a, access: allow, match: { model: ["gpt-4o"], action: ["x***"] } }
        """)).extracting(PolicyProblem::field)
        .containsExactly("policies[0].match.model", "policies[0].match.action");
  }

  @Test
  void unknownDetectorListsTheKnownOnes() {
    assertThat(problems("""
        version: 1
        policies:
          - id: a
            access: allow
            input: [ { detector: telepathy, action: block } ]
        """)).singleElement().satisfies(p -> {
          assertThat(p.line()).isEqualTo(5);
          assertThat(p.field()).isEqualTo("policies[0].input[0].detector");
          assertThat(p.message()).contains("unknown detector 'telepathy'").contains("keyword");
        });
  }

  @Test
  void unknownDetectorOptionAndFactoryErrorsArePositioned() {
    List<PolicyProblem> problems = problems("""
        version: 1
        policies:
          - id: a
            access: allow
            input:
              - { detector: keyword, wrod: x, action: block }
              - { detector: keyword, word: "", action: block }
        """);
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0).field()).isEqualTo("policies[0].input[0].wrod");
    assertThat(problems.get(0).message()).contains("unknown option 'wrod'").contains("word");
    assertThat(problems.get(1).line()).isEqualTo(7);
    assertThat(problems.get(1).message()).contains("word: expected a non-empty word");
  }

  @Test
  void anUnknownPhoneRegionIsReportedAtItsLine() {
    List<PolicyProblem> problems = problems("""
        version: 1
        policies:
          - id: a
            access: allow
            input:
              - { detector: pii, phone-region: [DE, AT], action: redact }
              - { detector: pii, phone-region: Germany, action: redact }
        """);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).line()).isEqualTo(7);
    assertThat(problems.get(0).message()).contains("phone-region: unknown region code 'Germany'");
  }

  @Test
  void contradictorySettingsAreRejected() {
    List<PolicyProblem> problems = problems("""
        version: 1
        policies:
          - id: a
            access: deny
            input: [ { detector: keyword, word: x, action: block } ]
          - id: b
            access: allow
            reason: because
            tools: { allow: [t], deny: [t] }
          - id: c
            access: allow
            input: [ { detector: keyword, word: x, action: redact, style: mask, reversible: true } ]
          - id: d
            access: allow
            input: [ { detector: keyword, word: x, action: block, style: mask } ]
        """);
    assertThat(problems).extracting(PolicyProblem::field).containsExactlyInAnyOrder(
        "policies[3].input[0].style", "policies[0].access", "policies[1].reason",
        "policies[1].tools.deny", "policies[2].input[0].reversible");
  }

  @Test
  void badLimitsSayHowToWriteThem() {
    assertThat(problems("""
        version: 1
        policies:
          - { id: a, access: allow, limits: { requests: "60 per user" } }
        """)).singleElement().satisfies(p ->
            assertThat(p.message()).contains("AMOUNT/PERIOD").contains("60/1m per user"));
  }

  @Test
  void aPeriodTooLargeForAnyClockIsAPositionedProblem() {
    List<PolicyProblem> found = problems("""
        version: 1
        policies:
          - { id: a, access: allow, limits: { requests: "3/200000000000000000m" } }
          - { id: b, access: allow, limits: { tokens: "3/4000d" } }
        """);
    assertThat(found).hasSize(2).allSatisfy(p -> {
      assertThat(p.line()).isIn(3, 4);
      assertThat(p.message()).contains("is too large; the longest is 3650d");
    });
  }

  @Test
  void yamlSyntaxErrorsCarryTheirPosition() {
    assertThat(problems("version: 1\npolicies:\n  - id: [unclosed\n")).singleElement()
        .satisfies(p -> {
          assertThat(p.line()).isGreaterThanOrEqualTo(3);
          assertThat(p.message()).startsWith("not valid YAML");
        });
  }

  @Test
  void jsonFilesAreParsedAsJsonWithPositions() {
    PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicySet.parse(List.of(
        new PolicyDocument("p.json", "{\"version\": 1, \"policies\": [{\"id\": \"a\", \"access\": \"nope\"}]}")),
        CATALOG));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo("p.json");
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.field()).isEqualTo("policies[0].access");
    });
    assertThat(PolicySet.parse(List.of(new PolicyDocument("p.json",
        "{\"version\": 1, \"policies\": [{\"id\": \"a\", \"access\": \"allow\"}]}")), CATALOG).policies())
        .hasSize(1);
  }

  @Test
  void missingVersionAndEmptyFilesAreRejected() {
    assertThat(problems("policies: []\n")).extracting(PolicyProblem::message)
        .anySatisfy(m -> assertThat(m).contains("version: 1"));
    assertThat(problems("")).extracting(PolicyProblem::message)
        .anySatisfy(m -> assertThat(m).contains("empty"));
  }

  @Test
  void policiesAcrossFilesShareIdsSpaceAndDefaults() {
    PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicySet.parse(List.of(
        new PolicyDocument("a.yaml", "version: 1\npolicies:\n  - { id: x, access: allow }\n"),
        new PolicyDocument("b.yaml", "version: 1\npolicies:\n  - { id: x, access: allow }\n")), CATALOG));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo("b.yaml");
      assertThat(p.message()).contains("a.yaml:3");
    });
  }
}
