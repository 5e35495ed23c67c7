package dev.guardrails4j.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ApiArchitectureTests {

  static final JavaClasses API = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.guardrails4j.api");

  @Test
  void theApiDependsOnTheJdkAndJSpecifyOnly() {
    noClasses().should().dependOnClassesThat().resideOutsideOfPackages(
        "dev.guardrails4j.api..", "java..", "javax.annotation..", "org.jspecify..")
        .because("guardrails-api must stay free of core, Jackson, LangChain4j and Spring")
        .check(API);
  }

  @Test
  void theApiDoesNotReachIntoCoreOrFrameworks() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
        "dev.guardrails4j.core..", "com.fasterxml..", "dev.langchain4j..", "org.springframework..")
        .check(API);
  }
}
