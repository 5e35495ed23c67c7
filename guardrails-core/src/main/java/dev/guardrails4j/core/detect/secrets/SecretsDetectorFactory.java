package dev.guardrails4j.core.detect.secrets;

import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.api.spi.DetectorFactory;
import dev.guardrails4j.core.detect.text.OptionReader;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code secrets} detector: credentials and keys.
 *
 * <ul>
 *   <li>Provider tokens with a fixed format, found by their literal prefix: cloud keys (AWS, Google,
 *       Azure, DigitalOcean, ...), source control and CI tokens (GitHub, GitLab, Bitbucket,
 *       CircleCI, ...), chat tokens and webhooks (Slack, Discord, Teams, Telegram), payment keys
 *       (Stripe, Square, Shopify, ...), AI provider keys (OpenAI, Anthropic, Groq, Hugging Face,
 *       ...), package registry tokens (npm, PyPI, RubyGems, NuGet, crates.io, Docker Hub, ...) and
 *       monitoring tokens (Grafana, New Relic, Sentry, Dynatrace, ...). Type names are
 *       {@code SECRET_<PROVIDER>_<KIND>}, for example {@code SECRET_GITHUB_TOKEN}. Score 0.9, 1.0
 *       where the format carries a checksum that verifies (GitHub, npm) or a marker (OpenAI), 0.4
 *       when the body is filler such as {@code xxxx} or {@code EXAMPLE}.</li>
 *   <li>{@code SECRET_PRIVATE_KEY}: PEM, OpenSSH, PGP and PuTTY private key blocks, and PEM blocks
 *       that are themselves base64-encoded. {@code SECRET_PASSWORD_HASH}: crypt(3), bcrypt,
 *       Argon2, PBKDF2 and Kerberos hashes. {@code SECRET_JWT}: signed JSON Web Tokens.
 *       {@code SECRET_HTTP_AUTH}: {@code Basic} and {@code Bearer} credentials.</li>
 *   <li>{@code SECRET_CONNECTION_STRING}: a password in a URL ({@code postgres://u:p@h},
 *       {@code mongodb+srv://...}) or in a connection string ({@code ...;Password=p;}).</li>
 *   <li>{@code SECRET_GENERIC}: a literal assigned to a key that names a secret
 *       ({@code password=}, {@code secret:}, {@code api_key}, {@code token =}) in code, YAML, JSON,
 *       XML, env and properties files, command-line flags and prose ("the password is 'x'").
 *       Passwords may be any literal; token-like keys need a value with Shannon entropy of at
 *       least 3 bits per character and mixed character classes. Never reported: references
 *       ({@code getPassword()}, {@code ${SECRET}}, {@code process.env.X}) and placeholders
 *       ({@code changeme}, {@code <your-key>}, {@code xxxx}). Score 0.8, 0.7 unquoted.</li>
 *   <li>Infrastructure identifiers, which name resources rather than grant access: AWS ARNs and
 *       account IDs, S3 and Cloud Storage bucket hosts, Shopify shop domains, Google OAuth client
 *       IDs, Twilio account SIDs, Mapbox public tokens. Score 0.3, so that {@code min-score: 0.5}
 *       leaves them out; {@code identifiers: false} turns them off.</li>
 * </ul>
 *
 * <p>Evasions handled: tokens split by zero-width or other invisible characters, full-width or
 * look-alike letters mixed into a token, tokens wrapped in quotes, back quotes, Markdown code or
 * HTML. Not handled: secrets encoded as a whole (base64, hex, URL encoding), except a base64
 * encoded PEM private key; tokens broken across lines. Policy syntax:
 * <pre>{@code
 * - { detector: secrets, action: block }
 * - { detector: secrets, types: [SECRET_AWS_ACCESS_KEY, SECRET_PRIVATE_KEY], action: redact }
 * - { detector: secrets, identifiers: false, action: block }
 * }</pre>
 */
public final class SecretsDetectorFactory implements DetectorFactory {

  private static final Set<String> OPTIONS = Set.of("types", "identifiers", "model");

  /** Creates the factory. */
  public SecretsDetectorFactory() {}

  @Override
  public String name() {
    return SecretsDetector.NAME;
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code types} (a list of the types to report, default all), {@code identifiers}
   *     (whether to report infrastructure identifiers, default true) and {@code model} (whether the
   *     learned pair model may report credential-named values the rules find too plain, default
   *     true)
   */
  @Override
  public Set<String> options() {
    return OPTIONS;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when {@code types} is not a non-empty list of known type
   *     names, {@code identifiers} or {@code model} is not a boolean, or an unknown option is given
   */
  @Override
  public Detector create(Map<String, Object> options) {
    Objects.requireNonNull(options, "options");
    OptionReader reader = OptionReader.of(SecretsDetector.NAME, options, OPTIONS);
    Set<String> types = new LinkedHashSet<>(reader.types(SecretsDetector.TYPES));
    if (!reader.bool("identifiers", true)) {
      types.removeAll(SecretsDetector.identifierTypes());
      if (types.isEmpty()) {
        throw new IllegalArgumentException(
            "identifiers: false leaves none of the requested types; remove it or add credential types");
      }
    }
    // The pair model is read (and its checksum checked) here, so a damaged resource fails at startup.
    return new SecretsDetector(types, reader.bool("model", true) ? SecretsDetector.Shipped.MODEL : null);
  }
}
