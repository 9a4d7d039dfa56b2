package dev.ferry.engine.postgres.uuidkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.ValidationReport;
import dev.ferry.engine.postgres.DeskSchema;
import dev.ferry.engine.postgres.Runbook002Schema;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.testing.SchemaDump;
import dev.ferry.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, "Done when", on a real application's shape ({@link DeskSchema}), run as a superuser and as the tables'
 * owner: the conversion leaves {@code pg_dump --schema-only} equal to before apart from the converted columns' types
 * (and what follows from them: the key's default without its text cast, a policy comparing two converted columns
 * without theirs), validate_migration passes with the definition and privilege checks, the application's roles read
 * and write every table afterwards, and the rollback leaves the dump and every row exactly as before.
 */
class UuidRealSchemaTest {

    static final String PLAN = DeskSchema.PLAN + "also: [sessions.account_id]\n";
    static final List<String> TABLES = List.of("teams", "accounts", "account_roles", "team_members", "tickets",
            "sessions", "events", "audit.events");

    @Test
    void asASuperuserTheConvertedTablesAreTheSameTablesAndTheRollbackExact() throws Exception {
        String url = TestPostgres.freshDatabase("desk_superuser");
        DeskSchema.create(url, "desk_owner", true, 1500);
        convertValidateAndRollBack(url, url);
    }

    @Test
    void asTheOwnerTheSame() throws Exception {
        String url = TestPostgres.freshDatabase("desk_owner");
        DeskSchema.create(url, "desk_owner", true, 1500);
        convertValidateAndRollBack(url, url.replace("user=postgres", "user=desk_owner"));
    }

