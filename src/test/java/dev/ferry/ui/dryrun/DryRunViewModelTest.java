package dev.ferry.ui.dryrun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.service.Action;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.DryRunService;
import dev.ferry.testing.ConsoleFixture;
import dev.ferry.ui.shell.Screen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DryRunViewModelTest {

    @Test
    void aDryRunCountsPerTargetListsTheBadRecordsAndMakesThePlanReady(@TempDir Path dir) throws Exception {
        try (ConsoleFixture f = new ConsoleFixture(3_000)) {
            List<Screen> shown = new ArrayList<>();
            DryRunViewModel model = new DryRunViewModel(f.session, new DryRunService(f.executor, f.session),
                    f.executor, shown::add);
            assertThat(f.session.state()).isEqualTo(ConsoleState.DRAFT);
            assertThat(model.runDisabled().get()).isTrue();
            assertThat(model.runReason().get()).isEqualTo("Run needs a dry run of the current plan");

            model.start();

            assertThat(model.messageProperty().get()).isEmpty();
            assertThat(f.session.state()).isEqualTo(ConsoleState.READY);
            assertThat(model.targets()).extracting(t -> t.collection())
                    .containsExactly("dataset_metadata", "transformation_configs");
            assertThat(model.targets().get(0).wouldInsert() + model.reportProperty().get().errorCount()).isEqualTo(3_000);
            assertThat(model.errors()).isNotEmpty(); // the generator plants invalid history items
            assertThat(model.errors().get(0).reason()).isNotBlank();
            assertThat(model.figures()).extracting(fig -> fig[0])
                    .contains("source records", "would be quarantined", "estimated run time", "estimated storage");
            assertThat(model.runDisabled().get()).isFalse();
            assertThat(f.mongo().listCollectionNames().into(new ArrayList<>())).doesNotContain("dataset_metadata");

            model.goToRun();
            assertThat(shown).containsExactly(Screen.RUN);

            Path csv = dir.resolve("errors.csv");
            model.exportErrors(csv);
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines.get(0)).isEqualTo("source_key,reason");
            assertThat(lines).hasSize(model.errors().size() + 1);
        }
    }

    @Test
    void aFailingDryRunSaysWhyAndLeavesThePlanADraft() {
        try (ConsoleFixture f = new ConsoleFixture(10)) {
            DryRunViewModel model = new DryRunViewModel(f.session, new DryRunService(f.executor, f.session),
                    f.executor, s -> { });
            f.session.engine().close(); // the connection goes away under the console
            model.start();
            assertThat(model.messageProperty().get()).isNotBlank().doesNotContain("Exception");
            assertThat(model.runningProperty().get()).isFalse();
            assertThat(f.session.state()).isEqualTo(ConsoleState.DRAFT);
            assertThat(f.session.whyNot(Action.RUN)).isNotNull();
        }
    }
}
