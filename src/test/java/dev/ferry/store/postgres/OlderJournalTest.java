package dev.ferry.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.postgres.Runbook002Schema;
import dev.ferry.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/**
 * A journal an older version kept in a plan's schema (written here by hand, as that version created it: runs without
 * the plan hash or verdicts, batches and tables keyed by bare table name) is read in place, then moved into schema
 * ferry in one go when the plan's journal is opened: runs keep their ids, steps and layouts, and each table row takes
 * its schema from the run's recorded layout, so same-named tables of two schemas stay apart.
 */
class OlderJournalTest {

    @Test
    void anOlderJournalIsReadInPlaceThenMovedIntoFerrysSchema() throws Exception {
        String url = TestPostgres.freshDatabase("older_journal");
        Runbook002Schema.execute(url, """
                CREATE SCHEMA crm;
                CREATE TABLE crm.ferry_pg_runs (run_id text PRIMARY KEY, plan text NOT NULL, kind text NOT NULL,
                  state text NOT NULL, step text NOT NULL, owner text,
                  started_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
                  message text, layout text, checkpoint text);
                CREATE TABLE crm.ferry_pg_batches (run_id text NOT NULL, table_name text NOT NULL, batch integer NOT NULL,
                  rows bigint NOT NULL, done_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (run_id, table_name, batch));
                CREATE TABLE crm.ferry_pg_tables (run_id text NOT NULL, table_name text NOT NULL,
                  pages_per_batch integer NOT NULL, batches integer NOT NULL, rows_before bigint NOT NULL,
                  PRIMARY KEY (run_id, table_name));
                INSERT INTO crm.ferry_pg_runs (run_id, plan, kind, state, step, owner, layout) VALUES ('pg-old-7',
                  'contacts-uuid', 'uuid-key-conversion', 'paused', 'SHADOWS_CREATED', 'dba',
                  '{"tables": [{"table": {"schema": "crm", "name": "contacts"}}, {"table": {"schema": "sales",
                   "name": "notes"}}]}');
                INSERT INTO crm.ferry_pg_batches (run_id, table_name, batch, rows) VALUES ('pg-old-7', 'contacts', 0, 50),
                  ('pg-old-7', 'notes', 0, 70), ('pg-old-7', 'notes', 1, 30);
                INSERT INTO crm.ferry_pg_tables VALUES ('pg-old-7', 'contacts', 10, 3, 120), ('pg-old-7', 'notes', 5, 2, 100);
                """);
        try (Connection c = DriverManager.getConnection(url)) {
            PostgresJournal older = PostgresJournal.olderLayoutIn(c, "crm");
            assertThat(older.runs(null)).singleElement().satisfies(r -> {
                assertThat(r.runId()).isEqualTo("pg-old-7");
                assertThat(r.planHash()).isNull();
            });
            assertThat(older.batches().rowsDone("pg-old-7")).isEqualTo(150);

            PostgresJournal journal = new PostgresJournal(c, "crm");
            journal.create();

            assertThat(journal.latest("contacts-uuid")).hasValueSatisfying(r -> {
                assertThat(r.step()).isEqualTo("SHADOWS_CREATED");
                assertThat(r.state()).isEqualTo("paused");
            });
            assertThat(journal.layout("pg-old-7")).hasValueSatisfying(l -> assertThat(l).contains("\"sales\""));
            PostgresBatchJournal batches = journal.batches();
            assertThat(batches.doneBatches("pg-old-7", "sales", "notes")).containsExactlyInAnyOrder(0, 1);
            assertThat(batches.rowsDone("pg-old-7", "crm", "contacts")).isEqualTo(50);
            assertThat(batches.tablePlan("pg-old-7", "sales", "notes")).hasValueSatisfying(p ->
                    assertThat(p).containsExactly(5, 2, 100));
            assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'crm'"))
                    .as("the older tables are gone").isEqualTo("0");

            journal.create(); // opening it again finds nothing more to move
            assertThat(journal.runs(null)).hasSize(1);
        }
    }
}
