package dev.guardrails4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.core.internal.PositionedNode.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PositionedNodeTests {

  private final List<String> problems = new ArrayList<>();

  private @Nullable PositionedNode parse(String name, String content) {
    return PositionedNode.parse(name, content, "empty", "keep one",
        (line, column, field, message) -> problems.add(line + ":" + column + ": " + field + ": " + message));
  }

  @Test
  void remembersWhereEveryValueAndKeyStands() {
    PositionedNode root = parse("a.yaml", """
        version: 1
        policies:
          - id: x
            mode: monitor
        """);

    assertThat(problems).isEmpty();
    assertThat(root.kind()).isEqualTo(Kind.MAP);
    assertThat(root.map()).containsOnlyKeys("version", "policies");
    PositionedNode first = root.map().get("policies").list().get(0);
    assertThat(first.line()).isEqualTo(3);
    assertThat(first.column()).isEqualTo(5);
    assertThat(first.keyLine("mode")).isEqualTo(4);
    assertThat(first.keyColumn("mode")).isEqualTo(5);
    assertThat(first.keyLine("absent")).isZero();
  }

  @Test
  void keepsNumbersAsWrittenBesidesTheirValue() {
    PositionedNode n = parse("a.yaml", "price: 1.50").map().get("price");

    assertThat(n.kind()).isEqualTo(Kind.NUMBER);
    assertThat(n.sourceText()).isEqualTo("1.50");
    assertThat(n.text()).isEqualTo("1.5");
    assertThat(n.describe()).isEqualTo("'1.50'");
  }

  @Test
  void describesEachKindForProblemMessages() {
    PositionedNode root = parse("a.yaml", "m: {a: 1}\nl: [1]\nn: null\ns: yes");

    assertThat(root.map().get("m").describe()).isEqualTo("a map");
    assertThat(root.map().get("l").describe()).isEqualTo("a list");
    assertThat(root.map().get("n").describe()).isEqualTo("nothing");
    assertThat(root.map().get("s").kind()).isEqualTo(Kind.BOOLEAN);
    assertThat(root.map().get("s").describe()).isEqualTo("'true'");
  }

  @Test
  void convertsToPlainValuesLeavingOutNulls() {
    PositionedNode root = parse("a.json", "{\"a\": [1, null, \"x\"], \"b\": null, \"c\": true}");

    assertThat(root.toPlain()).isEqualTo(Map.of("a", List.of(1, "x"), "c", true));
  }

  @Test
  void reportsADuplicateKeyAtTheSecondOne() {
    assertThat(parse("a.yaml", "a: 1\nb: 2\na: 3\n")).isNull();

    assertThat(problems).containsExactly("3:1: a: duplicate key 'a'");
  }

  @Test
  void reportsASecondDocumentWithTheCallersHint() {
    PositionedNode root = parse("a.yaml", "a: 1\n---\nb: 2\n");

    assertThat(root.map()).containsOnlyKeys("a");
    assertThat(problems).singleElement().asString().startsWith("3:1: : more than one document in the file; keep one");
  }

  @Test
  void reportsAnEmptyFileWithTheCallersMessage() {
    assertThat(parse("a.yaml", "  \n")).isNull();
    assertThat(parse("a.yaml", "# only a comment\n")).isNull();

    assertThat(problems).containsExactly("1:1: : empty", "1:1: : empty");
  }

  @Test
  void readsJsonByTheFileNameAndReportsSyntaxErrorsWithTheirPosition() {
    assertThat(parse("a.json", "{\"a\": }")).isNull();

    assertThat(problems).singleElement().asString().startsWith("1:7: : not valid JSON: ");
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    String deep = "[".repeat(PositionedNode.MAX_DEPTH + 2) + "]".repeat(PositionedNode.MAX_DEPTH + 2);

    assertThat(parse("a.json", deep)).isNull();

    assertThat(problems).singleElement().asString().contains("nesting deeper than " + PositionedNode.MAX_DEPTH);
  }
}
