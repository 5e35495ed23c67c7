package dev.guardrails4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.core.internal.PositionedNode.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    assertThat(problems).containsExactly("3:1: a: duplicate key 'a' (first at 1:1); a key may appear once in a map");
  }

  @Test
  void refusesAYamlAliasWhereItStandsInsteadOfReadingItsName() {
    // Jackson would hand "*advice" over as the text "advice": the policy would silently differ
    assertThat(parse("a.yaml", "denied:\n  - &advice medical\nalso: *advice\n")).isNull();

    assertThat(problems).singleElement().asString()
        .startsWith("3:7: : YAML aliases (*name) are not supported in policy files; write the value out");
  }

  @Test
  void anAnchorWithoutAliasIsHarmlessAndReadsAsItsValue() {
    PositionedNode root = parse("a.yaml", "a: &x 1\nb: two\n");

    assertThat(root.toPlain()).isEqualTo(Map.of("a", 1, "b", "two"));
    assertThat(problems).isEmpty();
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

  /**
   * Each YAML syntax mistake is reported on one line at the place to fix: a tab or a misindented
   * line where it stands, an unclosed quote, brace or bracket where it opens (SnakeYAML notices
   * those only at the end of the file).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      tab indentation         | version: 1\\npolicies:\\n  - id: a\\n\\taccess: allow\\n                            | 4:1   | a tab character cannot indent YAML
      unclosed double quote   | version: 1\\npolicies:\\n  - id: a\\n    reason: "never closed\\n    mode: x\\n    x: y\\n  | 4:13  | this quoted text is never closed
      unclosed single quote   | a: 1\\nb: 'never closed\\nc: 2\\n                                                     | 2:4   | this quoted text is never closed
      unclosed brace          | version: 1\\npolicies:\\n  - { id: a, access: allow\\n                                   | 3:5   | this '{' is never closed
      unclosed bracket        | version: 1\\npolicies: [ a, b\\n                                                      | 2:11  | this '[' is never closed
      deeper indentation      | version: 1\\npolicies:\\n  - id: a\\n   access: allow\\n                               | 4:4   | bad indentation: this line does not line up with the list that starts at 3:3
      shallower indentation   | version: 1\\npolicies:\\n  - id: a\\n  access: allow\\n                                | 4:3   | bad indentation: this line does not line up with the list that starts at 3:3
      a key inside a value    | version: 1\\n  policies: x\\n                                                         | 2:11  | a ':' here starts a key where none can be
      reserved character      | a: @b\\n                                                                              | 1:4   | '@' cannot start a plain YAML value; put the value in quotes
      """)
  void reportsYamlSyntaxErrorsOnOneLineWhereTheMistakeIs(String what, String content, String where,
      String message) {
    assertThat(parse("a.yaml", content.replace("\\n", "\n").replace("\\t", "\t"))).as(what).isNull();

    assertThat(problems).singleElement().asString()
        .startsWith(where + ": : not valid YAML: " + message)
        .doesNotContain("\n");
  }

  @Test
  void reportsBytesThatAreNotUtf8WithTheirLineAndColumn() {
    byte[] latin1 = "version: 1\npolicies:\n  - id: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    assertThat(StrictUtf8.decode(latin1, (line, column, field, message) ->
        problems.add(line + ":" + column + ": " + message))).isNull();

    assertThat(problems).containsExactly("3:12: not UTF-8: byte 0xE9 at byte offset 32 is not valid UTF-8"
        + " (a file saved as Latin-1 or Windows-1252?); save the file as UTF-8");
  }

  @Test
  void decodesUtf8AndDropsAByteOrderMark() {
    byte[] bom = "\uFEFFid: caf\u00e9 \uD83D\uDE00".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(StrictUtf8.decode(bom, (line, column, field, message) -> problems.add(message)))
        .isEqualTo("id: caf\u00e9 \uD83D\uDE00");
    assertThat(problems).isEmpty();
  }

  @Test
  void readsAYamlDocumentUpToTheDocumentedFourMebibytes() {
    String big = "# " + "x".repeat(3_900_000) + "\nversion: 1\n";

    assertThat(parse("a.yaml", big)).isNotNull();
    assertThat(problems).isEmpty();
  }
}
