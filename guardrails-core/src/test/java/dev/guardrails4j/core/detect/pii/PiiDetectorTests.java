package dev.guardrails4j.core.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.detect.BuiltInDetectors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

public class PiiDetectorTests {

  private final Detector detector = new PiiDetectorFactory().create(Map.of());

  /** Text, the type expected, and the exact value the finding must cover. */
  public static Stream<Arguments> truePositives() {
    return Stream.of(
        // E-mail
        Arguments.of("Write to jane.doe@example.com today", "EMAIL_ADDRESS", "jane.doe@example.com"),
        Arguments.of("<td>ops+alerts@mail.example.co.uk</td>", "EMAIL_ADDRESS", "ops+alerts@mail.example.co.uk"),
        Arguments.of("Contact: 'o.brien_99@example.org'.", "EMAIL_ADDRESS", "o.brien_99@example.org"),
        Arguments.of("JANE@EXAMPLE.COM", "EMAIL_ADDRESS", "JANE@EXAMPLE.COM"),
        // Phone numbers
        Arguments.of("Call +1 415 555 0132 now", "PHONE_NUMBER", "+1 415 555 0132"),
        Arguments.of("Office (415) 555-0132.", "PHONE_NUMBER", "(415) 555-0132"),
        Arguments.of("number 415-555-0132 x204", "PHONE_NUMBER", "415-555-0132 x204"),
        Arguments.of("reach us on 415.555.0132", "PHONE_NUMBER", "415.555.0132"),
        Arguments.of("London +44 20 7946 0958", "PHONE_NUMBER", "+44 20 7946 0958"),
        Arguments.of("or 020 7946 0958 locally", "PHONE_NUMBER", "020 7946 0958"),
        Arguments.of("Paris 06 12 34 56 78", "PHONE_NUMBER", "06 12 34 56 78"),
        Arguments.of("Zurich +41 (0)44 668 18 00", "PHONE_NUMBER", "+41 (0)44 668 18 00"),
        Arguments.of("dial 0049-30-901820", "PHONE_NUMBER", "0049-30-901820"),
        Arguments.of("Phone: 555 0134", "PHONE_NUMBER", "555 0134"),
        Arguments.of("mobile 4155550132", "PHONE_NUMBER", "4155550132"),
        Arguments.of("23 45 67 89 office", "PHONE_NUMBER", "23 45 67 89"),
        // Payment cards (published test numbers)
        Arguments.of("Visa 4111 1111 1111 1111 exp 12/27", "CREDIT_CARD", "4111 1111 1111 1111"),
        Arguments.of("card 4111111111111111", "CREDIT_CARD", "4111111111111111"),
        Arguments.of("MC 5555-5555-5555-4444", "CREDIT_CARD", "5555-5555-5555-4444"),
        Arguments.of("MC 2-series 2223003122003222", "CREDIT_CARD", "2223003122003222"),
        Arguments.of("Amex 3782 822463 10005", "CREDIT_CARD", "3782 822463 10005"),
        Arguments.of("Discover 6011111111111117", "CREDIT_CARD", "6011111111111117"),
        Arguments.of("Diners 3056 9309 0259 04", "CREDIT_CARD", "3056 9309 0259 04"),
        Arguments.of("JCB 3530111333300000", "CREDIT_CARD", "3530111333300000"),
        Arguments.of("UnionPay 6200000000000005", "CREDIT_CARD", "6200000000000005"),
        Arguments.of("Maestro 6759649826438453", "CREDIT_CARD", "6759649826438453"),
        Arguments.of("my debit card 675964982648", "CREDIT_CARD", "675964982648"),
        // IBAN
        Arguments.of("IBAN GB82 WEST 1234 5698 7654 32.", "IBAN_CODE", "GB82 WEST 1234 5698 7654 32"),
        Arguments.of("pay DE89370400440532013000 please", "IBAN_CODE", "DE89370400440532013000"),
        Arguments.of("FR1420041010050500013M02606", "IBAN_CODE", "FR1420041010050500013M02606"),
        Arguments.of("nl91abna0417164300", "IBAN_CODE", "nl91abna0417164300"),
        // US SSN
        Arguments.of("SSN 234-56-7890", "US_SSN", "234-56-7890"),
        Arguments.of("my social security number is 234 56 7890", "US_SSN", "234 56 7890"),
        Arguments.of("SSN: 234567890", "US_SSN", "234567890"),
        Arguments.of("file 234-56-7890 attached", "US_SSN", "234-56-7890"),
        // IP addresses
        Arguments.of("host 192.0.2.1 is down", "IP_ADDRESS", "192.0.2.1"),
        Arguments.of("from 10.0.0.255.", "IP_ADDRESS", "10.0.0.255"),
        Arguments.of("ip=2001:0db8:85a3:0000:0000:8a2e:0370:7334", "IP_ADDRESS",
            "2001:0db8:85a3:0000:0000:8a2e:0370:7334"),
        Arguments.of("route 2001:db8::1 via", "IP_ADDRESS", "2001:db8::1"),
        Arguments.of("mapped ::ffff:192.0.2.128 here", "IP_ADDRESS", "::ffff:192.0.2.128"),
        Arguments.of("link fe80::1ff:fe23:4567:890a.", "IP_ADDRESS", "fe80::1ff:fe23:4567:890a"),
        Arguments.of("loopback ::1", "IP_ADDRESS", "::1"));
  }

