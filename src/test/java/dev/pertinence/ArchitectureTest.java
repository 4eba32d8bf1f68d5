package dev.pertinence;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.pertinence.decide.service.DecisionService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules of docs/architecture.md, checked on the compiled classes (so a fully qualified
 * name in the middle of a method counts as much as an import):
 * the pure core on the ground floor, features without cycles, {@code common} under every feature,
 * REST types only in the REST layers, and a decision service that stays short.
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.pertinence");
    }

    /** An allow-list: the core reads records and returns records; no framework, no I/O, no other feature. */
    @Test
    void theDecisionCoreDependsOnTheJdkAndItselfOnly() {
        classes().that().resideInAPackage("dev.pertinence.decision..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.pertinence.decision..", "java.lang", "java.util..",
                        "java.time..", "java.math..", "java.text..")
                .check(main);
    }

    @Test
    void featuresDoNotDependOnEachOtherInCircles() {
        slices().matching("dev.pertinence.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void commonDependsOnNoFeature() {
        classes().that().resideInAPackage("dev.pertinence.common..")
                .should().onlyDependOnClassesThat(resideInAPackage("dev.pertinence.common..").or(resideOutsideOfPackage("dev.pertinence..")))
                .check(main);
    }

    /** Services and stores work on their feature's own records; the REST layer maps to and from them. */
    @Test
    void onlyRestLayersUseRestTypes() {
        noClasses().that().resideOutsideOfPackage("..rest..")
                .should().dependOnClassesThat().resideInAPackage("..rest..")
                .check(main);
    }

    @Test
    void storesDoNotCallServices() {
        noClasses().that().resideInAPackage("..store..")
                .should().dependOnClassesThat().resideInAPackage("..service..")
                .check(main);
    }

    /** One decision read top to bottom: a handful of collaborators, not sixteen. */
    @Test
    void theDecisionServiceHasFewerThanEightCollaborators() {
        int collaborators = DecisionService.class.getConstructors()[0].getParameterCount();
        assertTrue(collaborators < 8, "DecisionService takes " + collaborators + " collaborators");
    }
}
