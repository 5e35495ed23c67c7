package dev.guardrails4j.samples.supportdesk;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.guardrails4j.test.GuardrailsArchRules;
import org.junit.jupiter.api.Test;

/** Keeps every model call of the application inside a guarded business action. */
class ArchitectureTests {

  @Test
  void everyModelCallIsInsideAGuardedModelCall() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.guardrails4j.samples.supportdesk");
    GuardrailsArchRules.modelCallsMustBeGuarded().check(classes);
  }
}
