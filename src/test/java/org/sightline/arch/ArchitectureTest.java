package org.sightline.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the main code (docs/design.md, "Code layout"): the feature packages
 * {@code org.sightline.<feature>..} import each other without cycles, {@code contract} (the dataset
 * contract model) sits at the bottom, importing no other Sightline package, and {@code lake} and
 * {@code query} sit below {@code ingest}; {@code codes} (the code lists of {@code jobs/codes/}, read by the
 * ingest hooks and by {@code sightline check}) imports no other Sightline package either.
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.sightline");
    }

    static final ArchRule NO_CYCLES = slices().matching("org.sightline.(*)..").should().beFreeOfCycles();

    static final ArchRule CONTRACT_AT_THE_BOTTOM = noClasses().that().resideInAPackage("org.sightline.contract..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.sightline.bench..", "org.sightline.cli..", "org.sightline.ingest..", "org.sightline.lake..",
                    "org.sightline.ops..", "org.sightline.query..", "org.sightline.report..", "org.sightline.sample..")
            .orShould().dependOnClassesThat().resideInAPackage("org.sightline");

    static final ArchRule CODES_AT_THE_BOTTOM = noClasses().that().resideInAPackage("org.sightline.codes..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.sightline.bench..", "org.sightline.cli..", "org.sightline.contract..", "org.sightline.ingest..", "org.sightline.lake..",
                    "org.sightline.ops..", "org.sightline.query..", "org.sightline.report..", "org.sightline.sample..")
            .orShould().dependOnClassesThat().resideInAPackage("org.sightline");

    static final ArchRule LAKE_AND_QUERY_BELOW_INGEST = noClasses().that().resideInAnyPackage("org.sightline.lake..", "org.sightline.query..")
            .should().dependOnClassesThat().resideInAPackage("org.sightline.ingest..");

    @Test
    void theFeaturePackagesAreThere() {
        // an import that found nothing would pass every rule below
        for (String p : new String[] {"contract", "codes", "lake", "ingest", "query", "report", "ops", "cli"}) {
            assertTrue(main.containPackage("org.sightline." + p), "no classes found in org.sightline." + p);
        }
    }

    @Test
    void noCycleBetweenFeaturePackages() {
        NO_CYCLES.check(main);
    }

    @Test
    void contractImportsNoOtherSightlinePackage() {
        CONTRACT_AT_THE_BOTTOM.check(main);
    }

    @Test
    void codesImportsNoOtherSightlinePackage() {
        CODES_AT_THE_BOTTOM.check(main);
    }

    @Test
    void lakeAndQueryDoNotImportIngest() {
        LAKE_AND_QUERY_BELOW_INGEST.check(main);
    }

    @Test
    void theContractRuleWouldSeeADependencyOutOfContract() {
        // the rule is not vacuous: contract classes exist and the same rule fails on ingest, which imports lake
        assertTrue(main.stream().anyMatch(c -> c.getPackageName().equals("org.sightline.contract")));
        EvaluationResult ingest = noClasses().that().resideInAPackage("org.sightline.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("org.sightline.lake..").evaluate(main);
        assertTrue(ingest.hasViolation(), "ingest depends on lake, so the same kind of rule must fire there");
    }
}
