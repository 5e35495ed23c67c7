package dev.guardrails4j.core;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * Fences the engine's layout, as Micrometer fences its API: no package of core depends on
 * another that depends back on it, and inside the call pipeline the arrows point one way, from
 * the public call through its steps to the call record, the content checks and the detectors.
 */
class CoreArchitectureTests {

  static final String CORE = "dev.guardrails4j.core";

  static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(CORE);

  /** Every package of core is its own slice, the root package included. */
  static final SliceAssignment PACKAGES = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass c) {
      String p = c.getPackageName();
      if (p.equals(CORE)) {
        return SliceIdentifier.of("core");
      }
      return p.startsWith(CORE + ".") ? SliceIdentifier.of(p.substring(CORE.length() + 1)) : SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "the packages of " + CORE;
    }
  };

  @Test
  void noPackageOfCoreIsPartOfACycle() {
    slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void theStepsNeverDependOnThePublicCallTheEngineOrTheStream() {
    noClasses().that(belongToAnyOf(CallRecord.class, CallSettings.class, AccessStep.class, LimitStep.class,
            ContentStep.class, ToolStep.class, ModelStep.class, ContentChecks.class, Redactions.class))
        .should().dependOnClassesThat(belongToAnyOf(GuardedCall.class, Guardrails.class, StreamingOutput.class))
        .because("the public call and the stream use the steps; a dependency back would be a cycle")
        .check(CLASSES);
  }

  @Test
  void theContentChecksKnowNothingOfTheCall() {
    noClasses().that(belongToAnyOf(ContentChecks.class, Redactions.class))
        .should().dependOnClassesThat(belongToAnyOf(CallRecord.class, AccessStep.class, LimitStep.class,
            ContentStep.class, ToolStep.class, ModelStep.class))
        .because("pipeline -> checks -> detectors, never back")
        .check(CLASSES);
  }

  @Test
  void theCallRecordKnowsNoStep() {
    noClasses().that(belongToAnyOf(CallRecord.class))
        .should().dependOnClassesThat(belongToAnyOf(AccessStep.class, LimitStep.class, ContentStep.class,
            ToolStep.class, ModelStep.class))
        .because("every step writes to the record; the record calls none of them")
        .check(CLASSES);
  }
}
