package dev.ferry.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.demo.DemoDatabase;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.connect.Engines;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.MigrationPlans;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runbook 000's four messages filled for a real run on the demo, from Ferry's templates and from an operator's. */
class RunMessagesTest {

    @TempDir
    Path own;

    @Test
    void theFourMessagesComeOutFilledAndOnlyWhenTrue() throws Exception {
        try (DemoDatabase demo = DemoDatabase.start(0); MigrationEngine engine = Engines.connect(demo.connectionString())) {
            demo.seed(1_000, 7);
            MigrationPlan plan = MigrationPlans.load(Path.of("plans/user-data-split.yaml")).withBatchSize(250);
            MessageTemplates ferrys = new MessageTemplates(own); // empty folder: Ferry's own templates
            assertThatThrownBy(() -> message(ferrys, RunMessage.ANNOUNCE, engine, plan))
                    .hasMessageContaining("run ferry dry-run first");

            engine.dryRun(plan, RunListener.NONE);
            String announce = message(ferrys, RunMessage.ANNOUNCE, engine, plan);
            assertThat(announce).startsWith("📢 Scheduled Maintenance - Database Migration")
                    .contains("Duration: ~").contains("We're moving 1,000 records of user_data into dataset_metadata,"
                            + " transformation_configs").contains("Date: [DATE]").doesNotContain("{");

            RunControl control = new RunControl();
            RunReport paused = engine.run(plan, control, e -> {
                if (e instanceof RunEvent.BatchDone b && b.batch() == 2) {
                    control.pause("operator");
                }
            });
            assertThat(paused.state()).isEqualTo(RunState.PAUSED);
            String status = message(ferrys, RunMessage.STATUS, engine, plan);
            assertThat(status).startsWith("✅ Migration Status Update #1 (T+").contains("- Progress: 500/1,000"
                    + " documents (50 %)").contains("- Issues: the run is paused").contains("docs/sec");
            assertThatThrownBy(() -> message(ferrys, RunMessage.COMPLETE, engine, plan))
                    .hasMessageContaining("is paused: a completion message would not be true");

            RunReport done = engine.run(plan, new RunControl(), RunListener.NONE);
            assertThat(done.state()).isEqualTo(RunState.COMPLETED);
            assertThat(engine.validate(plan).passed()).isTrue();
            String complete = message(ferrys, RunMessage.COMPLETE, engine, plan);
            assertThat(complete).contains("- Documents migrated: " + String.format("%,d", 1_000 - done.quarantined()))
                    .contains("- Data integrity: 100%").contains("- Records set aside for review: "
                            + done.quarantined());

            Files.writeString(own.resolve("rollback.txt"), "Rolled back {plan}: {rollback_status}\n");
            engine.rollback(plan, null, RunListener.NONE);
            assertThat(message(new MessageTemplates(own), RunMessage.ROLLBACK, engine, plan))
                    .startsWith("Rolled back split-user-data: Rolled back ")
                    .contains("every target matches its checksum from before the migration");
            assertThat(message(ferrys, RunMessage.STATUS, engine, plan)).contains("1,000/1,000");

            Files.writeString(own.resolve("status.txt"), "Status\nProgress: {progress}\n");
            assertThatThrownBy(() -> message(new MessageTemplates(own), RunMessage.STATUS, engine, plan))
                    .hasMessageStartingWith(own.resolve("status.txt") + ":2: {progress} is not a value Ferry fills")
                    .hasMessageContaining("{processed}");
        }
    }

    private static String message(MessageTemplates templates, RunMessage m, MigrationEngine engine,
                                  MigrationPlan plan) {
        return MessageTemplates.fill(templates.template(m), MessageValues.of(m, engine, plan, null));
    }
}
