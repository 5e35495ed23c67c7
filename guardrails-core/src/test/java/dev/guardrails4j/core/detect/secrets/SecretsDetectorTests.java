package dev.guardrails4j.core.detect.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.detect.BuiltInDetectors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tokens here are generated from each format's alphabet and length with a fixed seed, so no real or
 * published credential appears in the source.
 */
public class SecretsDetectorTests {

  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  private static final String DIGITS = "0123456789";
  private static final String ALNUM = UPPER + LOWER + DIGITS;
  private static final String HEX = "0123456789abcdef";
  private static final String URLSAFE = ALNUM + "_-";
  private static final String BASE64 = ALNUM + "+/";

  private final Detector detector = new SecretsDetectorFactory().create(Map.of());

  private static String random(String alphabet, int length, long seed) {
    Random random = new Random(seed);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** A GitHub-style token: 30 random characters and their CRC32 in six base62 digits. */
  private static String withCrc(String prefix, long seed) {
    String random = random(ALNUM, 30, seed);
    CRC32 crc = new CRC32();
    crc.update(random.getBytes(StandardCharsets.US_ASCII));
    return prefix + random + TokenRule.base62(crc.getValue());
  }

  private static String base64Url(String json) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String pem(String label, long seed) {
    StringBuilder body = new StringBuilder();
    for (int line = 0; line < 6; line++) {
      body.append(random(BASE64, 64, seed + line)).append('\n');
    }
    return "-----BEGIN " + label + "-----\n" + body + "-----END " + label + "-----";
  }

  /** Text, expected type, and the exact secret the finding must cover. */
  public static Stream<Arguments> providerTokens() {
    String aws = "AKIA" + random(UPPER + DIGITS, 16, 1);
    String ghp = withCrc("ghp_", 2);
    String fineGrained = "github_pat_" + random(ALNUM, 22, 3) + "_" + random(ALNUM, 59, 4);
    String glpat = "glpat-" + random(URLSAFE, 20, 5);
    String slack = "xoxb-" + random(DIGITS, 12, 6) + "-" + random(DIGITS, 13, 7) + "-"
        + random(ALNUM, 24, 8);
    String webhook = "https://hooks.slack.com/services/T" + random(UPPER + DIGITS, 8, 9) + "/B"
        + random(UPPER + DIGITS, 10, 10) + "/" + random(ALNUM, 24, 11);
    String stripe = "sk_live_" + random(ALNUM, 24, 12);
    String openai = "sk-proj-" + random(URLSAFE, 80, 13);
    String anthropic = "sk-ant-api03-" + random(URLSAFE, 93, 14) + "AA";
    String google = "AIza" + random(URLSAFE, 35, 15);
    String npm = withCrc("npm_", 16);
    String pypi = "pypi-AgEIcHlwaS5vcmc" + random(URLSAFE, 70, 17);
    String sendgrid = "SG." + random(URLSAFE, 22, 18) + "." + random(URLSAFE, 43, 19);
    String twilio = "SK" + random(HEX, 32, 20);
    String groq = "gsk_" + random(ALNUM, 52, 21);
    String hf = "hf_" + random(ALNUM, 34, 22);
    String doToken = "dop_v1_" + random(HEX, 64, 23);
    String shopify = "shpat_" + random(HEX, 32, 24);
    String dockerHub = "dckr_pat_" + random(URLSAFE, 27, 25);
    String grafana = "glsa_" + random(ALNUM, 32, 26) + "_" + random(HEX, 8, 27);
    String newRelic = "NRAK-" + random(UPPER + DIGITS, 27, 28);
    String age = "AGE-SECRET-KEY-1" + random("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58, 29);
    String azureAd = random(ALNUM, 3, 30) + "8Q~" + random(ALNUM + "_~.-", 34, 31);
    String azureDevOps = random(ALNUM, 52, 32) + "JQQJ99" + random(ALNUM, 18, 33) + "AZDO"
        + random(ALNUM, 4, 34);
    String telegram = "123456789:AA" + random(URLSAFE, 33, 35);
    String discord = "M" + random(ALNUM, 25, 36) + "." + random(URLSAFE, 6, 37) + "."
        + random(URLSAFE, 38, 38);
    String mailchimp = random(HEX, 32, 39) + "-us12";
    String vault = "hvs." + random(URLSAFE, 90, 40);
    String databricks = "dapi" + random(HEX, 32, 41);
    String rubygems = "rubygems_" + random(HEX, 48, 42);
    String atlassian = "ATATT3" + random(URLSAFE, 180, 43) + "=" + random(HEX, 8, 44).toUpperCase();
    return Stream.of(
        Arguments.of("aws_access_key_id = " + aws, "SECRET_AWS_ACCESS_KEY", aws),
        Arguments.of("GITHUB_TOKEN=" + ghp, "SECRET_GITHUB_TOKEN", ghp),
        Arguments.of("token: " + fineGrained, "SECRET_GITHUB_TOKEN", fineGrained),
        Arguments.of("git clone https://oauth2:" + glpat + "@gitlab.com/x/y.git", "SECRET_GITLAB_TOKEN", glpat),
        Arguments.of("SLACK_BOT_TOKEN=\"" + slack + "\"", "SECRET_SLACK_TOKEN", slack),
        Arguments.of("post to " + webhook, "SECRET_SLACK_WEBHOOK", webhook.substring(8)),
        Arguments.of("Stripe.api_key = '" + stripe + "'", "SECRET_STRIPE_KEY", stripe),
        Arguments.of("OPENAI_API_KEY=" + openai, "SECRET_OPENAI_KEY", openai),
        Arguments.of("x-api-key: " + anthropic, "SECRET_ANTHROPIC_KEY", anthropic),
        Arguments.of("maps key " + google + " in the page", "SECRET_GOOGLE_API_KEY", google),
        Arguments.of("//registry.npmjs.org/:_authToken=" + npm, "SECRET_NPM_TOKEN", npm),
        Arguments.of("password = " + pypi, "SECRET_PYPI_TOKEN", pypi),
        Arguments.of("sendgrid('" + sendgrid + "')", "SECRET_SENDGRID_KEY", sendgrid),
        Arguments.of("TWILIO_API_KEY_SID=" + twilio, "SECRET_TWILIO_API_KEY", twilio),
        Arguments.of("client = Groq(api_key=\"" + groq + "\")", "SECRET_GROQ_KEY", groq),
        Arguments.of("HF_TOKEN=" + hf, "SECRET_HUGGINGFACE_TOKEN", hf),
        Arguments.of("doctl auth init -t " + doToken, "SECRET_DIGITALOCEAN_TOKEN", doToken),
        Arguments.of("$token = \"" + shopify + "\";", "SECRET_SHOPIFY_TOKEN", shopify),
        Arguments.of("docker login -u me -p " + dockerHub, "SECRET_DOCKER_HUB_TOKEN", dockerHub),
        Arguments.of("Authorization: Bearer " + grafana, "SECRET_GRAFANA_TOKEN", grafana),
        Arguments.of("Api-Key: " + newRelic, "SECRET_NEWRELIC_KEY", newRelic),
        Arguments.of("# secret\n" + age + "\n", "SECRET_AGE_KEY", age),
        Arguments.of("AZURE_CLIENT_SECRET=" + azureAd, "SECRET_AZURE_CLIENT_SECRET", azureAd),
        Arguments.of("pat " + azureDevOps, "SECRET_AZURE_DEVOPS_PAT", azureDevOps),
        Arguments.of("bot = Bot('" + telegram + "')", "SECRET_TELEGRAM_BOT_TOKEN", telegram),
        Arguments.of("client.run('" + discord + "')", "SECRET_DISCORD_TOKEN", discord),
        Arguments.of("MAILCHIMP=" + mailchimp, "SECRET_MAILCHIMP_KEY", mailchimp),
        Arguments.of("vault login " + vault, "SECRET_VAULT_TOKEN", vault),
        Arguments.of("DATABRICKS_TOKEN: '" + databricks + "'", "SECRET_DATABRICKS_TOKEN", databricks),
        Arguments.of("curl -H 'Authorization:" + rubygems + "'", "SECRET_RUBYGEMS_KEY", rubygems),
        Arguments.of("JIRA_API_TOKEN=\"" + atlassian + "\"", "SECRET_ATLASSIAN_TOKEN", atlassian));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("providerTokens")
  void reportsAProviderToken(String text, String type, String secret) {
    assertThat(spans(detector.detect(text), text)).contains(type + "=" + secret);
  }

  /** Structured secrets and assignments: text, type, the exact value covered. */
  public static Stream<Arguments> structuredSecrets() {
    String rsa = pem("RSA PRIVATE KEY", 50);
    String openssh = pem("OPENSSH PRIVATE KEY", 60);
    String pgp = pem("PGP PRIVATE KEY BLOCK", 70);
    String jwt = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "."
        + base64Url("{\"sub\":\"42\",\"name\":\"Ada\"}") + "." + random(URLSAFE, 43, 80);
    String bcrypt = "$2b$12$" + random(ALNUM + "./", 53, 81);
    String sha512crypt = "$6$" + random(ALNUM, 8, 82) + "$" + random(ALNUM + "./", 86, 83);
    String basic = Base64.getEncoder().encodeToString("deploy:Tr0ub4dor&3".getBytes(StandardCharsets.UTF_8));
    String bearer = random(URLSAFE, 40, 84);
    String storageKey = random(BASE64, 86, 85) + "==";
    String awsSecret = random(BASE64, 40, 86);
    String hexKey = random(HEX, 32, 87);
    return Stream.of(
        Arguments.of("key:\n" + rsa + "\n", "SECRET_PRIVATE_KEY", rsa),
        Arguments.of(openssh, "SECRET_PRIVATE_KEY", openssh),
        Arguments.of(pgp, "SECRET_PRIVATE_KEY", pgp),
        Arguments.of("Cookie: session=" + jwt, "SECRET_JWT", jwt),
        Arguments.of("admin:" + bcrypt + ":0:0", "SECRET_PASSWORD_HASH", bcrypt),
        Arguments.of("root:" + sha512crypt + ":19000:0:99999:7:::", "SECRET_PASSWORD_HASH", sha512crypt),
        Arguments.of("Authorization: Basic " + basic, "SECRET_HTTP_AUTH", basic),
        Arguments.of("-H \"Authorization: Bearer " + bearer + "\"", "SECRET_HTTP_AUTH", bearer),
        Arguments.of("DATABASE_URL=postgres://app:S3cr3t-Pa55@db.internal:5432/app",
            "SECRET_CONNECTION_STRING", "S3cr3t-Pa55"),
        Arguments.of("mongodb+srv://svc:pw%40Secret9@cluster0.example.net/db",
            "SECRET_CONNECTION_STRING", "pw%40Secret9"),
        Arguments.of("Server=db;Database=app;User Id=sa;Password=Str0ng!Pass;",
            "SECRET_CONNECTION_STRING", "Str0ng!Pass"),
        Arguments.of("jdbc:sqlserver://db:1433;user=sa;password=Str0ng!Pass;", "SECRET_CONNECTION_STRING",
            "Str0ng!Pass"),
        Arguments.of("AccountName=acct;AccountKey=" + storageKey + ";EndpointSuffix=core.windows.net",
            "SECRET_AZURE_STORAGE_KEY", storageKey),
        Arguments.of("aws_secret_access_key = " + awsSecret, "SECRET_AWS_SECRET_KEY", awsSecret),
        Arguments.of("password = \"hunter2!\"", "SECRET_GENERIC", "hunter2!"),
        Arguments.of("DB_PASSWORD=correct-horse-42", "SECRET_GENERIC", "correct-horse-42"),
        Arguments.of("spring:\n  datasource:\n    password: Pr0d-Passw0rd\n", "SECRET_GENERIC", "Pr0d-Passw0rd"),
        Arguments.of("{\"api_key\": \"" + hexKey + "\"}", "SECRET_GENERIC", hexKey),
        Arguments.of("const clientSecret = '" + hexKey + "';", "SECRET_GENERIC", hexKey),
        Arguments.of("<password>hunter2!</password>", "SECRET_GENERIC", "hunter2!"),
        Arguments.of("mysqldump --password=Sup3rS3cret db", "SECRET_GENERIC", "Sup3rS3cret"),
        Arguments.of("Connect-VIServer -Server vc -User admin -Password VMware1!", "SECRET_GENERIC", "VMware1!"),
        Arguments.of("psexec \\\\host -u admin -p Winter2024 cmd", "SECRET_GENERIC", "Winter2024"),
        Arguments.of("curl -u deploy:Tr0ub4dor3 https://ci.example", "SECRET_GENERIC", "Tr0ub4dor3"),
        Arguments.of("if user == 'admin' and password == 'letmein99':", "SECRET_GENERIC", "letmein99"),
        Arguments.of("new NetworkCredential(\"svc\", \"Qwerty123\")", "SECRET_GENERIC", "Qwerty123"),
        Arguments.of("machine api.example.com login bob password b0b-pass", "SECRET_GENERIC", "b0b-pass"),
        Arguments.of("The default password is 'blue-moon'.", "SECRET_GENERIC", "blue-moon"),
        Arguments.of("my password is hunter22.", "SECRET_GENERIC", "hunter22"),
        Arguments.of("Our staging API token is " + hexKey, "SECRET_GENERIC", hexKey),
        Arguments.of("<add key=\"SmtpPassword\" value=\"Mail!2024\"/>", "SECRET_GENERIC", "Mail!2024"),
        Arguments.of("user = deploy\npassword = rollout\n", "SECRET_GENERIC", "rollout"));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("structuredSecrets")
  void reportsAStructuredSecret(String text, String type, String secret) {
    assertThat(spans(detector.detect(text), text)).contains(type + "=" + secret);
  }

  static Stream<String> notSecrets() {
    return Stream.of(
        "password = getPassword();",
        "String password = request.getParameter(\"password\");",
        "password = request.form[\"password\"]",
        "secret: ${SECRET}",
        "api_key: <your-key>",
        "password: changeme",
        "token = \"xxxxxxxxxxxxxxxxxxxxxxxx\"",
        "password = \"\"",
        "PASSWORD=$DB_PASSWORD",
        "password: \"{{ vault_db_password }}\"",
        "token = os.environ[\"GITHUB_TOKEN\"]",
        "const secret = process.env.JWT_SECRET;",
        "if (password == null) { throw new IllegalStateException(); }",
        "passwordField.setText(value);",
        "The password is correct, the token has expired.",
        "max_tokens: 4096",
        "token_type: bearer",
        "Int key = context.firstKey();",
        "cacheKey = \"user:42:profile\"",
        "publicKey: \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE\"",
        "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----",
        "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----",
        "https://example.com/path?page=2&sort=asc",
        "git@github.com:example/repo.git",
        "sha256: 3f9a7c0e12ab45cd67ef89ab01cd23ef45ab67cd89ef01ab23cd45ef67ab89cd",
        "ghp_short and AKIA1234 are too short",
        "The keyboard: a Logitech K380",
        "Use `-p 8080` to pick the port",
        "postgres://localhost:5432/app",
        "mysql://root:@localhost/db",
        "redis://:${REDIS_PASSWORD}@cache:6379",
        "Bearer of bad news",
        "password_hash = hash(password)",
        "private static final String PASSWORD_PROPERTY = \"db.password\";",
        "\"password\": \"YOUR_PASSWORD_HERE\"",
        "  assertThat(cache).containsEntry(context.absentKey(), context.absentValue());",
        "for (var key : cache.keySet()) {",
        "byte[] privateKey = keyPair.privateKey.keyBytes;",
        "final String maxDataKey = \"http.KeepAlive.remainingData\";",
        "this.secret = secret;",
        "{ \"Imports.a.password\", \"Importiert ein Passwort\" },",
        "{ \"password.\", \"senha: \" },",
        "__all__ = [\"getpass\", \"getuser\", \"GetPassWarning\"]",
        "passwd:         files",
        "-keypasswd commands are not supported if -storetype is PKCS12",
        "env: { PWD: '/Users/someone' }",
        "RegOpenKeyEx = win32api.RegOpenKeyEx",
        "keyExchange = CKM_DES2_KEY_GEN ? CKM_DES3_KEY_GEN : CKM_AES_KEY_GEN;",
        "Please pass 'ignore' to ignore errors",
        "mysql://abc:xyz@example.com/db is a documentation URL");
  }

  @ParameterizedTest
  @MethodSource("notSecrets")
  void reportsNothingIn(String text) {
    assertThat(spans(detector.detect(text), text)).isEmpty();
  }

  @Test
  void returnsTheSharedEmptyListWhenNothingIsFound() {
    assertThat(detector.detect("plain words only")).isSameAs(List.of());
  }

  @Test
  void scoresAVerifiedChecksumAboveTheShapeAlone() {
    String valid = withCrc("ghp_", 90);
    String broken = valid.substring(0, valid.length() - 1) + (valid.endsWith("A") ? "B" : "A");

    assertThat(detector.detect(valid)).extracting(Finding::score).containsExactly(1.0);
    assertThat(detector.detect(broken)).extracting(Finding::score).containsExactly(0.9);
  }

  @Test
  void scoresFillerBodiesLow() {
    List<Finding> findings = detector.detect("SLACK=xoxb-000000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx");

    assertThat(findings).extracting(Finding::score).containsExactly(0.4);
  }

  @Test
  void reportsInfrastructureIdentifiersAtALowScore() {
    String text = "role arn:aws:iam::123456789012:role/Deploy and bucket logs.s3.amazonaws.com";

    List<Finding> findings = detector.detect(text);

    assertThat(spans(findings, text)).containsExactly(
        "SECRET_AWS_ARN=arn:aws:iam::123456789012:role/Deploy",
        "SECRET_CLOUD_BUCKET=logs.s3.amazonaws.com");
    assertThat(findings).extracting(Finding::score).containsOnly(0.3);
  }

  @Test
  void leavesIdentifiersOutWhenAsked() {
    Detector credentialsOnly = new SecretsDetectorFactory().create(Map.of("identifiers", false));

    assertThat(credentialsOnly.detect("arn:aws:iam::123456789012:role/Deploy")).isEmpty();
    assertThat(credentialsOnly.types()).doesNotContain("SECRET_AWS_ARN", "SECRET_CLOUD_BUCKET");
  }

  static Stream<Arguments> evasions() {
    String token = withCrc("ghp_", 100);
    String zeroWidth = token.substring(0, 4) + "\u200B" + token.substring(4, 20) + "\u200C"
        + token.substring(20);
    String fullWidth = "ｇｈｐ＿" + token.substring(4);
    String homoglyph = "gh\u0440_" + token.substring(4);
    String softHyphen = token.substring(0, 10) + "\u00AD" + token.substring(10);
    String tags = token.substring(0, 12) + "\uDB40\uDC20\uDB40\uDC21" + token.substring(12);
    return Stream.of(
        Arguments.of("zero-width characters inside", "token " + zeroWidth, zeroWidth),
        Arguments.of("full-width letters", "token " + fullWidth, fullWidth),
        Arguments.of("a Cyrillic look-alike letter", "token " + homoglyph, homoglyph),
        Arguments.of("a soft hyphen", "token " + softHyphen, softHyphen),
        Arguments.of("Unicode tag characters", "token " + tags, tags),
        Arguments.of("Markdown code", "use `" + token + "` for CI", token),
        Arguments.of("a fenced code block", "```\nexport GH=" + token + "\n```", token),
        Arguments.of("HTML code", "<code>" + token + "</code>", token),
        Arguments.of("quotes", "'" + token + "'", token),
        Arguments.of("a JSON string", "{\"t\":\"" + token + "\"}", token));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("evasions")
  void seesThrough(String evasion, String text, String original) {
    assertThat(spans(detector.detect(text), text)).contains("SECRET_GITHUB_TOKEN=" + original);
  }

  @Test
  void matchesKeyNamesInAnyCase() {
    assertThat(detector.detect("PASSWORD='s3cret-1'")).hasSize(1);
    assertThat(detector.detect("Password: 's3cret-1'")).hasSize(1);
    assertThat(detector.detect("pAsSwOrD = \"s3cret-1\"")).hasSize(1);
  }

  /** Forms the shared views (decoded and clean) bring back: the whole disguised token is found. */
  static Stream<Arguments> disguised() {
    String token = withCrc("ghp_", 110);
    return Stream.of(
        Arguments.of("a base64-encoded token",
            Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.US_ASCII))),
        Arguments.of("a token broken across lines", token.substring(0, 20) + "\n" + token.substring(20)),
        Arguments.of("a URL-encoded token", token.replace("_", "%5F")),
        Arguments.of("an HTML entity inside a token", "&#103;" + token.substring(1)),
        Arguments.of("a hex-encoded token", toHex(token)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("disguised")
  void findsTheWholeDisguisedToken(String form, String text) {
    assertThat(detector.detect(text)).singleElement()
        .satisfies(f -> assertThat(text.substring(f.start(), f.end())).isEqualTo(text));
  }

  /** Forms deliberately out of scope: each asserted here so the gap is visible. */
  static Stream<Arguments> outOfScope() {
    String token = withCrc("ghp_", 110);
    return Stream.of(
        Arguments.of("a token with its case changed (no longer the credential)", token.toUpperCase()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfScope")
  void doesNotDecode(String form, String text) {
    assertThat(detector.detect(text)).isEmpty();
  }

  @Test
  void findsABase64EncodedPemPrivateKey() {
    String encoded = Base64.getEncoder().encodeToString(
        pem("RSA PRIVATE KEY", 120).getBytes(StandardCharsets.US_ASCII));

    assertThat(spans(detector.detect("KEY_B64=" + encoded), "KEY_B64=" + encoded))
        .containsExactly("SECRET_PRIVATE_KEY=" + encoded);
  }

  @Test
  void reportsOnlyTheRequestedTypes() {
    Detector keys = new SecretsDetectorFactory().create(Map.of("types", List.of("SECRET_PRIVATE_KEY")));
    String text = "password = \"hunter2!\"\n" + pem("EC PRIVATE KEY", 130) + "\n" + withCrc("ghp_", 131);

    assertThat(keys.detect(text)).extracting(Finding::type).containsExactly("SECRET_PRIVATE_KEY");
  }

  @Test
  void declaresEveryTypeItCanReport() {
    assertThat(detector.types()).contains(
        "SECRET_AWS_ACCESS_KEY", "SECRET_AWS_SECRET_KEY", "SECRET_GITHUB_TOKEN", "SECRET_GITLAB_TOKEN",
        "SECRET_SLACK_TOKEN", "SECRET_SLACK_WEBHOOK", "SECRET_STRIPE_KEY", "SECRET_OPENAI_KEY",
        "SECRET_ANTHROPIC_KEY", "SECRET_GOOGLE_API_KEY", "SECRET_NPM_TOKEN", "SECRET_PYPI_TOKEN",
        "SECRET_AZURE_STORAGE_KEY", "SECRET_TWILIO_API_KEY", "SECRET_SENDGRID_KEY",
        "SECRET_PRIVATE_KEY", "SECRET_JWT", "SECRET_CONNECTION_STRING", "SECRET_GENERIC");
    assertThat(SecretFormats.RULES).extracting(rule -> rule.type).allSatisfy(
        type -> assertThat(detector.types()).contains(type));
    assertThat(SecretFormats.RULES).hasSizeGreaterThan(180);
  }

  @Test
  void rejectsAnUnknownTypeNamingTheOption() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SecretsDetectorFactory().create(Map.of("types", List.of("SECRET_NOPE"))))
        .withMessageStartingWith("types: unknown type \"SECRET_NOPE\"");
  }

  @Test
  void rejectsANonBooleanIdentifiersOption() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SecretsDetectorFactory().create(Map.of("identifiers", "sometimes")))
        .withMessageStartingWith("identifiers: expected true or false, got \"sometimes\"");
  }

  @Test
  void rejectsIdentifiersOffWhenOnlyIdentifiersWereRequested() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SecretsDetectorFactory().create(
            Map.of("types", List.of("SECRET_AWS_ARN"), "identifiers", false)))
        .withMessageStartingWith("identifiers: false leaves none of the requested types");
  }

  @Test
  void rejectsAnUnknownOption() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SecretsDetectorFactory().create(Map.of("entropy", 3)))
        .withMessageStartingWith("entropy: unknown option for detector secrets");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "a", "ghp_", "=", "password=", "password = '", ":", "-----BEGIN PRIVATE KEY-----\n", "$2a$", "eyJ",
    "://a:b@", "1234567890:AA", "sk-", "Bearer ", "xoxb-1-", "-p ", "-u a:", "\"", "key: ", "AKIA",
    "<password>", "the password is ", "Unseal Key 1: ", "LS0tLS1CRUdJTi", "-----BEGIN RSA PRIVATE KEY-----\nAAAA",
  })
  void finishesQuicklyOnOneMegabyteOf(String unit) {
    String text = unit.repeat(1_000_000 / unit.length());

    List<Finding> findings = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> detector.detect(text));

    assertThat(findings).allSatisfy(f -> assertThat(f.end()).isLessThanOrEqualTo(text.length()));
  }

  @Test
  void finishesQuicklyOnOneMegabyteOfRandomTokenCharacters() {
    String text = random(URLSAFE + "=:.$-~ \n\"'@/", 1_000_000, 140);

    assertTimeoutPreemptively(Duration.ofSeconds(15), () -> detector.detect(text));
  }

  private static List<String> spans(List<Finding> findings, String text) {
    return findings.stream().map(f -> f.type() + "=" + text.substring(f.start(), f.end())).toList();
  }

  private static String toHex(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.US_ASCII)) {
      sb.append(String.format("%02x", b));
    }
    return sb.toString();
  }

  @Test
  void isListedAmongTheBuiltInDetectors() {
    assertThat(BuiltInDetectors.factories())
        .filteredOn(f -> f.name().equals("secrets"))
        .singleElement()
        .isInstanceOf(SecretsDetectorFactory.class);
  }
}
