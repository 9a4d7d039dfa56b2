package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.Runbook002Schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Runbook 002's conversion at scale, Ferry against the server-side path (drop the foreign keys, ALTER … TYPE uuid
 * USING … on every column, re-add the keys, in one transaction) on the same server in the same run, each on its own
 * copy of the data. Not part of {@code mvn verify} (the class name matches no surefire include); run it with
 * {@code mvn -o test -Dtest=UuidConversionBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.users=N} for another size; journal entries are three per user). Prints to standard out and to
 * target/uuid-benchmark.txt.
 */
public class UuidConversionBenchmark {

    /** The same measurement outside Maven: {@code java -cp <test class path> dev.ferry.engine.postgres.uuidkey.UuidConversionBenchmark}. */
    public static void main(String[] args) throws Exception {
        new UuidConversionBenchmark().ferryAgainstTheServerSidePath();
        System.exit(0);
    }

    @Test
    void ferryAgainstTheServerSidePath() throws Exception {
        int users = Integer.getInteger("bench.users", 1_000_000);
        String template = TestPostgres.freshDatabase("uuid_bench_data");
        long g0 = System.nanoTime();
        Runbook002Schema.create(template, users, 3);
        double generated = seconds(g0);
        String sizes = Runbook002Schema.scalar(template, "SELECT pg_size_pretty(pg_total_relation_size('users')) || ' + '"
                + " || pg_size_pretty(pg_total_relation_size('journal_entries'))");
        // ABBA order (server, Ferry, Ferry, server) so that a change of load on a shared machine favours neither.
        double serverSide = serverSide(copy(template, "uuid_bench_server"));
        Ferry first = ferry(copy(template, "uuid_bench_ferry"));
        Ferry second = ferry(copy(template, "uuid_bench_ferry"));
        double serverSide2 = serverSide(copy(template, "uuid_bench_server"));
        double server = (serverSide + serverSide2) / 2;
        double ferry = (first.total + second.total) / 2;
        double convert = (first.convert + second.convert) / 2;
        UuidConversionReport converted = first.report;
        String report = String.format("""
                Runbook 002 uuid conversion benchmark (embedded PostgreSQL 15, same server, separate copies)
                  rows:                 %,d users + %,d journal entries (+ tags, reminders); %s; generated in %.1f s
                  server-side path:     %.1f s (mean of %.1f and %.1f; ACCESS EXCLUSIVE on the tables for all of it)
                  Ferry, total:         %.1f s (mean of %.1f and %.1f: validate_schema + backup_data + convert)
                  Ferry convert alone:  %.1f s (mean of %.1f and %.1f)
                  Ferry phases (1st):   %s
                  ratio Ferry/server:   %.2f (convert alone %.2f)
                  longest ACCESS EXCLUSIVE hold by Ferry: %d ms, %d ms (the swap)
                """, users, users * 3L, sizes, generated, server, serverSide, serverSide2, ferry, first.total,
                second.total, convert, first.convert, second.convert, converted.phases(), ferry / server,
                convert / server, first.report.lockMillis(), second.report.lockMillis());
        System.out.println(report);
        Files.writeString(Path.of("target", "uuid-benchmark.txt"), report);
    }

    private record Ferry(double total, double convert, UuidConversionReport report) { }

    /** validate_schema + backup_data + convert, as full_migration runs them before validating. */
    private static Ferry ferry(String url) {
        UuidKeyPlan plan = (UuidKeyPlan) PostgresPlanLoader.load(Path.of("plans/users-uuid.yaml"));
        try (PostgresStore store = PostgresStore.connect(url)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, plan, RunListener.NONE, new RunControl());
            long t0 = System.nanoTime();
            SchemaReport schema = ops.validateSchema();
            assertThat(schema.ok()).as(String.join("\n", schema.blockers())).isTrue();
            assertThat(ops.backupData().ok()).isTrue();
            long t1 = System.nanoTime();
            UuidConversionReport converted = ops.convert();
            assertThat(converted.ok()).as(String.join("\n", converted.lines())).isTrue();
            return new Ferry(seconds(t0), seconds(t1), converted);
        }
    }

    private static double serverSide(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            s.execute("ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_user_id_fkey");
            s.execute("ALTER TABLE tags DROP CONSTRAINT tags_user_id_fkey");
            s.execute("ALTER TABLE reminders DROP CONSTRAINT reminders_user_id_fkey");
            s.execute("ALTER TABLE users ALTER COLUMN id TYPE uuid USING id::uuid");
            s.execute("ALTER TABLE journal_entries ALTER COLUMN user_id TYPE uuid USING user_id::uuid");
            s.execute("ALTER TABLE tags ALTER COLUMN user_id TYPE uuid USING user_id::uuid");
            s.execute("ALTER TABLE reminders ALTER COLUMN user_id TYPE uuid USING user_id::uuid");
            s.execute("ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_user_id_fkey FOREIGN KEY (user_id)"
                    + " REFERENCES users(id) ON DELETE CASCADE");
            s.execute("ALTER TABLE tags ADD CONSTRAINT tags_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id)");
            s.execute("ALTER TABLE reminders ADD CONSTRAINT reminders_user_id_fkey FOREIGN KEY (user_id)"
                    + " REFERENCES users(id) ON DELETE SET NULL");
            c.commit();
            return seconds(t0);
        }
    }

    private static String copy(String templateUrl, String hint) throws SQLException {
        String template = templateUrl.substring(templateUrl.lastIndexOf('/') + 1, templateUrl.indexOf('?'));
        String url = TestPostgres.freshDatabase(hint);
        String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        try (Connection c = TestPostgres.server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE \"" + name + "\"");
            s.execute("CREATE DATABASE \"" + name + "\" TEMPLATE \"" + template + "\"");
        }
        return url;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

}
