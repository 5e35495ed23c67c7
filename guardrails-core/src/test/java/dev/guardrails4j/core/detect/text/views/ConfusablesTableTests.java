package dev.guardrails4j.core.detect.text.views;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.SpoofChecker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generates and checks {@code confusables.txt}, core's table of look-alike letters (see {@link
 * Confusables}), against ICU4J's {@link SpoofChecker} (Unicode TS #39 skeletons), which is a test
 * dependency only. To regenerate the table after an ICU4J upgrade:
 *
 * <pre>
 * ./mvnw -pl guardrails-core -am test -Dtest=ConfusablesTableTests -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dconfusables.write=$PWD/guardrails-core/src/main/resources/dev/guardrails4j/core/detect/text/views/confusables.txt
 * </pre>
 */
class ConfusablesTableTests {

  /** The blocks whose letters are looked at: scripts and symbols that imitate Latin letters. */
  static final int[][] RANGES = {
    {0x00C0, 0x024F}, {0x0250, 0x02AF}, {0x0370, 0x03FF}, {0x0400, 0x052F}, {0x0530, 0x058F},
    {0x13A0, 0x13FF}, {0x1D00, 0x1DBF}, {0x2C80, 0x2CFF}, {0xA4D0, 0xA4FF}, {0xA640, 0xA69F},
    {0xA720, 0xA7FF}, {0xAB30, 0xAB6F}
  };

  static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();

  /** The table as ICU4J's skeletons give it: "XXXX c" lines sorted by code point. */
  static List<String> generate() {
    List<String> lines = new ArrayList<>();
    for (int[] range : RANGES) {
      for (int cp = range[0]; cp <= range[1]; cp++) {
        if (!Character.isLetterOrDigit(cp)) {
          continue;
        }
        String one = new String(Character.toChars(cp));
        if (!Normalizer.isNormalized(one, Normalizer.Form.NFKC)) {
          continue; // NFKC folds it first
        }
        char ascii = asciiWithSameSkeleton(cp);
        if (ascii != 0) {
          lines.add(String.format("%04X %c", cp, ascii));
        }
      }
    }
    return lines;
  }

  /** The ASCII letter or digit with the same skeleton, same case preferred, letters before digits. */
  static char asciiWithSameSkeleton(int cp) {
    String skeleton = SPOOF.getSkeleton(new String(Character.toChars(cp)));
    char best = 0;
    int bestRank = Integer.MAX_VALUE;
    for (char c = '0'; c <= 'z'; c++) {
      if (!Character.isLetterOrDigit(c) || !skeleton.equals(SPOOF.getSkeleton(String.valueOf(c)))) {
        continue;
      }
      int rank = 0;
      if (Character.isDigit(c) != Character.isDigit(cp)) {
        rank += 4;
      }
      if (Character.isUpperCase(c) != Character.isUpperCase(cp)) {
        rank += 2;
      }
      if (rank < bestRank) {
        best = c;
        bestRank = rank;
      }
    }
    return best;
  }

  @Test
  void theTableIsWhatIcu4jSkeletonsGive() throws IOException {
    List<String> expected = generate();
    String target = System.getProperty("confusables.write");
    if (target != null && !target.isBlank()) {
      Files.write(Path.of(target), expected, StandardCharsets.UTF_8);
    }
    List<String> actual = new ArrayList<>();
    for (int k = 0; k < Confusables.size(); k++) {
      actual.add(String.format("%04X %c", (int) Confusables.from(k), Confusables.to(k)));
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void theLookAlikesOfTheRedTeamReportMapToLatin() {
    assertThat(Confusables.latin('І')).isEqualTo('I');
    assertThat(Confusables.latin('і')).isEqualTo('i');
    assertThat(Confusables.latin('а')).isEqualTo('a');
    assertThat(Confusables.latin('Р')).isEqualTo('P');
    assertThat(Confusables.latin('ο')).isEqualTo('o');
    assertThat(Confusables.latin('Κ')).isEqualTo('K');
    assertThat(Confusables.latin('я')).isEqualTo((char) 0);
  }
}
