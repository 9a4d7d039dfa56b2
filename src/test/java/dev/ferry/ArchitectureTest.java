package dev.ferry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PostgresPlan;
import dev.ferry.plan.SourceSpec;
import dev.ferry.plan.TargetSpec;
import dev.ferry.plan.UuidKeyPlan;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses FERRY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ferry");

    @Test
    void engineAndBelowStayHeadless() {
        noClasses().that().resideInAnyPackage("dev.ferry.engine..", "dev.ferry.plan..", "dev.ferry.transform..",
                        "dev.ferry.store..", "dev.ferry.cli..", "dev.ferry.demo..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..", "org.kordamp..")
                .because("the engine must run headless from the CLI and in tests; only ui, service and app touch JavaFX")
                .check(FERRY);
    }

    @Test
    void lowerLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage("dev.ferry.plan..", "dev.ferry.transform..", "dev.ferry.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ferry.engine..", "dev.ferry.cli..",
                        "dev.ferry.app..", "dev.ferry.ui..", "dev.ferry.service..")
                .because("dependencies point one way: ui → service → engine → store")
                .check(FERRY);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.ferry.(**)").should().beFreeOfCycles()
                .because("a package that imports one that imports it back cannot be understood, tested or moved alone")
                .check(FERRY);
    }

    @Test
    void theEngineApiKnowsNoEngine() {
        noClasses().that().resideInAPackage("dev.ferry.engine")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ferry.engine.*..", "dev.ferry.store..",
                        "com.mongodb..", "java.sql..")
                .because("the engine API is what front ends speak; engines live beside it by plan kind, and only"
                        + " engine.connect knows them all")
                .check(FERRY);
    }

    @Test
    void frontEndsSpeakOnlyTheEngineApi() {
        classes().that().resideInAnyPackage("dev.ferry.cli..", "dev.ferry.service..", "dev.ferry.ui..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("dev.ferry.engine.split..",
                        "dev.ferry.engine.postgres..", "dev.ferry.engine.set.mongo..", "dev.ferry.engine.assess..",
                        "dev.ferry.engine.runtime..", "dev.ferry.store.mongo..", "dev.ferry.store.postgres..")
                .because("the CLI and the console open databases through engine.connect and then use the engine API"
                        + " only, so both show the same records and a new engine changes neither")
                .check(FERRY);
    }

    @Test
    void screensAndVerbsAskThePlansKindNotItsClass() {
        noClasses().that().resideInAnyPackage("dev.ferry.ui..", "dev.ferry.service..", "dev.ferry.cli..")
                .and().doNotHaveSimpleName("BenchCommand") // measures the split engine, on a split plan
                .should().dependOnClassesThat().belongToAnyOf(Plan.class, PostgresPlan.class, UuidKeyPlan.class,
                        ColumnBackfillPlan.class, TargetSpec.class, SourceSpec.class)
                .because("what a plan supports, how its records are called and what it reads and writes are asked of"
                        + " MigrationPlan and its PlanKind, so adding a kind touches the kind and its engine, not the"
                        + " screens or the verbs")
                .check(FERRY);
    }

    @Test
    void theCliDoesNotReachIntoTheConsole() {
        noClasses().that().resideInAPackage("dev.ferry.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ferry.service..", "dev.ferry.ui..",
                        "dev.ferry.app..")
                .because("connection profiles are shared through dev.ferry.profile; the CLI runs without the console")
                .check(FERRY);
    }

    @Test
    void onlyTheCliWritesToStandardOut() {
        noClasses().that().resideOutsideOfPackages("dev.ferry.cli..", "dev.ferry.app..")
                .should().accessField(System.class, "out")
                .because("only the CLI writes to standard out; everything else logs through SLF4J")
                .check(FERRY);
    }

    @Test
    void theUiNeverTalksToADatabase() {
        noClasses().that().resideInAnyPackage("dev.ferry.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ferry.store..", "com.mongodb..", "java.sql..",
                        "org.postgresql..", "dev.ferry.demo..")
                .because("the UI goes through the service layer, which runs engine jobs off the FX thread")
                .check(FERRY);
    }

    @Test
    void viewModelsLeaveThreadingToTheExecutor() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .because("view models are tested without a window; the TaskExecutor delivers results on the UI thread")
                .check(FERRY);
    }
}
