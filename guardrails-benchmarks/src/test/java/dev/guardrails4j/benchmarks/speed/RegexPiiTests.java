package dev.guardrails4j.benchmarks.speed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.Finding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexPiiTests {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "write to anna.rossi@example.com today | EMAIL_ADDRESS",
      "call (212) 555-0147 now | PHONE_NUMBER",
      "card 4111 1111 1111 1111 please | CREDIT_CARD",
      "IBAN DE89 3704 0044 0532 0130 00 ok | IBAN_CODE",
      "ssn 123-45-6789 ok | US_SSN",
      "from 192.168.10.20 blocked | IP_ADDRESS"})
  void findsEachEntityTypeAsATypicalTeamWould(String text, String type) {
    assertThat(new RegexPii().detect(text)).extracting(Finding::type).contains(type);
  }

  @ParameterizedTest
  @CsvSource({"4111 1111 1111 1112", "1234567890123"})
  void skipsCardNumbersThatFailTheLuhnCheck(String digits) {
    assertThat(new RegexPii().detect("card " + digits + " please")).extracting(Finding::type)
        .doesNotContain("CREDIT_CARD");
  }
}
