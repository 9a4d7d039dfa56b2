package dev.ferry.store.postgres.journal;

import dev.ferry.store.postgres.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The journal's tables in Ferry's own schema (never the application's {@code public}), created on first use, in one
 * transaction under an advisory lock so that two processes starting at once do not collide. BSON values (keys,
 * pre-images, source records, filters) are BSON bytes ({@link BsonBytes}), with a text for people beside the keys and
 * quarantined records; counters per target are jsonb; times are timestamptz.
 */
final class JournalTables {

    static final String RUNS = "runs";
    static final String BATCHES = "batches";
    static final String UNDO = "undo";
    static final String IMAGES = "undo_images";
    static final String QUARANTINE = "quarantine";
    static final String LEASES = "leases";
    static final String DRY_RUNS = "dry_runs";
    static final String REQUESTS = "requests";
    static final String EVENTS = "events";
    static final String WORKERS = "workers";
    static final String PARTITIONS = "partitions";

    private JournalTables() {
    }

    private static final String[] ALL = {RUNS, BATCHES, UNDO, IMAGES, QUARANTINE, LEASES, DRY_RUNS, REQUESTS, EVENTS,
        WORKERS, PARTITIONS};

    /**
     * Creates what is missing. A journal whose tables all exist is left alone, so that a user who may only read and
     * write them (a DBA created them) needs no CREATE privilege.
     */
    static void create(Connection c, String schema) throws SQLException {
        if (existing(c, schema) == ALL.length) {
            return;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "ferry journal " + schema);
                lock.execute();
            }
            String q = SqlNames.quote(schema);
            if (!schemaExists(c, schema)) { // CREATE SCHEMA IF NOT EXISTS wants the privilege even when it exists
                s.execute("CREATE SCHEMA " + q);
            }
            s.execute("CREATE TABLE IF NOT EXISTS " + q + "." + RUNS + " (run_id text PRIMARY KEY, plan text NOT NULL,"
                    + " plan_hash text, state text NOT NULL, owner text, operator text, host text, database_name text,"
                    + " source_name text, source_filter bytea, source_key text, source_store text,"
                    + " targets text[] NOT NULL, batch_size integer NOT NULL, pre_run jsonb NOT NULL,"
                    + " batch bigint NOT NULL DEFAULT 0, last_key bytea, last_key_text text, processed bigint NOT NULL DEFAULT 0,"
                    + " quarantined bigint NOT NULL DEFAULT 0, total bigint NOT NULL DEFAULT 0,"
                    + " written jsonb NOT NULL DEFAULT '{}', source_count bigint NOT NULL DEFAULT 0,"
                    + " source_sum bigint NOT NULL DEFAULT 0, elapsed_ms bigint NOT NULL DEFAULT 0,"
                    + " message text NOT NULL DEFAULT '', started_at timestamptz NOT NULL, updated_at timestamptz,"
                    + " ended_at timestamptz, rolled_back_at timestamptz, rollback_verified boolean,"
                    + " verdict_at timestamptz, verdict_passed integer, verdict_mismatched integer,"
                    + " verdict_cannot_check integer, verdict_summary text)");
            s.execute("CREATE INDEX IF NOT EXISTS runs_plan_started ON " + q + "." + RUNS + " (plan, started_at DESC)");
            s.execute("CREATE TABLE IF NOT EXISTS " + q + "." + BATCHES + " (run_id text NOT NULL, batch bigint NOT NULL,"
                    + " at timestamptz NOT NULL, read bigint NOT NULL, quarantined bigint NOT NULL, ms bigint NOT NULL,"
                    + " written jsonb NOT NULL, PRIMARY KEY (run_id, batch))");
            // where the run stood after each batch, for anyone watching it (journals from before gain the columns)
            s.execute("ALTER TABLE " + q + "." + BATCHES + " ADD COLUMN IF NOT EXISTS read_wait_ms bigint NOT NULL"
                    + " DEFAULT 0, ADD COLUMN IF NOT EXISTS elapsed_ms bigint NOT NULL DEFAULT 0, ADD COLUMN IF NOT"
                    + " EXISTS run_processed bigint, ADD COLUMN IF NOT EXISTS run_total bigint, ADD COLUMN IF NOT"
                    + " EXISTS run_quarantined bigint, ADD COLUMN IF NOT EXISTS run_written jsonb");
            s.execute("CREATE TABLE IF NOT EXISTS " + q + "." + UNDO + " (run_id text NOT NULL, batch bigint NOT NULL,"
                    + " target text NOT NULL, owner text NOT NULL, inserted bytea NOT NULL,"
                    + " inserted_hashes integer[] NOT NULL, replaced bytea NOT NULL, inserted_count integer NOT NULL,"
                    + " replaced_count integer NOT NULL, undone boolean NOT NULL DEFAULT false,"
                    + " PRIMARY KEY (run_id, batch, target))");
            s.execute("CREATE TABLE IF NOT EXISTS " + q + "." + IMAGES + " (run_id text NOT NULL, target text NOT NULL,"
                    + " key_digest text NOT NULL, key bytea NOT NULL, batch bigint NOT NULL, image bytea NOT NULL,"
                    + " PRIMARY KEY (run_id, target, key_digest))");
            s.execute("CREATE INDEX IF NOT EXISTS undo_images_run_batch ON " + q + "." + IMAGES + " (run_id, batch)");
            s.execute("CREATE TABLE IF NOT EXISTS " + q + "." + QUARANTINE + " (run_id text NOT NULL,"
                    + " key_digest text NOT NULL, key bytea NOT NULL, key_text text NOT NULL, plan text NOT NULL,"
                    + " batch bigint NOT NULL, at timestamptz NOT NULL, reason text NOT NULL, errors text[] NOT NULL,"
                    + " source bytea, source_json text, PRIMARY KEY (run_id, key_digest))");
            s.execute("CREATE INDEX IF NOT EXISTS quarantine_run_batch ON " + q + "." + QUARANTINE + " (run_id, batch)");
            s.execute("CREATE TABLE IF NOT EXISTS " + q + "." + LEASES + " (plan text PRIMARY KEY, owner text NOT NULL,"
                    + " run_id text, host text, operator text, acquired_at timestamptz NOT NULL,"
                    + " heartbeat_at timestamptz NOT NULL, expires_at timestamptz NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS " + q + "." + DRY_RUNS + " (id bigserial PRIMARY KEY, plan text NOT NULL,"
                    + " plan_hash text, at timestamptz NOT NULL, source_records bigint NOT NULL, errors bigint NOT NULL,"
                    + " estimated_ms bigint NOT NULL, estimated_bytes bigint NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS " + q + "." + REQUESTS + " (id text PRIMARY KEY, plan text NOT NULL,"
                    + " run_id text, kind text NOT NULL, batch_size integer, rate double precision, operator text,"
                    + " host text, at timestamptz NOT NULL, honoured_at timestamptz, honoured_by text,"
                    + " outcome text NOT NULL DEFAULT '')");
            s.execute("CREATE INDEX IF NOT EXISTS requests_plan_at ON " + q + "." + REQUESTS + " (plan, at)");
            s.execute("CREATE INDEX IF NOT EXISTS requests_run ON " + q + "." + REQUESTS + " (run_id)");
            s.execute("CREATE TABLE IF NOT EXISTS " + q + "." + EVENTS + " (id text PRIMARY KEY, run_id text NOT NULL,"
                    + " plan text, at timestamptz NOT NULL, type text NOT NULL, data bytea NOT NULL,"
                    + " data_json text NOT NULL, operator text, host text)");
            s.execute("CREATE INDEX IF NOT EXISTS events_run_at ON " + q + "." + EVENTS + " (run_id, at)");
            s.execute("CREATE TABLE IF NOT EXISTS " + q + "." + WORKERS + " (id text PRIMARY KEY, plan text NOT NULL,"
                    + " run_id text, verb text NOT NULL, host text, pid bigint NOT NULL, operator text, log text,"
                    + " started_at timestamptz NOT NULL, heartbeat_at timestamptz NOT NULL, ended_at timestamptz,"
                    + " outcome text NOT NULL DEFAULT '')");
            s.execute("CREATE INDEX IF NOT EXISTS workers_run ON " + q + "." + WORKERS + " (run_id)");
            s.execute("CREATE INDEX IF NOT EXISTS workers_plan ON " + q + "." + WORKERS + " (plan, started_at DESC)");
            s.execute("CREATE INDEX IF NOT EXISTS dry_runs_plan ON " + q + "." + DRY_RUNS + " (plan, plan_hash, at DESC)");
            s.execute("CREATE TABLE IF NOT EXISTS " + q + "." + PARTITIONS + " (run_id text NOT NULL, idx integer NOT NULL,"
                    + " state text NOT NULL, owner text, message text NOT NULL DEFAULT '', takeovers integer NOT NULL"
                    + " DEFAULT 0, updated_at timestamptz, range_and_checkpoint bytea NOT NULL,"
                    + " PRIMARY KEY (run_id, idx))");
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static int existing(Connection c, String schema) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_tables WHERE schemaname = ?"
                + " AND tablename = ANY (?)")) {
            s.setString(1, schema);
            s.setArray(2, c.createArrayOf("text", ALL));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            s.setString(1, schema);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }
}
