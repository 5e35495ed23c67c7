package dev.guardrails4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LineReaderTests {

  static List<String> lines(String text, int max) throws IOException {
    LineReader r = new LineReader(new StringReader(text), max);
    List<String> out = new ArrayList<>();
    LineReader.Line l;
    while ((l = r.next()) != null) {
      out.add(l.tooLong() ? "<too long: " + l.length() + ">" : l.text());
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "a\\nb\\n|a,b",
      "a\\nb|a,b",
      "a\\r\\nb\\r\\n|a,b",
      "a\\rb|a,b",
      "a\\n\\nb|a,,b",
      "\\n|''"})
  void splitsLinesAtEveryKindOfLineEnd(String input, String expected) throws IOException {
    String text = input.replace("\\n", "\n").replace("\\r", "\r");
    List<String> want = expected.equals("''") ? List.of("") : List.of(expected.split(",", -1));
    assertThat(lines(text, 100)).isEqualTo(want);
  }

  @Test
  void reportsALineLongerThanTheBoundAndGoesOn() throws IOException {
    assertThat(lines("abc\n" + "x".repeat(200_000) + "\ndef", 10)).containsExactly("abc", "<too long: 200000>", "def");
  }

  @Test
  void readsLinesLongerThanItsBufferInFull() throws IOException {
    String big = "y".repeat(300_000);
    assertThat(lines(big + "\r\n" + big, 1_000_000)).containsExactly(big, big);
  }

  @Test
  void emptyInputHasNoLines() throws IOException {
    assertThat(lines("", 10)).isEmpty();
  }
}