  @ParameterizedTest(name = "{1} in \"{0}\"")
  @MethodSource("truePositives")
  void reportsTheValue(String text, String type, String value) {
    List<Finding> findings = detector.detect(text);

    assertThat(findings).extracting(Finding::type).contains(type);
    Finding f = findings.stream().filter(x -> x.type().equals(type)).findFirst().orElseThrow();
    assertThat(text.substring(f.start(), f.end())).isEqualTo(value);
    assertThat(f.detector()).isEqualTo("pii");
  }

  static Stream<String> trueNegatives() {
    return Stream.of(
        "We had 1999 users in 2000 and 2001.",
        "Order #12345678 shipped on 2023-01-15.",
        "Released in version 1.2.3, then v1.2.3.4 and 10.0.19041.1",
        "Dates: 12/05/2020, 05.12.2020, 2020-05-12 10:30:00",
        "Call 555 if needed",
        "Card 4111 1111 1111 1112 fails the Luhn check",
        "A Luhn-valid number outside every issuer range: 9992739871300004",
        "IBAN GB82 WEST 1234 5698 7654 33 has a wrong check",
        "Unknown country XX82WEST12345698765432",
        "Not SSNs: 000-12-3456, 666-12-3456, 900-12-3456, 234-00-7890, 234-56-0000",
        "Octets too large: 300.400.500.600",
        "Time 12:30:45 and MAC 00:1A:2B:3C:4D:5E",
        "C++ Face::add and x[1::2]",
        "user@localhost has no domain",
        "ISBN 978-3-16-148410-0",
        "Population 12 345 678 this year",
        "Seasons 2019 2020 2021",
        "Apt. 975 3968 Bay Street",
        "Her driver's licence number is 2270-66-1551",
        "pi is 3.14159265 roughly",
        "Temperature 20.5 and build 3.2.1",
        "the word mid4111111111111111dle is not a card",
        "Hex bytes 4a 75 73 74 20 61 20 74 65 73 74 20 6d 65 73 73 61 67 65",
        "<Buffer 01 02 03 04 05> and <Buffer 61 61 61 61 61>",
        "As defined in section 4.10.1.2 of the spec",
        "Supported engine versions: \"14.00.3015.40.v1\", \"16.10.31321.278\"",
        "icon@2x.png and background@1.5x.jpg",
        "font -misc-fixed-medium-r-normal--15-140-75-75-c-90-iso10646-1",
        "acosh 0.28336786164214739 355643992457.40485 -> 27.2903432268165",
        "arn:aws:ssm-contacts:*:111122223333:contact/oncall",
        "Serial: 6643877497813316402",
        "rgb 0 238 118 SpringGreen2",
        "profile 171 48 5863 122.1 0.3",
        "max_message_size 1000000000");
  }

  @ParameterizedTest
  @MethodSource("trueNegatives")
  void reportsNothingIn(String text) {
    assertThat(detector.detect(text)).isEmpty();
  }

  @Test
  void returnsTheSharedEmptyListWhenNothingIsFound() {
    assertThat(detector.detect("nothing to see here")).isSameAs(List.of());
  }

