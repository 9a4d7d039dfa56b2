package dev.ferry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
