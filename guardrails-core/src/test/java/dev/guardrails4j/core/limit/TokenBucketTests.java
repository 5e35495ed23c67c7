package dev.guardrails4j.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTests {

  static final long T0 = 1_000_000_000_000L;
  static final long SECOND = 1_000_000_000L;

  final TokenBucket bucket = new TokenBucket(100, Duration.ofSeconds(100)); // one token per second
  final long[] out = new long[3];

  @Test
  void startsFull() {
    assertThat(bucket.available(T0)).isEqualTo(100);
  }

  @Test
  void reservesWhatFitsAndRefusesTheRest() {
    assertThat(bucket.reserve(60, T0, false, out)).isTrue();
    assertThat(out[0]).isEqualTo(60);
    assertThat(bucket.reserve(41, T0, false, out)).isFalse();
    assertThat(out[0]).isZero();
    assertThat(out[2]).isEqualTo(SECOND); // one token short, one token per second
    assertThat(bucket.available(T0)).isEqualTo(40);
  }

  @Test
  void refillsContinuouslyAtAmountPerPeriod() {
    bucket.reserve(100, T0, false, out);
    assertThat(bucket.available(T0 + 30 * SECOND)).isEqualTo(30);
    assertThat(bucket.available(T0 + 500 * SECOND)).isEqualTo(100);
  }

  @Test
  void neverFitsARequestLargerThanTheWholeBudget() {
    assertThat(bucket.reserve(101, T0, false, out)).isFalse();
    assertThat(out[2]).isEqualTo(-1);
    assertThat(bucket.available(T0)).isEqualTo(100);
  }

  @Test
  void takesWhatIsLeftInMonitorModeAndNeverGoesBelowZero() {
    bucket.reserve(90, T0, false, out);
    assertThat(bucket.reserve(30, T0, true, out)).isFalse();
    assertThat(out[0]).isEqualTo(10);
    assertThat(bucket.available(T0)).isZero();
    assertThat(bucket.reserve(30, T0, true, out)).isFalse();
    assertThat(out[0]).isZero();
  }

  @Test
  void chargesAnUnderEstimateOnlyAsFarAsTheBalanceGoes() {
    bucket.reserve(80, T0, false, out);
    assertThat(bucket.charge(50, T0)).isEqualTo(20);
    assertThat(bucket.available(T0)).isZero();
  }

  @Test
  void refundsAReservationThatHasNotRefilledYet() {
    bucket.reserve(50, T0, false, out);
    bucket.refund(50, out[1], T0 + SECOND);
    assertThat(bucket.available(T0 + SECOND)).isEqualTo(100);
  }

  @Test
  void refundsOnlyThePartThatHasNotRefilledSoALateRefundGivesNothingExtra() {
    bucket.reserve(100, T0, false, out);
    long end = out[1];
    // 100 s later the bucket is full again and someone takes everything.
    bucket.reserve(100, T0 + 100 * SECOND, false, out);
    bucket.refund(100, end, T0 + 100 * SECOND);
    assertThat(bucket.available(T0 + 100 * SECOND)).isZero();
  }
}
