package dev.guardrails4j.core.detect.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.api.spi.Detector;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every textual form of IPv4 and IPv6 addresses, with ports and zones, covered whole. */
class IpAddressTests {

  private final Detector detector = new PiiDetectorFactory().create(Map.of("types", List.of("IP_ADDRESS")));

  static Stream<Arguments> addresses() {
    return Stream.of(
        Arguments.of("host 2001:db8:85a3:0:0:8a2e:370:7334 up", "2001:db8:85a3:0:0:8a2e:370:7334"),
        Arguments.of("host 2001:0db8:0000:0000:0000:ff00:0042:8329.", "2001:0db8:0000:0000:0000:ff00:0042:8329"),
        Arguments.of("compressed 2001:db8::8a2e:370:7334", "2001:db8::8a2e:370:7334"),
        Arguments.of("short 2001:db8::8 here", "2001:db8::8"),
        Arguments.of("loopback ::1 only", "::1"),
        Arguments.of("mapped ::ffff:192.0.2.128 too", "::ffff:192.0.2.128"),
        Arguments.of("embedded 64:ff9b::192.0.2.33 too", "64:ff9b::192.0.2.33"),
        Arguments.of("link fe80::1ff:fe23:4567:890a%eth0 up", "fe80::1ff:fe23:4567:890a%eth0"),
        Arguments.of("zone fe80::1%25en0 in a URI", "fe80::1%25en0"),
        Arguments.of("url http://[2001:db8::1]:8080/x", "[2001:db8::1]:8080"),
        Arguments.of("bracketed [2001:db8::1] alone", "[2001:db8::1]"),
        Arguments.of("upper 2001:DB8::ABCD:1", "2001:DB8::ABCD:1"),
        Arguments.of("ends with :: 2001:db8:1::", "2001:db8:1::"),
        Arguments.of("ipv4 192.0.2.10:8443 served", "192.0.2.10:8443"),
        Arguments.of("ipv4 10.1.2.3 alone", "10.1.2.3"));
  }

  @ParameterizedTest
  @MethodSource("addresses")
  void theWholeAddressIsCovered(String text, String value) {
    assertThat(values(text)).containsExactly(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "C++ Face::add and x[1::2]",
      "Time 12:30:45 and MAC 00:1A:2B:3C:4D:5E",
      "a std::vector<int>::iterator",
      "version 1.2.3.4:5 of the spec",
      "ratio 2001:db8 in the table",
      "[1::2] is a slice",
  })
  void codeAndTimesAreNotAddresses(String text) {
    assertThat(values(text)).isEmpty();
  }

  private List<String> values(String text) {
    return detector.detect(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
  }
}
