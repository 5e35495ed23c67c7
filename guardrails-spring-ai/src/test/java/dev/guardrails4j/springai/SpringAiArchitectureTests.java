package dev.guardrails4j.springai;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The adapter stays an adapter: core's public API only, few public types. */
class SpringAiArchitectureTests {

  private static final JavaClasses ADAPTER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.guardrails4j.springai");

  @Test
  void neverReachesIntoCoreInternals() {
    noClasses().should().dependOnClassesThat().resideInAPackage("dev.guardrails4j.core.internal..")
        .check(ADAPTER);
  }

  @Test
  void publishesOnlyTheAdvisorTheModelAndTheToolWrappers() {
    classes().that().arePublic().and().areTopLevelClasses()
        .should().haveSimpleNameStartingWith("Guard")
        .check(ADAPTER);
  }
}
