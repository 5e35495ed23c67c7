package dev.guardrails4j.benchmarks.speed;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.benchmarks.inputs.DefaultChecks;
import dev.guardrails4j.benchmarks.inputs.Texts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The phone path: phone numbers in the same prompt with entities ({@link Texts}) found by the
 * {@code pii} detector with only {@code PHONE_NUMBER} ({@code scanThenValidate}: its one-pass
 * candidate scan, then libphonenumber's validity check on each candidate's digits) and by
 * libphonenumber's own matcher ({@code findNumbers}: {@code PhoneNumberUtil.findNumbers} with
 * {@code Leniency.VALID} and region US), which runs its regular expressions over the text.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PhoneComparison {

  /** The prompt's length. */
  @Param({"4096"})
  public int size;

  Detector phones;
  PhoneNumberUtil util;
  String prompt;

  /** Builds the detector and the prompt. */
  @Setup
  public void setUp() {
    phones = DefaultChecks.detector("pii", Map.of("types", List.of("PHONE_NUMBER")));
    util = PhoneNumberUtil.getInstance();
    prompt = Texts.generate(size, Texts.Kind.ENTITIES, 43);
  }

  /**
   * Our detector's phone path.
   *
   * @return how many numbers
   */
  @Benchmark
  public int scanThenValidate() {
    return phones.detect(prompt).size();
  }

  /**
   * libphonenumber's matcher over the whole text.
   *
   * @return how many numbers
   */
  @Benchmark
  public int findNumbers() {
    int count = 0;
    for (PhoneNumberMatch ignored : util.findNumbers(prompt, "US", Leniency.VALID, Long.MAX_VALUE)) {
      count++;
    }
    return count;
  }
}