    private static void convertValidateAndRollBack(String adminUrl, String ferryUrl) throws Exception {
        List<String> dumpBefore = SchemaDump.of(adminUrl);
        Map<String, String> rowsBefore = checksums(adminUrl);
        applicationReadsAndWrites(adminUrl, false);
        UuidKeyPlan plan = (UuidKeyPlan) PostgresPlanLoader.parse(PLAN, "desk-uuid.yaml");
        try (PostgresStore store = PostgresStore.connect(ferryUrl)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, plan, RunListener.NONE, new RunControl());
            SchemaReport schema = ops.validateSchema();
            assertThat(schema.ok()).as(String.join("\n", schema.blockers())).isTrue();
            assertThat(schema.changes()).extracting(c -> c.table() + "." + c.column()).containsExactlyInAnyOrder(
                    "accounts.id", "accounts.invited_by", "account_roles.account_id", "team_members.account_id",
                    "tickets.requester_id", "tickets.assignee_id", "events.account_id", "audit.events.account_id",
                    "sessions.account_id");

            FullMigrationReport full = ops.fullMigration();
            assertThat(full.ok()).as(String.valueOf(full)).isTrue();
            assertThat(full.conversion().lockMillis()).isLessThan(1000);
            ValidationReport validation = full.validation();
            assertThat(validation.checks()).filteredOn(c -> c.name().endsWith(" definition")
                    || c.name().endsWith(" owner and privileges")).hasSize(2 * 7)
                    .allMatch(c -> c.status() == CheckResult.CheckStatus.PASSED);

            assertThat(Runbook002Schema.scalar(adminUrl, "SELECT string_agg(schema_name || '.' || table_name || ' '"
                    + " || rows_before, ', ' ORDER BY schema_name) FROM ferry.operation_tables WHERE table_name ="
                    + " 'events'")).as("same-named tables journalled apart").isEqualTo("audit.events 500, public.events 1500");
            assertThat(Runbook002Schema.scalar(adminUrl, "SELECT count(*) FROM migration_backup_audit.events"))
                    .isEqualTo("500");

            List<String> dumpAfter = SchemaDump.of(adminUrl);
            List<String> removed = SchemaDump.minus(dumpBefore, dumpAfter);
            List<String> added = SchemaDump.minus(dumpAfter, dumpBefore);
            assertThat(removed).as("only converted columns change").hasSize(10)
                    .allMatch(line -> line.contains("character varying(36)") || line.contains("CREATE POLICY"));
            assertThat(added).containsExactlyInAnyOrderElementsOf(removed.stream().map(UuidRealSchemaTest::asConverted)
                    .toList());
            applicationReadsAndWrites(adminUrl, true);

            UuidConversionReport rollback = ops.rollback();
            assertThat(rollback.ok()).as(String.join("\n", rollback.lines())).isTrue();
            assertThat(rollback.lines()).filteredOn(l -> l.contains("definition as before")).hasSize(7);
        }
        assertThat(SchemaDump.of(adminUrl)).isEqualTo(dumpBefore);
        assertThat(checksums(adminUrl)).isEqualTo(rowsBefore);
    }

    /** What a dump line of the original becomes once converted. */
    private static String asConverted(String line) {
        return line.replace("character varying(36)", "uuid")
                .replace("DEFAULT (gen_random_uuid())::text", "DEFAULT gen_random_uuid()")
                .replace("(requester_id)::text IN", "requester_id IN");
    }

    /**
     * The application's role, in tenant t1, reads every table, and inserts, updates and deletes rows in each; the
     * reporting role reads its columns; the owner reads every table. After the conversion the session table joins the
     * accounts again (sessions.account_id came along through {@code also:}).
     */
    private static void applicationReadsAndWrites(String adminUrl, boolean converted) throws Exception {
        try (Connection c = DriverManager.getConnection(adminUrl.replace("user=postgres", "user=desk_app"));
             Statement s = c.createStatement()) {
            s.execute("SET desk.tenant = 't1'");
            for (String table : TABLES) {
                assertThat(count(s, "SELECT count(*) FROM " + table)).as("desk_app reads %s", table).isPositive();
            }
            String id = "'0f0e0d0c-0b0a-4998-8776-655443322110'";
            s.execute("INSERT INTO accounts (id, tenant, email, created_on) VALUES (" + id + ", 't1', 'new@example.org',"
                    + " '2025-01-01')");
            s.execute("INSERT INTO account_roles VALUES (" + id + ", 'agent', '2025-01-01')");
            s.execute("INSERT INTO team_members VALUES (1, " + id + ", '2025-01-01')");
            s.execute("INSERT INTO tickets (requester_id, subject, opened_on) VALUES (" + id + ", 'new', '2025-01-01')");
            s.execute("INSERT INTO sessions (account_id, started_on) VALUES (" + id + ", '2025-01-01')");
            s.execute("INSERT INTO events (account_id, kind, at) VALUES (" + id + ", 'login', '2025-01-01')");
            s.execute("INSERT INTO audit.events (account_id, action) VALUES (" + id + ", 'created')");
            s.execute("UPDATE tickets SET status = 'closed' WHERE requester_id = " + id);
            s.execute("UPDATE accounts SET display_name = 'New' WHERE id = " + id);
            assertThat(count(s, "SELECT count(*) FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.id = "
                    + id)).as("sessions join accounts (converted: %s)", converted).isEqualTo(1);
            for (String table : List.of("audit.events", "events", "sessions", "tickets", "team_members",
                    "account_roles")) {
                s.execute("DELETE FROM " + table + " WHERE " + (table.equals("tickets") ? "requester_id" : "account_id")
                        + " = " + id);
            }
            s.execute("DELETE FROM accounts WHERE id = " + id);
        }
        try (Connection c = DriverManager.getConnection(adminUrl.replace("user=postgres", "user=desk_owner"));
             Statement s = c.createStatement()) {
            for (String table : TABLES) {
                assertThat(count(s, "SELECT count(*) FROM " + table)).as("desk_owner reads %s", table).isPositive();
            }
        }
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("SET ROLE desk_reporting");
            assertThat(count(s, "SELECT count(*) FROM tickets")).isPositive();
            assertThat(count(s, "SELECT count(email) FROM accounts")).isPositive();
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static Map<String, String> checksums(String url) throws Exception {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String table : TABLES) {
            sums.put(table, Runbook002Schema.scalar(url, "SELECT count(*) || ':' || md5(coalesce(string_agg(t::text,"
                    + " '|' ORDER BY t::text), '')) FROM " + table + " t"));
        }
        return sums;
    }
}
