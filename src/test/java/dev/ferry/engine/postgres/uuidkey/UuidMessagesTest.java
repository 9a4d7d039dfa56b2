package dev.ferry.engine.postgres.uuidkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.postgres.ConversionRefused;
import dev.ferry.engine.postgres.DeskSchema;
import dev.ferry.engine.postgres.Runbook002Schema;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 items 6 and 7: progress counts the batches each table was cut into, across a pause and resume; a refused
 * rollback says what to do in Ferry's words and never passes PostgreSQL's hint on; the dry run names the column that
 * holds the key without a foreign key, and {@code also:} converts it in the same swap.
 */
class UuidMessagesTest {

    @Test
    void progressCountsTheBatchesTheRunCutAcrossAResume() throws Exception {
        String url = TestPostgres.freshDatabase("desk_progress");
        DeskSchema.create(url, "desk_owner", true, 600);
        UuidKeyPlan plan = plan(DeskSchema.PLAN.replace("batch_size: 500", "batch_size: 150"));
        List<RunEvent.BatchDone> batches = new ArrayList<>();
        try (PostgresStore store = PostgresStore.connect(url)) {
            RunControl control = new RunControl();
            UuidConversionReport paused = new UuidKeyOperations(store, plan, e -> {
                if (e instanceof RunEvent.BatchDone b) {
                    batches.add(b);
                    if (batches.size() == 3) {
                        control.pause("the test stops after three batches");
                    }
                }
            }, control).convert();
            assertThat(paused.ok()).isFalse();
            assertThat(new UuidKeyOperations(store, plan, e -> {
                if (e instanceof RunEvent.BatchDone b) {
                    batches.add(b);
                }
            }, new RunControl()).convert().ok()).isTrue();
        }
        long cut = Long.parseLong(Runbook002Schema.scalar(url, "SELECT sum(batches) FROM ferry.operation_tables"));
        // Cut by heap pages per table, so not rows / batch size (here 24 against 26): the events carry the real count.
        assertThat(cut).isNotEqualTo(Long.parseLong(Runbook002Schema.scalar(url, "SELECT ceil(sum(rows_before) /"
                + " 150.0)::bigint FROM ferry.operation_tables")));
        assertThat(batches).allMatch(b -> b.batches() == cut && b.batch() <= cut);
        assertThat(batches.get(batches.size() - 1).batch()).isEqualTo(cut);
        assertThat(batches.stream().map(RunEvent.BatchDone::batch).distinct().count()).as("numbered once each")
                .isEqualTo(batches.size());
    }

    @Test
    void aRefusedRollbackSaysWhatToDoWithoutTheServersHint() throws Exception {
        String url = TestPostgres.freshDatabase("desk_rollback_refused");
        DeskSchema.create(url, "desk_owner", true, 100);
        UuidKeyPlan plan = plan(DeskSchema.PLAN);
        try (PostgresStore store = PostgresStore.connect(url)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, plan, RunListener.NONE, new RunControl());
            assertThat(ops.fullMigration().ok()).isTrue();
            Runbook002Schema.execute(url, "CREATE VIEW open_tickets AS SELECT id, requester_id FROM tickets"
                    + " WHERE status = 'open'");

            assertThatThrownBy(ops::rollback).isInstanceOf(ConversionRefused.class)
                    .hasMessageContaining("Rollback refused; nothing was changed")
                    .hasMessageContaining("depend on them: view open_tickets (on tickets).")
                    .hasMessageContaining("drop them yourself").hasMessageNotContaining("CASCADE")
                    .hasMessageNotContaining("Hint");
            assertThat(Runbook002Schema.scalar(url, "SELECT data_type FROM information_schema.columns WHERE"
                    + " table_name = 'tickets' AND column_name = 'requester_id'")).isEqualTo("uuid");

            Runbook002Schema.execute(url, "DROP VIEW open_tickets");
            assertThat(ops.rollback().ok()).isTrue();
        }
    }

    @Test
    void theDryRunNamesAnUndeclaredReferenceAndAlsoConvertsIt() throws Exception {
        String url = TestPostgres.freshDatabase("desk_undeclared");
        DeskSchema.create(url, "desk_owner", true, 300);
        try (PostgresStore store = PostgresStore.connect(url)) {
            SchemaReport without = new UuidKeyOperations(store, plan(DeskSchema.PLAN), RunListener.NONE,
                    new RunControl()).validateSchema();
            assertThat(without.probableReferences()).singleElement().satisfies(r -> {
                assertThat(r.table() + "." + r.column()).isEqualTo("sessions.account_id");
                assertThat(r.matching()).isEqualTo(r.sampled()).isEqualTo(150);
            });
            assertThat(without.notes()).contains("sessions.account_id (character varying(36)) probably references the"
                    + " key without a foreign key (150 of 150 sampled values are its keys): it will stay text. Add it to"
                    + " the plan (also: [sessions.account_id]) to convert it in the same swap, or leave it knowingly.");

            UuidKeyOperations also = new UuidKeyOperations(store, plan(DeskSchema.PLAN + "also: [sessions.account_id]\n"),
                    RunListener.NONE, new RunControl());
            SchemaReport with = also.validateSchema();
            assertThat(with.probableReferences()).isEmpty();
            assertThat(with.changes()).anyMatch(c -> c.table().equals("sessions") && c.column().equals("account_id")
                    && "no foreign key (also:)".equals(c.references()));
            assertThat(also.fullMigration().ok()).isTrue();
        }
        assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM sessions s JOIN accounts a ON a.id ="
                + " s.account_id")).isEqualTo("150");
    }

    private static UuidKeyPlan plan(String text) {
        return (UuidKeyPlan) PostgresPlanLoader.parse(text, "desk-uuid.yaml");
    }
}
