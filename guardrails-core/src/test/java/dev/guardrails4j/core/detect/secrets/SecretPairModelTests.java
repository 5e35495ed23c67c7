package dev.guardrails4j.core.detect.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.guardrails4j.api.Finding;
import dev.guardrails4j.api.spi.Detector;
import dev.guardrails4j.core.internal.LinearTextModel;
import dev.guardrails4j.core.internal.SecretPairFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped secrets pair model: the documented training run, its loader, and how it is used. */
class SecretPairModelTests {

  private static final String RESOURCE = "/dev/guardrails4j/secret-pair-model.bin";

  private final Detector withModel = new SecretsDetectorFactory().create(Map.of());
  private final Detector rulesOnly = new SecretsDetectorFactory().create(Map.of("model", false));

  @Test
  void theShippedModelIsTheOneTheDocumentedTrainingRunWrote() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "secret-pair-model.md"), StandardCharsets.UTF_8);
    Matcher sha = Pattern.compile("\\| SHA-256 \\| `([0-9a-f]{64})` \\|").matcher(doc);
    assertThat(sha.find()).as("docs/secret-pair-model.md names the SHA-256 of its run").isTrue();
    LinearTextModel shipped = SecretsDetector.Shipped.MODEL;
    assertThat(shipped.checksum()).isEqualTo(sha.group(1));
    assertThat(shipped.buckets()).isEqualTo(1 << 14);
    assertThat(doc).contains(String.format(java.util.Locale.ROOT, "| Threshold | %.4f", shipped.threshold()));
  }

  @Test
  void aTruncatedOrDamagedResourceFailsAtLoadWithAMessageThatNamesIt() throws IOException {
    byte[] bytes;
    try (InputStream in = SecretPairModelTests.class.getResourceAsStream(RESOURCE)) {
      bytes = in.readAllBytes();
    }
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 100);
    assertThatIllegalStateException().isThrownBy(() -> LinearTextModel.read(RESOURCE, truncated))
        .withMessageContaining(RESOURCE).withMessageContaining("cut short");
    byte[] flipped = bytes.clone();
    flipped[100] ^= 1;
    assertThatIllegalStateException().isThrownBy(() -> LinearTextModel.read(RESOURCE, flipped))
        .withMessageContaining(RESOURCE).withMessageContaining("checksum mismatch");
    assertThatIllegalStateException()
        .isThrownBy(() -> LinearTextModel.fromResource(SecretPairModelTests.class, "/dev/guardrails4j/none.bin"))
        .withMessageContaining("missing");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "password: hunter2x",
      "the wifi password: blue42fox",
      "PGPASSWORD=hunter22 psql",
      "{\"password\": \"s3cr3tP@ss\"}",
      "<password>s3cr3tP@ss</password>",
      "mysql -u root --password s3cr3tP4ss db",
      "curl -u admin:S3cretPass https://x.example.com",
      "mongodb://app:S3cretPass@mongo.example.com:27017/db",
      "Server=db;Database=app;User Id=sa;Password=S3cretPass;",
  })
  void credentialsInEverySyntaxAreFound(String text) {
    assertThat(withModel.detect(text)).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "password = ${DB_PASSWORD}",
      "password: <your-password>",
      "sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
      "id = \"123e4567-e89b-12d3-a456-426614174000\"",
      "version: 1.2.3",
      "String password = getPassword();",
      "token = request.getHeader(\"X-Token\");",
      "private static final String PASSWORD_FIELD = \"password\";",
      "token: 12",
      "secret: true",
      "password: none",
  })
  void ordinaryCodeAndPlaceholdersStayQuiet(String text) {
    assertThat(withModel.detect(text)).isEmpty();
  }

  @Test
  void theModelOnlyAddsToTheRulesAndScoresItsFindingsBelowThem() {
    for (String text : List.of("password: hunter2x", "api_token = 'abc'", "the wifi password: blue42fox")) {
      List<Finding> rules = rulesOnly.detect(text);
      List<Finding> both = withModel.detect(text);
      assertThat(both).containsAll(rules);
      both.stream().filter(f -> !rules.contains(f))
          .forEach(f -> assertThat(f.score()).isEqualTo(SecretsDetector.SCORE_LEARNED));
    }
  }

  @Test
  void featuresDescribeTheShapeNotTheCharactersOfTheValue() {
    String a = SecretPairFeatures.describe("dbPassword", "Xk9#mQ2!", false, '=');
    String b = SecretPairFeatures.describe("DB_PASSWORD", "Pz4$wR7&", false, '=');
    assertThat(a).isEqualTo(b).contains("ndb", "npassword", "vcls").doesNotContain("xk9", "mq2");
    assertThat(SecretPairFeatures.describe("key", "${API_KEY}", false, ':')).contains("vplaceholder");
    assertThat(SecretPairFeatures.describe("id", "123e4567-e89b-12d3-a456-426614174000", true, ':'))
        .contains("vuuid");
  }
}
