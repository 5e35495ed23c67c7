package dev.guardrails4j.core.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Phone numbers validated by libphonenumber: international, national per region, and evasions. */
class PhoneNumberTests {

  private final Detector detector = new PiiDetectorFactory().create(Map.of("types", List.of("PHONE_NUMBER")));

  static Stream<Arguments> international() {
    return Stream.of(
        Arguments.of("Ring me on +49 30 901820 tomorrow", "+49 30 901820"),
        Arguments.of("Büro: +49 (0)30 901820", "+49 (0)30 901820"),
        Arguments.of("London office +44 (0)20 7946 0958.", "+44 (0)20 7946 0958"),
        Arguments.of("UK: 0044 20 7946 0958", "0044 20 7946 0958"),
        Arguments.of("UK: 00 44 20 7946 0958", "00 44 20 7946 0958"),
        Arguments.of("Tokyo +81 3-1234-5678", "+81 3-1234-5678"),
        Arguments.of("Mumbai +91 98765 43210", "+91 98765 43210"),
        Arguments.of("Sydney +61 2 9876 5432", "+61 2 9876 5432"),
        Arguments.of("São Paulo +55 11 91234-5678", "+55 11 91234-5678"),
        Arguments.of("Paris +33.6.12.34.56.78", "+33.6.12.34.56.78"),
        Arguments.of("Madrid +34 912 345 678", "+34 912 345 678"),
        Arguments.of("Rome +39 06 6982 1234", "+39 06 6982 1234"),
        Arguments.of("written +14155550132", "+14155550132"));
  }

  @ParameterizedTest
  @MethodSource("international")
  void numbersWithACountryCodeAreFoundWhateverTheDefaultRegion(String text, String value) {
    Detector usOnly = new PiiDetectorFactory().create(Map.of("phone-region", "US"));
    assertThat(values(usOnly, text)).contains(value);
    assertThat(values(detector, text)).contains(value);
  }

  static Stream<Arguments> national() {
    return Stream.of(
        Arguments.of("US", "call (415) 555-0132 today", "(415) 555-0132"),
        Arguments.of("US", "desk 415.555.0132", "415.555.0132"),
        Arguments.of("US", "or 1-415-555-0132", "1-415-555-0132"),
        Arguments.of("DE", "Telefon 030/901820", "030/901820"),
        Arguments.of("DE", "Tel. 030 901820", "030 901820"),
        Arguments.of("DE", "Zentrale 030 90 18 20", "030 90 18 20"),
        Arguments.of("DE", "mobil 0151/23456789", "0151/23456789"),
        Arguments.of("GB", "ring 020 7946 0958", "020 7946 0958"),
        Arguments.of("GB", "mob 07700 900123", "07700 900123"),
        Arguments.of("FR", "portable 06.12.34.56.78", "06.12.34.56.78"),
        Arguments.of("IN", "whatsapp 098765 43210", "098765 43210"),
        Arguments.of("JP", "電話 03-1234-5678", "03-1234-5678"),
        Arguments.of("BR", "fone (11) 91234-5678", "(11) 91234-5678"));
  }

  @ParameterizedTest
  @MethodSource("national")
  void nationalNumbersAreValidatedForTheConfiguredRegion(String region, String text, String value) {
    Detector d = new PiiDetectorFactory().create(Map.of("phone-region", region));
    assertThat(values(d, text)).contains(value);
  }

  @Test
  void aNationalNumberOfAnotherRegionNeedsAPhoneWordToCount() {
    Detector brazil = new PiiDetectorFactory().create(Map.of("phone-region", "BR"));
    assertThat(values(brazil, "see 020 7946 0958 for details")).isEmpty();
    Detector uk = new PiiDetectorFactory().create(Map.of("phone-region", List.of("gb")));
    assertThat(values(uk, "see 020 7946 0958 for details")).containsExactly("020 7946 0958");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "+1 555 555 5555 is not a number any carrier gives out",
      "+1 123 456 7890 has an area code no plan gives out",
      "+999 123 456 789",
      "0044 00 0000 0000",
      "due 12/05/2024 or 05/12/2024",
      "see /api/v2/1234/5678",
      "the ratio was 3/4 and 2019/2020",
      "build 10.20.30.40 and v1.2.3",
      "total 12 345 678 units",
      "between 2019 2020 2021 2022",
      "the hash 5d41402abc4b2a76b9719d911017c592",
      "order 415-555-0132 shipped",
  })
  void numbersTheLibraryRejectsOrThatAreSomethingElseAreNotPhoneNumbers(String text) {
    assertThat(values(detector, text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "call +44\u00A020\u00A07946\u00A00958",
      "call \uFF0B\uFF14\uFF14 20 7946 0958",
      "call +44 20\u200B 7946 0958",
  })
  void evasionsOfTheFormStillValidate(String text) {
    assertThat(detector.detect(text)).extracting(Finding::type).containsExactly("PHONE_NUMBER");
  }

  @Test
  void typedFindingCoversTheWholeNumberForRedaction() {
    String text = "Büro: +49 (0)30 901820, Fax +49 (0)30 901821";
    List<Finding> findings = detector.detect(text);
    assertThat(findings).extracting(f -> text.substring(f.start(), f.end()))
        .containsExactly("+49 (0)30 901820", "+49 (0)30 901821");
  }

  @Test
  void anUnknownRegionIsAClearOptionError() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PiiDetectorFactory().create(Map.of("phone-region", "XX")))
        .withMessageStartingWith("phone-region: unknown region code 'XX'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PiiDetectorFactory().create(Map.of("phone-region", 49)))
        .withMessageStartingWith("phone-region: expected a region code");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PiiDetectorFactory().create(Map.of("phone-region", List.of())))
        .withMessageStartingWith("phone-region: expected a region code");
  }

  private static List<String> values(Detector d, String text) {
    return d.detect(text).stream().filter(f -> f.type().equals("PHONE_NUMBER"))
        .map(f -> text.substring(f.start(), f.end())).toList();
  }
}
