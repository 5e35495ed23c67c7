package dev.guardrails4j.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails4j.core.internal.LinearTextModel;
import dev.guardrails4j.core.internal.SecretPairFeatures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretPairTrainerTests {

  /** A small corpus of our own: two sources, both labels, several syntaxes. */
  static List<SecretPairTrainer.Row> corpus() {
    String[] secrets = {
        "db_password = \"Zq8#rT2!mW\"", "\"api_token\": \"k3J9xQ2vL8pR4tY7\"", "<secret>Hn5$Lp9@Qe</secret>",
        "mysql --password Rt7!kP2#zX app", "https://deploy:Wm4%Tq8&Zk@git.example.org/x"};
    String[] code = {
        "private final int timeout = 30;", "version: 1.4.2", "\"id\": \"123e4567-e89b-12d3-a456-426614174000\"",
        "<name>okhttp</name>", "String password = config.get(\"password\");"};
    List<SecretPairTrainer.Row> rows = new ArrayList<>();
    for (int copy = 0; copy < 3; copy++) {
      for (int i = 0; i < secrets.length; i++) {
        String source = copy == 0 ? "one" : "two";
        rows.add(new SecretPairTrainer.Row("s" + copy + i, source, secrets[i], true));
        rows.add(new SecretPairTrainer.Row("c" + copy + i, source, code[i], false));
      }
    }
    return rows;
  }

  static List<SecretPairTrainer.Pair> pairs() {
    List<SecretPairTrainer.Pair> pairs = new ArrayList<>();
    for (SecretPairTrainer.Row r : corpus()) {
      pairs.addAll(SecretPairTrainer.pairs(r, false));
    }
    return pairs;
  }

  @Test
  void findsPairsInEverySyntax() {
    for (String line : List.of("password=abc12345", "\"token\": \"abc12345\"", "<pass>abc12345</pass>",
        "tool --secret abc12345", "http://u:abc12345@h.example")) {
      assertThat(SecretPairTrainer.pairs(new SecretPairTrainer.Row("x", "s", line, true), false))
          .as(line).isNotEmpty();
    }
  }

  @Test
  void trainsTheSameBytesFromTheSameRows() {
    byte[] first = SecretPairTrainer.encode(SecretPairTrainer.train(pairs()), 0.5f);
    byte[] second = SecretPairTrainer.encode(SecretPairTrainer.train(pairs()), 0.5f);
    assertThat(first).isEqualTo(second);
  }

  @Test
  void learnsToRankSecretPairsAboveCodePairs() {
    LinearTextModel m = LinearTextModel.read("test", SecretPairTrainer.encode(SecretPairTrainer.train(pairs()), 0f));
    assertThat(m.score(SecretPairFeatures.describe("admin_password", "Kd3!pZ8#qL", true, '=')))
        .isGreaterThan(m.score(SecretPairFeatures.describe("max_timeout", "30", false, '=')));
  }

  @Test
  void choosesTheThresholdThatKeepsFlaggedPairsWithinTheShare() {
    List<Double> scores = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      scores.add((double) i);
    }
    float t = SecretPairTrainer.threshold(scores, 0.005);
    assertThat(t).isGreaterThan(994f).isLessThan(995f);
  }
}
