package dev.guardrails4j.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.FindingAction;
import dev.guardrails4j.api.spi.Detector;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every built-in detector over arbitrary text: it returns a list (never throws), and every finding
 * lies inside the text, is not empty (unless the text is), names its detector and has a score in [0, 1].
 */
class DetectorFuzzTests {

  @FuzzTest(maxDuration = "2m")
  void everyFindingOfEveryDetectorLiesInsideTheText(byte[] data) {
    String text = FuzzText.decode(data);
    for (Detector d : Detectors.ALL) {
      List<Finding> findings = d.detect(text);
      assertThat(findings).as("%s returned null", d.name()).isNotNull();
      for (Finding f : findings) {
        check(d, text, f);
      }
    }
  }

  static void check(Detector d, String text, Finding f) {
    // an empty text has no non-empty span: json-schema reports it whole, as [0, 0)
    boolean spanOk = text.isEmpty() ? f.start() == 0 && f.end() == 0
        : 0 <= f.start() && f.start() < f.end() && f.end() <= text.length();
    if (!spanOk) {
      throw new AssertionError(d.name() + " reported " + f.type() + " at [" + f.start() + ", " + f.end()
          + ") in a text of " + text.length() + " characters");
    }
    if (!(f.score() >= 0 && f.score() <= 1)) {
      throw new AssertionError(d.name() + " reported score " + f.score());
    }
    if (!f.detector().equals(d.name()) || f.type().isEmpty() || f.message() != 0
        || f.action() != FindingAction.MONITOR) {
      throw new AssertionError(d.name() + " reported a malformed finding " + f);
    }
    if (!d.types().isEmpty() && !d.types().contains(f.type())) {
      throw new AssertionError(d.name() + " reported type " + f.type() + " outside its declared types " + d.types());
    }
  }

  @Test
  void theFuzzedDetectorsCoverEveryBuiltInDetector() {
    assertThat(Detectors.ALL).extracting(Detector::name).containsAll(Detectors.everyBuiltInDetector());
  }
}
