package dev.guardrails4j.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the quickstart as a separate process, the way a user runs it, and reads its table. The
 * child gets no {@code OPENAI_*} variables, so it must use the scripted offline model.
 */
class QuickstartDemoTests {

  private static int exitCode;
  private static List<String> lines;
  private static final Map<String, List<String>> ROWS = new LinkedHashMap<>();
  private static final Map<String, String> NOTES = new LinkedHashMap<>();

  @BeforeAll
  static void runTheDemo() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        QuickstartDemo.class.getName());
    pb.environment().keySet().removeIf(k -> k.startsWith("OPENAI_"));
    pb.redirectErrorStream(true);
    Path output = Files.createTempFile("quickstart", ".txt");
    try {
      pb.redirectOutput(output.toFile());
      Process p = pb.start();
      boolean finished = p.waitFor(2, TimeUnit.MINUTES);
      if (!finished) {
        p.destroyForcibly();
      }
      assertThat(finished).as("the demo finishes within two minutes").isTrue();
      exitCode = p.exitValue();
      lines = Files.readString(output, StandardCharsets.UTF_8).lines().toList();
    } finally {
      Files.deleteIfExists(output);
    }
    parse();
  }

  /** Table rows, keyed by their number, split on runs of two or more spaces; then the notes. */
  private static void parse() {
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("#  scenario")) {
        header = i;
        break;
      }
    }
    assertThat(header).as("the table header in:%n%s", String.join("\n", lines)).isPositive();
    int i = header + 1;
    for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
      List<String> cells = List.of(lines.get(i).strip().split("\\s{2,}"));
      ROWS.put(cells.get(0), cells);
    }
    for (; i < lines.size(); i++) {
      String l = lines.get(i);
      int gap = l.indexOf("  ");
      if (gap > 0 && ROWS.containsKey(l.substring(0, gap))) {
        NOTES.put(l.substring(0, gap), l.substring(gap + 2));
      }
    }
  }

  private static List<String> row(String scenario) {
    List<List<String>> found = new ArrayList<>();
    for (List<String> cells : ROWS.values()) {
      if (cells.get(1).equals(scenario)) {
        found.add(cells);
      }
    }
    assertThat(found).as("one row for '%s' in:%n%s", scenario, String.join("\n", lines)).hasSize(1);
    return found.get(0);
  }

  private static String note(String scenario) {
    return NOTES.get(row(scenario).get(0));
  }

  @Test
  void exitsWithZero() {
    assertThat(exitCode).as(String.join("\n", lines)).isZero();
  }

  @Test
  void saysFirstThatItUsesTheScriptedOfflineModel() {
    assertThat(lines.get(0)).contains("scripted offline model").contains("openai:gpt-4o-mini");
  }

  @Test
  void printsOneRowPerScenarioWithEveryColumn() {
    assertThat(ROWS).hasSize(7);
    assertThat(ROWS.values()).allSatisfy(cells -> {
      assertThat(cells).hasSize(Table.HEADER.size());
      assertThat(cells.get(7)).as("microseconds").matches("\\d+");
    });
    assertThat(NOTES).hasSize(7);
  }

  @Test
  void letsTheAnalystSummariseATicket() {
    List<String> r = row("summarise a ticket");
    assertThat(r.subList(2, 7)).containsExactly("alice (support-analyst)", "summarize-ticket", "ALLOW",
        "support-assistant", "-");
    assertThat(note("summarise a ticket")).startsWith("answer: ").contains("password reset");
  }

  @Test
  void deniesTheInternTheLargeModelByPolicy() {
    List<String> r = row("intern picks a large model");
    assertThat(r.subList(2, 7)).containsExactly("ivan (support-intern)", "summarize-ticket", "DENY (access)",
        "interns-small-models-only", "-");
    assertThat(note("intern picks a large model")).contains("Interns may use the small models only");
  }

  @Test
  void redactsTheCardAndTheEmailBeforeTheModelSeesThem() {
    List<String> r = row("card and e-mail in a prompt");
    assertThat(r.get(4)).isEqualTo("ALLOW_WITH_CHANGES");
    assertThat(r.get(5)).isEqualTo("support-assistant");
    assertThat(r.get(6).split(",")).containsExactlyInAnyOrder("CREDIT_CARD", "EMAIL_ADDRESS");
    assertThat(note("card and e-mail in a prompt"))
        .startsWith("the model received: ")
        .contains("<CREDIT_CARD_1>", "<EMAIL_ADDRESS_1>")
        .doesNotContain("4111", "jane.doe");
  }

  @Test
  void blocksThePromptInjectionBeforeItLeaves() {
    List<String> r = row("prompt injection");
    assertThat(r.get(4)).isEqualTo("DENY (input)");
    assertThat(r.get(5)).isEqualTo("support-assistant");
    assertThat(r.get(6)).contains("INJECTION");
  }

  @Test
  void blocksTheAnswerWithAnExfiltrationLink() {
    List<String> r = row("exfiltration link in answer");
    assertThat(r.get(4)).isEqualTo("DENY (output)");
    assertThat(r.get(5)).isEqualTo("support-assistant");
    assertThat(r.get(6)).isEqualTo("EXFILTRATION_IMAGE");
    assertThat(note("exfiltration link in answer")).doesNotContain("attacker.example");
  }

  @Test
  void deniesTheToolCallCarryingASecret() {
    List<String> r = row("secret in a tool argument");
    assertThat(r.get(3)).isEqualTo("update-ticket");
    assertThat(r.get(4)).isEqualTo("DENY (tool)");
    assertThat(r.get(5)).isEqualTo("support-assistant");
    assertThat(r.get(6)).isNotEqualTo("-");
    assertThat(note("secret in a tool argument")).contains("addTicketNote").doesNotContain("ghp_");
  }

  @Test
  void stopsTheFourthDraftAtTheRateLimit() {
    List<String> r = row("4th draft within a minute");
    assertThat(r.subList(2, 7)).containsExactly("bob (support-analyst)", "draft-reply", "DENY (limits)",
        "reply-drafts-rate", "-");
    assertThat(note("4th draft within a minute"))
        .contains("requests 3/1m per user")
        .contains("drafts 1-3: ALLOW, ALLOW, ALLOW");
  }
}
