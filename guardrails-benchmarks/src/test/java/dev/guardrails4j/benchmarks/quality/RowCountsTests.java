package dev.guardrails4j.benchmarks.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RowCountsTests {

  @Test
  void addsRowsIntoRecallAndFalsePositiveRate() {
    RowCounts counts = RowCounts.row(true, true)
        .plus(RowCounts.row(true, false))
        .plus(RowCounts.row(true, true))
        .plus(RowCounts.row(true, true))
        .plus(RowCounts.row(false, false))
        .plus(RowCounts.row(false, true));
    assertThat(counts).isEqualTo(new RowCounts(4, 3, 2, 1));
    assertThat(counts.recall()).isEqualTo(0.75);
    assertThat(counts.falsePositiveRate()).isEqualTo(0.5);
  }

  @Test
  void leavesRatesUndefinedWithoutRows() {
    assertThat(RowCounts.ZERO.recall()).isNaN();
    assertThat(RowCounts.ZERO.falsePositiveRate()).isNaN();
  }

  @Test
  void rejectsMoreCaughtThanPositives() {
    assertThatThrownBy(() -> new RowCounts(1, 2, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
