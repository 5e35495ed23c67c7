package dev.guardrails4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.core.detect.DetectorCatalog;
import dev.guardrails4j.core.policytest.PolicyTestRunner;
import dev.guardrails4j.testsupport.KeywordDetectorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class PolicyTestsTests {

  @TempDir
  Path dir;

  PolicyTestRunner runner = PolicyTestRunner.using(DetectorCatalog.builtIn().with(new KeywordDetectorFactory("word", "WORD")));

  Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  void writePolicy() throws IOException {
    write("p.yaml", """
        version: 1
        policies:
          - { id: all, access: allow, input: [ { detector: word, word: secret, action: block } ] }
        """);
  }

  @Test
  void makesOneTestPerCaseThatPassesOrFailsLikeTheCase() throws IOException {
    writePolicy();
    write("p.test.yaml", """
        policy-files: [p.yaml]
        defaults: { model: "openai:gpt-4o" }
        cases:
          - { name: plain text passes, messages: [hello], expect: { input: allow } }
          - { name: wrong expectation, messages: [a secret], expect: { input: allow } }
        """);
    List<DynamicTest> tests = PolicyTests.dynamicTests(runner, dir.resolve("p.test.yaml")).toList();
    assertThat(tests).extracting(DynamicTest::getDisplayName)
        .containsExactly("p.test.yaml:4 plain text passes", "p.test.yaml:5 wrong expectation");
    assertThatCode(() -> tests.get(0).getExecutable().execute()).doesNotThrowAnyException();
    assertThatThrownBy(() -> tests.get(1).getExecutable().execute())
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("policy test case 'wrong expectation'")
        .hasMessageContaining("input: expected allow, got deny (enforce) by [all] with findings [WORD]");
  }

  @Test
  void aBrokenFileBecomesOneFailingTestListingEveryProblem() throws IOException {
    write("p.yaml", "version: 1\npolicies:\n  - { id: all, acess: allow }\n");
    write("p.test.yaml", """
        policy-files: [p.yaml]
        defaults: { model: "openai:gpt-4o" }
        cases:
          - { name: anything, expect: { access: allow } }
        """);
    List<DynamicTest> tests = PolicyTests.dynamicTests(runner, dir.resolve("p.test.yaml")).toList();
    assertThat(tests).singleElement().satisfies(t -> {
      assertThat(t.getDisplayName()).isEqualTo("p.test.yaml");
      assertThatThrownBy(() -> t.getExecutable().execute())
          .isInstanceOf(AssertionFailedError.class)
          .hasMessageContaining("p.yaml:3:16: policies[0].acess: unknown key 'acess'")
          .hasMessageContaining("p.yaml:3:5: policies[0]: policy 'all' does nothing");
    });
  }

  @Test
  void aDirectoryStandsForEveryTestFileBelowIt() throws IOException {
    writePolicy();
    write("a.test.yaml", "policy-files: [p.yaml]\ndefaults: { model: \"openai:gpt-4o\" }\ncases:\n  - { name: one, expect: { access: allow } }\n");
    write("nested/b.test.yml", "policy-files: [../p.yaml]\ndefaults: { model: \"openai:gpt-4o\" }\ncases:\n  - { name: two, expect: { access: allow } }\n");
    write("p.yaml.bak", "not a test");
    assertThat(PolicyTests.testFiles(dir)).extracting(p -> dir.relativize(p).toString().replace('\\', '/'))
        .containsExactly("a.test.yaml", "nested/b.test.yml");
    assertThat(PolicyTests.dynamicTests(runner, dir)).hasSize(2);
  }

  @Test
  void needsAtLeastOneTestFile() {
    assertThatThrownBy(PolicyTests::testFiles).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name at least one policy test file or directory");
    assertThatThrownBy(() -> PolicyTests.testFiles(dir)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no policy test files");
  }
}
