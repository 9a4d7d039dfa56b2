package dev.ferry.ui.validation;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.Tone;
import dev.ferry.service.ValidationService;
import dev.ferry.testing.ConsoleFixture;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ValidationViewModelTest {

    @Test
    void theDbaRunsAllChecksThenSeesACorruptedDocumentAsAMismatchFieldByField() {
        try (ConsoleFixture f = new ConsoleFixture(2_000)) {
            ValidationViewModel model = new ValidationViewModel(f.session, new ValidationService(f.executor, f.session));
            assertThat(model.checks()).extracting(CheckRow::status).containsOnly("not run");
            assertThat(model.validateDisabled().get()).isTrue(); // nothing has run yet

            RunReport run = f.session.engine().run(f.session.plan(), new RunControl(), RunListener.NONE);
            f.session.moveTo(ConsoleState.of(run.state()));
            assertThat(model.validateDisabled().get()).isFalse();

            model.validateAll();
            assertThat(model.messageProperty().get()).isEmpty();
            assertThat(model.checks()).hasSize(f.session.plan().checks().size())
                    .extracting(CheckRow::tone).containsOnly(Tone.OK);
            assertThat(f.session.state()).isEqualTo(ConsoleState.VALIDATED);
            // every check passed, but the demo's run left records in quarantine: amber, never green
            assertThat(model.verdictToneProperty().get()).isEqualTo(run.quarantined() > 0 ? Tone.PENDING : Tone.OK);
            if (run.quarantined() > 0) {
                assertThat(model.verdictProperty().get()).endsWith("⚠ not all migrated");
                assertThat(model.verdictWarning()).startsWith(run.quarantined() + " of ")
                        .contains("source records are in quarantine");
            }

            Document victim = f.mongo().getCollection("dataset_metadata").find().sort(new Document("_id", 1)).first();
            f.mongo().getCollection("dataset_metadata").updateOne(eq("_id", victim.get("_id")),
                    set("file_type", "tampered"));

            CheckRow checksum = model.checks().stream().filter(r -> r.method().equals("checksum")).findFirst().orElseThrow();
            model.selectedProperty().set(checksum);
            model.rerunSelected();

            CheckRow failed = model.selectedProperty().get();
            assertThat(failed.tone()).isEqualTo(Tone.FAIL);
            assertThat(failed.status()).isEqualTo("mismatched");
            assertThat(f.session.state()).isEqualTo(ConsoleState.MISMATCHED);
            assertThat(model.failingKeys()).hasSize(1);
            assertThat(model.evidence()).isNotEmpty();

            model.compare(model.failingKeys().get(0));
            var comparison = model.comparisonProperty().get();
            assertThat(comparison).isNotNull();
            assertThat(comparison.matches()).isFalse();
            var side = comparison.targets().stream().filter(t -> t.collection().equals("dataset_metadata"))
                    .findFirst().orElseThrow();
            assertThat(side.differences()).singleElement()
                    .satisfies(d -> assertThat(d.describe()).contains("file_type").contains("tampered"));
            assertThat(comparison.targets().stream().filter(t -> t.collection().equals("transformation_configs"))
                    .findFirst().orElseThrow().matches()).isTrue();
        }
    }

    @Test
    void anUnknownKeySaysSoAndALostConnectionIsCannotCheckNotFailed() {
        try (ConsoleFixture f = new ConsoleFixture(50)) {
            ValidationViewModel model = new ValidationViewModel(f.session, new ValidationService(f.executor, f.session));
            model.compare("no-such-key");
            assertThat(model.comparisonProperty().get().source()).isNull();
            f.session.moveTo(ConsoleState.COMPLETED);
            f.session.engine().close();
            model.validateAll();
            assertThat(model.busyProperty().get()).isFalse();
            assertThat(model.checks()).extracting(CheckRow::status).containsOnly("cannot check");
            assertThat(model.checks().get(0).summary()).isNotBlank().doesNotContain("Exception");
            assertThat(model.verdictToneProperty().get()).isEqualTo(Tone.PENDING);
            assertThat(f.session.state()).isEqualTo(ConsoleState.COMPLETED);
        }
    }
}
