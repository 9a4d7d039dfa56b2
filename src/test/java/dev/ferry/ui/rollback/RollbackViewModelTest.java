package dev.ferry.ui.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.service.ConsoleState;
import dev.ferry.service.Tone;
import dev.ferry.testing.DemoSession;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RollbackViewModelTest {

    private final DemoSession demo = new DemoSession(2_500);
    private final RollbackViewModel model = new RollbackViewModel(demo.session, demo.rollbacks);

    @AfterEach
    void close() {
        demo.close();
    }

    @Test
    void withNoRunTheScreenSaysThereIsNothingToRollBack() {
        model.refresh();
        assertThat(model.previewProperty().get()).isNull();
        assertThat(model.errorProperty().get()).contains("has no run").contains("nothing to roll back");
        model.typedProperty().set("split-user-data");
        assertThat(model.canConfirmProperty().get()).isFalse();
    }

    @Test
    void rollsBackOnlyOnceThePlanNameIsTypedThenShowsTheRestoredStateChecklist() {
        demo.completedRun();
        model.refresh();
        assertThat(model.buttonTextProperty().get()).isEqualTo("Roll back split-user-data on narrative_modeling");
        assertThat(model.undo()).extracting(RollbackViewModel.UndoRow::collection)
                .containsExactly("dataset_metadata", "transformation_configs");
        long quarantined = demo.runs.reportProperty().get().quarantined();
        assertThat(model.undo()).allSatisfy(r -> assertThat(r.toDelete()).isEqualTo(2_500 - quarantined));
        assertThat(model.summaryProperty().get()).contains("from the run's undo log");

        model.confirm(); // nothing typed
        assertThat(model.errorProperty().get()).isEqualTo("Type the plan name split-user-data exactly to confirm");
        assertThat(demo.session.state()).isEqualTo(ConsoleState.COMPLETED);
        for (String wrong : List.of("split-user", "Split-User-Data", "yes")) {
            model.typedProperty().set(wrong);
            assertThat(model.canConfirmProperty().get()).as(wrong).isFalse();
        }
        model.typedProperty().set("  split-user-data ");
        assertThat(model.canConfirmProperty().get()).isTrue();

        model.confirm();
        assertThat(model.phaseProperty().get()).isEqualTo(RollbackViewModel.Phase.DONE);
        assertThat(demo.session.state()).isEqualTo(ConsoleState.ROLLED_BACK);
        assertThat(model.progressProperty().get()).isEqualTo(1.0);
        assertThat(model.checklist()).extracting(RestoredCheck::name).containsExactly(
                "dataset_metadata: undo applied", "transformation_configs: undo applied",
                "dataset_metadata absent, as before the run", "transformation_configs absent, as before the run",
                "user_data (source) unchanged", "collection transformation_configs dropped",
                "collection dataset_metadata dropped");
        assertThat(model.verdictProperty().get()).as("the run created its targets: the journal is all that is left")
                .contains("only difference");
        assertThat(model.checklist()).allSatisfy(c -> assertThat(c.tone()).isEqualTo(Tone.OK));
        assertThat(model.verdictToneProperty().get()).isEqualTo(Tone.OK);
        assertThat(model.beforeProperty().get()).contains("was completed");

        model.refresh(); // the finished checklist stays; the preview now says there is nothing left
        assertThat(model.checklist()).hasSize(7);
        assertThat(model.errorProperty().get()).contains("rolled back already");
    }

    @Test
    void verificationLinesBecomeChecksAndADifferenceFails() {
        List<RestoredCheck> checks = RestoredCheck.of(List.of(
                "dataset_metadata: before the run 0 docs, checksum 00; now 3 docs, checksum ab — DIFFERENT",
                "user_data (source, the records the run read): 10 docs; now 10 docs — unchanged",
                "2 documents the run inserted were changed since by someone else and were kept, not deleted"));
        assertThat(checks).extracting(RestoredCheck::tone).containsExactly(Tone.FAIL, Tone.OK, Tone.PENDING);
        assertThat(checks.get(0).status()).isEqualTo("failed");
        assertThat(checks.get(1).name()).isEqualTo("user_data (source) unchanged");
    }
}
