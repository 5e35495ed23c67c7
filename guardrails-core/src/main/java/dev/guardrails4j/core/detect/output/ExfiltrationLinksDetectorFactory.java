package dev.guardrails4j.core.detect.output;

import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.core.detect.text.OptionValidation;
import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Creates the {@code exfiltration-links} detector for model answers: links and images that point
 * outside the allowed domains and can carry data out when the answer is rendered (a Markdown or
 * HTML image is fetched without a click) or clicked.
 *
 * <p>It reports
 * <ul>
 *   <li>{@code EXFILTRATION_IMAGE}: Markdown images {@code ![alt](url)}, images through reference
 *       definitions, and HTML elements that load on render ({@code <img src>}, {@code srcset},
 *       {@code <iframe>}, {@code <video poster>}, {@code <script>}, {@code <link>}, ...);</li>
 *   <li>{@code EXFILTRATION_LINK}: Markdown links, reference definitions, autolinks
 *       {@code <https://...>}, HTML {@code <a href>}, {@code <form action>}, {@code <base href>};</li>
 *   <li>{@code EXFILTRATION_URL}: raw {@code http(s)://}, {@code ftp://}, {@code ws(s)://} and
 *       {@code www.} URLs in the text, which renderers turn into links.</li>
 * </ul>
 * The span is the URL itself. A URL counts when its host is not in {@code allow-domains}; with no
 * list, every URL with a host counts. Relative links have no host and never count.
 *
 * <p>The host is read the way browsers read it, so evasions do not hide it: upper case, the last
 * {@code @} of the authority (user-info tricks like {@code https://example.org@evil.com/}),
 * back-slashes as separators, any number of slashes after {@code https:}, scheme-relative
 * {@code //host}, percent-encoded and full-width characters, ideographic full stops, a trailing
 * dot, HTML entities and Markdown escapes inside links, tabs and line breaks inside URLs. Hosts in
 * other scripts are compared in their IDNA ASCII form, and a host that mixes scripts (a homoglyph
 * like a Cyrillic {@code а} in a Latin name) is never allowed. {@code javascript:} and
 * {@code vbscript:} links always count (score 1.0); {@code data:} links count (0.8), {@code data:}
 * images count with a low score (0.4) because they load nothing from elsewhere.
 *
 * <p>Scores: 0.8 for an image, 0.6 for a link, 0.5 for a raw URL, plus up to 0.3 when the URL
 * looks like it carries data (a long path or query, parameter values of 32+ characters, values
 * that look like base64 or hex, many parameters) and 0.1 for a deceptive host (user-info,
 * punycode, mixed scripts, percent-encoding, an IP address), capped at 1.0.
 *
 * <p>Options: {@code allow-domains} (a list of domain names; each also allows its subdomains),
 * {@code flag-raw-urls} (default {@code true}) and {@code types}.
 */
public final class ExfiltrationLinksDetectorFactory implements DetectorFactory {

  /** The name policy files use. */
  public static final String NAME = "exfiltration-links";

  private static final Set<String> OPTIONS = Set.of("allow-domains", "flag-raw-urls", "types");

  /** Creates the factory. */
  public ExfiltrationLinksDetectorFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> options() {
    return OPTIONS;
  }

  /**
   * Creates the detector.
   *
   * @param options {@code allow-domains}, {@code flag-raw-urls}, {@code types}, all optional
   * @return the detector
   * @throws IllegalArgumentException if a domain is not a plain domain name, {@code flag-raw-urls}
   *     is not a boolean, or {@code types} names an unknown type
   */
  @Override
  public Detector create(Map<String, Object> options) {
    Objects.requireNonNull(options, "options");
    OptionValidation.rejectUnknown(options, OPTIONS, NAME);
    List<String> domains = new ArrayList<>();
    for (String domain : OptionValidation.strings(options, "allow-domains",
        "a list of domain names like example.org")) {
      domains.add(normaliseDomain(domain));
    }
    boolean rawUrls = OptionValidation.bool(options, "flag-raw-urls", true);
    Set<String> types = OptionValidation.types(options, NAME, ExfiltrationLinksDetector.TYPES);
    return new ExfiltrationLinksDetector(NAME, domains, rawUrls, types);
  }

  static String normaliseDomain(String raw) {
    String domain = raw.strip().toLowerCase(Locale.ROOT);
    if (domain.startsWith("*.")) {
      domain = domain.substring(2);
    } else if (domain.startsWith(".")) {
      domain = domain.substring(1);
    }
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    String ascii;
    try {
      ascii = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      ascii = "";
    }
    boolean valid = !ascii.isEmpty() && !ascii.startsWith(".") && !ascii.contains("..");
    for (int i = 0; valid && i < ascii.length(); i++) {
      char c = ascii.charAt(i);
      valid = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }
    if (!valid) {
      throw new IllegalArgumentException(
          "allow-domains: expected domain names like example.org (no scheme, path or port), got \""
              + raw + "\"");
    }
    return ascii;
  }
}
