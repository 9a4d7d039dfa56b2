package dev.ferry.ui.migrations;

import dev.ferry.engine.connect.Engines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.demo.EarlybirdDataset;
import dev.ferry.service.ImmediateTaskExecutor;
import dev.ferry.service.MigrationSetService;
import dev.ferry.service.Session;
import dev.ferry.service.Tone;
import dev.ferry.testing.InProcessMongo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Migrations screen's view model without a window: runbook 004's set on the earlybird demo data. */
class MigrationsViewModelTest {

    private InProcessMongo mongo;
    private Session session;
    private ImmediateTaskExecutor executor;
    private MigrationsViewModel model;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo();
        EarlybirdDataset.seed(mongo.database("earlybird"), 200, 1);
        session = new Session();
        session.connected(Engines.connect(mongo.uri("earlybird")), mongo.uri("earlybird"));
        executor = new ImmediateTaskExecutor();
        model = new MigrationsViewModel(new MigrationSetService(executor, session), executor);
    }

    @AfterEach
    void stop() {
        session.engine().close();
        mongo.close();
    }

    @Test
    void runAllThenRollBackOneAfterTypingTheSetName() {
        assertThat(model.actionsDisabled().get()).as("nothing open yet").isTrue();
        model.open(Path.of("sets", "earlybird"));
        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.rows()).extracting(VersionRow::label).containsExactly("V001", "V002", "V003", "V004", "V005");
        assertThat(model.rows()).allSatisfy(r -> {
            assertThat(r.badge()).isEqualTo("pending");
            assertThat(r.tone()).isEqualTo(Tone.UNKNOWN);
        });
        assertThat(model.summaryProperty().get()).contains("on database earlybird: at Vnone").contains("5 pending");
        assertThat(model.leaseProperty().get()).isEqualTo("Lease: free");

        model.askRunAll();
        assertThat(model.questionProperty().get()).startsWith("Apply every pending version of earlybird");
        assertThat(model.actionsDisabled().get()).as("one question at a time").isTrue();
        assertThat(model.confirmDisabled().get()).as("a click confirms a run").isFalse();
        model.confirm();

        assertThat(model.questionProperty().get()).isEmpty();
        assertThat(model.rows()).allSatisfy(r -> {
            assertThat(r.badge()).isEqualTo("completed");
            assertThat(r.tone()).isEqualTo(Tone.OK);
            assertThat(r.appliedAt()).isNotEmpty();
            assertThat(r.took()).isNotEmpty();
        });
        assertThat(model.progressTextProperty().get()).isEqualTo("Applied 5 versions of earlybird.");
        assertThat(session.log()).anySatisfy(e -> assertThat(e.toString()).contains("Applied 5 versions"));

        model.selectedProperty().set(model.rows().get(2));
        model.askRollBackSelected();
        assertThat(model.typeToConfirmProperty().get()).isEqualTo("earlybird");
        assertThat(model.confirmDisabled().get()).isTrue();
        model.typedProperty().set("earlybrd");
        model.confirm();
        assertThat(model.rows().get(2).badge()).as("a wrong name confirms nothing").isEqualTo("completed");
        model.typedProperty().set("earlybird");
        model.confirm();
        assertThat(model.rows().get(2).badge()).isEqualTo("rolled back");
        assertThat(model.rows().get(3).badge()).isEqualTo("completed");

        model.askRollBackAll();
        model.cancel();
        assertThat(model.questionProperty().get()).isEmpty();
        assertThat(model.rows().get(0).badge()).isEqualTo("completed");
    }

    @Test
    void aHeldLeaseIsShownAndReleasedOnlyAfterTypingTheDatabaseName() {
        try (dev.ferry.store.mongo.MongoStore store = dev.ferry.store.mongo.MongoStore.connect(mongo.uri("earlybird"))) {
            new dev.ferry.store.mongo.MongoLease(store, "set:earlybird", "ops@night-box:77/set#1",
                    java.time.Duration.ofMinutes(5)).tryAcquire("earlybird: up", "night-box", "ops");
        }
        model.open(Path.of("sets", "earlybird"));
        assertThat(model.leaseProperty().get()).startsWith("Lease: held by ops on night-box (earlybird: up)");
        assertThat(model.leaseHeldProperty().get()).isTrue();

        model.askReleaseLease();
        assertThat(model.typeToConfirmProperty().get()).isEqualTo("earlybird");
        model.confirm();
        assertThat(model.leaseHeldProperty().get()).as("not typed: nothing released").isTrue();
        model.typedProperty().set("earlybird");
        model.confirm();

        assertThat(model.leaseHeldProperty().get()).isFalse();
        assertThat(model.leaseProperty().get()).isEqualTo("Lease: free");
        assertThat(session.log()).anySatisfy(e -> assertThat(e.toString()).contains("Released by hand"));
    }

    @Test
    void aBadFolderSaysWhy() {
        model.open(Path.of("no", "such", "set"));
        assertThat(model.messageProperty().get()).contains("not a folder of migration files");
        assertThat(model.rows()).isEmpty();
    }
}