  /** Evasions a reader sees through: the value is still reported, with offsets in the original. */
  static Stream<Arguments> evasions() {
    return Stream.of(
        Arguments.of("full-width digits", "card ４１１１ １１１１ １１１１ １１１１", "CREDIT_CARD",
            "４１１１ １１１１ １１１１ １１１１"),
        Arguments.of("zero-width spaces in a card", "card 4111\u200B1111\u200B1111\u200B1111",
            "CREDIT_CARD", "4111\u200B1111\u200B1111\u200B1111"),
        Arguments.of("dots between groups", "card 4111.1111.1111.1111", "CREDIT_CARD",
            "4111.1111.1111.1111"),
        Arguments.of("spaced dashes between groups", "card 4111 - 1111 - 1111 - 1111", "CREDIT_CARD",
            "4111 - 1111 - 1111 - 1111"),
        Arguments.of("bracketed at and dot", "mail jane.doe [at] example [dot] com", "EMAIL_ADDRESS",
            "jane.doe [at] example [dot] com"),
        Arguments.of("parenthesised at", "mail jane(at)example.com", "EMAIL_ADDRESS",
            "jane(at)example.com"),
        Arguments.of("full-width at sign", "mail jane＠example.com", "EMAIL_ADDRESS",
            "jane＠example.com"),
        Arguments.of("Cyrillic letter in an address", "mail j\u0430ne@example.com", "EMAIL_ADDRESS",
            "j\u0430ne@example.com"),
        Arguments.of("zero-width joiner in an address", "jane\u200D@example.com", "EMAIL_ADDRESS",
            "jane\u200D@example.com"),
        Arguments.of("soft hyphen in an IBAN", "GB82\u00ADWEST12345698765432", "IBAN_CODE",
            "GB82\u00ADWEST12345698765432"),
        Arguments.of("tag characters in an SSN", "SSN 234-56-\uDB40\uDC41\uDB40\uDC427890",
            "US_SSN", "234-56-\uDB40\uDC41\uDB40\uDC427890"),
        Arguments.of("Arabic-Indic digits", "SSN \u0662\u0663\u0664-\u0665\u0666-\u0667\u0668\u0669\u0660",
            "US_SSN", "\u0662\u0663\u0664-\u0665\u0666-\u0667\u0668\u0669\u0660"),
        Arguments.of("en dashes in a phone number", "call 415\u2013555\u20130132", "PHONE_NUMBER",
            "415\u2013555\u20130132"),
        Arguments.of("no-break spaces in a phone number", "call +44\u00A020\u00A07946\u00A00958",
            "PHONE_NUMBER", "+44\u00A020\u00A07946\u00A00958"),
        Arguments.of("Markdown code", "`192.0.2.1`", "IP_ADDRESS", "192.0.2.1"),
        Arguments.of("HTML wrapping", "<b>jane@example.com</b>", "EMAIL_ADDRESS", "jane@example.com"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("evasions")
  void seesThrough(String evasion, String text, String type, String original) {
    List<Finding> findings = detector.detect(text);

    assertThat(findings).extracting(Finding::type).contains(type);
    Finding f = findings.stream().filter(x -> x.type().equals(type)).findFirst().orElseThrow();
    assertThat(text.substring(f.start(), f.end())).isEqualTo(original);
  }

  @Test
  void keepsOffsetsOfLaterFindingsAfterDroppedCharacters() {
    String text = "a\u200B\u200Bb jane@example.com then 192.0.2.1";

    List<Finding> findings = detector.detect(text);

    assertThat(findings).extracting(f -> text.substring(f.start(), f.end()))
        .containsExactly("jane@example.com", "192.0.2.1");
  }

  /** Forms the shared views (clean, digits, decoded) bring back: the whole value is found. */
  static Stream<Arguments> disguised() {
    return Stream.of(
        Arguments.of("a card broken across lines", "4111\n1111\n1111\n1111"),
        Arguments.of("HTML tags inside digit groups", "41<b></b>11 1111 11<b></b>11 1111"),
        Arguments.of("HTML tags around whole digit groups", "<b>4111</b> <b>1111</b> <b>1111</b> <b>1111</b>"),
        Arguments.of("base64-encoded address", "amFuZUBleGFtcGxlLmNvbQ=="));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("disguised")
  void findsTheWholeDisguisedValue(String form, String text) {
    // one finding that covers every letter and digit, so redaction leaves none of the value
    assertThat(detector.detect(text)).singleElement().satisfies(f -> assertThat(
        (text.substring(0, f.start()) + text.substring(f.end())).replaceAll("</?b>", "").chars()
            .filter(Character::isLetterOrDigit).count()).isZero()
        .as("left over: %s", text.substring(0, f.start()) + text.substring(f.end())));
  }

  /** Forms deliberately out of scope: each is asserted here so the gap is visible. */
  static Stream<Arguments> outOfScope() {
    return Stream.of(
        Arguments.of("mixed separators in one card", "4111-1111 1111.1111"),
        Arguments.of("e-mail spelled out with plain words", "jane at example dot com"),
        Arguments.of("digits written as words", "four one one one, one one one one"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfScope")
  void doesNotReconstruct(String form, String text) {
    assertThat(detector.detect(text)).isEmpty();
  }

  @Test
  void reportsOnlyTheRequestedTypes() {
    Detector emails = new PiiDetectorFactory().create(Map.of("types", List.of("EMAIL_ADDRESS")));

    List<Finding> findings = emails.detect("jane@example.com 4111111111111111 192.0.2.1");

    assertThat(findings).extracting(Finding::type).containsExactly("EMAIL_ADDRESS");
    assertThat(emails.types()).containsExactly("EMAIL_ADDRESS");
  }

  @Test
  void declaresAllSixTypesByDefault() {
    assertThat(detector.types()).containsExactlyInAnyOrder(
        "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS");
    assertThat(detector.name()).isEqualTo("pii");
    assertThat(detector.cost()).isEqualTo(Detector.Cost.CHEAP);
  }

  @Test
  void scoresChecksumValidatedValuesHigherThanFormats() {
    List<Finding> findings = detector.detect("4111111111111111 and 234-56-7890 and 192.0.2.1");

    assertThat(findings).filteredOn(f -> f.type().equals("CREDIT_CARD"))
        .extracting(Finding::score).containsExactly(1.0);
    assertThat(findings).filteredOn(f -> !f.type().equals("CREDIT_CARD"))
        .allSatisfy(f -> assertThat(f.score()).isLessThan(1.0));
  }

  @Test
  void rejectsAnUnknownTypeNamingTheOption() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PiiDetectorFactory().create(Map.of("types", List.of("PASSPORT"))))
        .withMessageStartingWith("types: unknown type \"PASSPORT\"");
  }

  @Test
  void rejectsTypesThatAreNotAList() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PiiDetectorFactory().create(Map.of("types", 42)))
        .withMessageStartingWith("types: expected a non-empty list of type names, got 42");
  }

  @Test
  void rejectsAnUnknownOption() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PiiDetectorFactory().create(Map.of("locale", "en")))
        .withMessageStartingWith("locale: unknown option for detector pii");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "1", "a@", "1.", "1 ", "1:", "(1", "+1 ", "[at]", "a@a.", "1-", "GB82", "::", "4111 ", "x@y.zz ",
  })
  void finishesQuicklyOnOneMegabyteOf(String unit) {
    String text = unit.repeat(1_000_000 / unit.length());

    List<Finding> findings = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> detector.detect(text));

    assertThat(findings).allSatisfy(f -> assertThat(f.end()).isLessThanOrEqualTo(text.length()));
  }

  @Test
  void finishesQuicklyOnOneMegabyteOfMixedDigitsLettersAndSeparators() {
    StringBuilder sb = new StringBuilder();
    java.util.Random random = new java.util.Random(7);
    String alphabet = "0123456789 -.()+@:abcdefABCDEF\u200B４[]";
    while (sb.length() < 1_000_000) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    String text = sb.toString();

    assertTimeoutPreemptively(Duration.ofSeconds(15), () -> detector.detect(text));
  }

  @Test
  void isListedAmongTheBuiltInDetectors() {
    assertThat(BuiltInDetectors.factories())
        .filteredOn(f -> f.name().equals("pii"))
        .singleElement()
        .isInstanceOf(PiiDetectorFactory.class);
  }
}
