package dev.guardrails4j.core.detect;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Fences the detector families: each family ({@code pii}, {@code secrets}, {@code injection},
 * {@code unicode}, {@code output}, {@code lists}) may use {@code text} and nothing of another
 * family; {@code text} uses no family; no family uses the catalogue package that wires them.
 * The packages of the whole of core are fenced by {@code CoreArchitectureTests}.
 */
class DetectorFamiliesArchitectureTests {

  static final String DETECT = "dev.guardrails4j.core.detect";

  static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.guardrails4j.core");

  @Test
  void theDetectorPackagesAreFreeOfCycles() {
    slices().matching(DETECT + ".(*)..").should().beFreeOfCycles().check(CORE);
  }

  @Test
  void noFamilyDependsOnAnotherFamilyOnlyOnText() {
    slices().matching(DETECT + ".(*)..").should().notDependOnEachOther()
        .ignoreDependency(DescribedPredicate.alwaysTrue(),
            resideInAPackage(DETECT + ".text.."))
        .because("a detector family may use the shared text package and nothing of another family")
        .check(CORE);
  }

  @Test
  void theTextPackageUsesNoFamily() {
    noClasses().that().resideInAPackage(DETECT + ".text..")
        .should().dependOnClassesThat(resideInAPackage(DETECT + "..")
            .and(DescribedPredicate.not(resideInAPackage(DETECT + ".text.."))))
        .because("text is what the families share; it must not depend on any of them")
        .check(CORE);
  }

  @Test
  void noFamilyUsesTheCatalogue() {
    noClasses().that().resideInAPackage(DETECT + ".*..")
        .should().dependOnClassesThat().resideInAPackage(DETECT)
        .because("the catalogue wires the families; a dependency back would be a package cycle")
        .check(CORE);
  }

  @Test
  void aFamilyExposesOnlyItsDetectorFactories() {
    classes().that().resideInAPackage(DETECT + ".*..")
        .and().resideOutsideOfPackage(DETECT + ".text..")
        .and().arePublic()
        .should().haveSimpleNameEndingWith("DetectorFactory")
        .check(CORE);
  }
}
