package dev.ferry.engine.postgres.uuidkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.postgres.DeskSchema;
import dev.ferry.engine.postgres.Runbook002Schema;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.testing.SchemaDump;
import dev.ferry.testing.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 items 1 and 5: what cannot be carried to the converted table is refused by name, by the dry run, before any
 * change, with what to do: a default that gives no uuid (with the statement to run), an index that needs text, a role
 * that cannot give the copy its owner, row security that would hide rows from Ferry, a publication of a whole schema.
 */
class UuidDryRunRefusalsTest {

    @Test
    void aDefaultOrAnIndexThatNeedsTextIsRefusedWithWhatToDo() throws Exception {
        String url = TestPostgres.freshDatabase("uuid_refused_default");
        Runbook002Schema.execute(url, """
                CREATE TABLE things (id varchar(36) PRIMARY KEY DEFAULT md5(random()::text), name text);
                INSERT INTO things SELECT md5('t' || i)::uuid::text, 'thing ' || i FROM generate_series(1, 50) i;
                CREATE TABLE parts (id serial PRIMARY KEY, thing_id varchar(36) REFERENCES things);
                CREATE INDEX parts_thing_prefix ON parts (thing_id varchar_pattern_ops);
                INSERT INTO parts (thing_id) SELECT id FROM things;
                """);
        List<String> before = SchemaDump.of(url);
        SchemaReport report = validateSchema(url, "things");

        assertThat(report.ok()).isFalse();
        assertThat(report.blockers()).anyMatch(b -> b.startsWith("The default of things.id (DEFAULT md5((random())::text))"
                + " cannot be carried to the converted table: column \"id\" is of type uuid but default expression is of"
                + " type text") && b.contains("Before the conversion run: ALTER TABLE \"public\".\"things\" ALTER"
                + " COLUMN \"id\" DROP DEFAULT;"));
        assertThat(report.blockers()).anyMatch(b -> b.startsWith("The index parts_thing_prefix of parts cannot be"
                + " carried to the converted table") && b.contains("varchar_pattern_ops"));
        assertThat(report.blockers()).allMatch(b -> !b.contains("ferry_new_") && !b.contains("ferry_ix_"));
        assertThat(SchemaDump.of(url)).as("the dry run changed nothing").isEqualTo(before);
    }

    @Test
    void aConstantTextDefaultBecomesAUuidDefault() throws Exception {
        String url = TestPostgres.freshDatabase("uuid_constant_default");
        Runbook002Schema.execute(url, """
                CREATE TABLE things (id varchar(36) PRIMARY KEY
                  DEFAULT '00000000-0000-0000-0000-000000000000'::character varying, name text);
                INSERT INTO things SELECT md5('t' || i)::uuid::text, 'thing ' || i FROM generate_series(1, 50) i;
                """);
        UuidKeyPlan plan = plan("things");
        try (PostgresStore store = PostgresStore.connect(url)) {
            assertThat(new UuidKeyOperations(store, plan, RunListener.NONE, new RunControl()).fullMigration().ok())
                    .isTrue();
        }
        assertThat(Runbook002Schema.scalar(url, "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid ="
                + " 'things'::regclass")).isEqualTo("'00000000-0000-0000-0000-000000000000'::uuid");
    }

    @Test
    void aRoleThatCannotCarryOwnerOrRowsIsRefusedBeforeAnyChange() throws Exception {
        String url = TestPostgres.freshDatabase("desk_refused");
        DeskSchema.create(url, "desk_plain_owner", false, 100);
        Runbook002Schema.execute(url, "CREATE PUBLICATION desk_all_audit FOR TABLES IN SCHEMA audit");
        // A role that may keep Ferry's journal and log (a DBA's, say) but does not own the tables:
        Runbook002Schema.execute(url, "GRANT CREATE ON DATABASE " + url.replaceAll(".*/([^?]+).*", "$1")
                + " TO desk_app; GRANT CREATE ON SCHEMA public TO desk_app");
        List<String> before = SchemaDump.of(url);

        SchemaReport asApp = validateSchema(url.replace("user=postgres", "user=desk_app"), "accounts");
        assertThat(asApp.ok()).isFalse();
        assertThat(asApp.blockers()).anyMatch(b -> b.startsWith("Table tickets belongs to role desk_plain_owner;"
                + " Ferry connects as desk_app, which is not desk_plain_owner, a member of it or a superuser"));

        String ownersCopy = TestPostgres.freshDatabase("desk_refused_owner"); // Ferry's schema is desk_app's in the first
        DeskSchema.create(ownersCopy, "desk_plain_owner", false, 100);
        Runbook002Schema.execute(ownersCopy, "CREATE PUBLICATION desk_all_audit FOR TABLES IN SCHEMA audit");
        SchemaReport asOwner = validateSchema(ownersCopy.replace("user=postgres", "user=desk_plain_owner"), "accounts");
        assertThat(asOwner.ok()).isFalse();
        assertThat(asOwner.blockers()).anyMatch(b -> b.startsWith("Table tickets has row security forced on its"
                + " owner, which would show Ferry (connected as desk_plain_owner) only the rows its policies allow"))
                .anyMatch(b -> b.startsWith("Publication desk_all_audit publishes every table of audit, so Ferry's"
                        + " copy of audit.events would be published while it fills"));
        assertThat(SchemaDump.of(url)).as("the dry runs changed nothing").isEqualTo(before);
    }

    private static SchemaReport validateSchema(String url, String table) {
        try (PostgresStore store = PostgresStore.connect(url)) {
            return new UuidKeyOperations(store, plan(table), RunListener.NONE, new RunControl()).validateSchema();
        }
    }

    private static UuidKeyPlan plan(String table) {
        return (UuidKeyPlan) PostgresPlanLoader.parse("kind: uuid-key-conversion\nname: " + table + "-uuid\ntable: "
                + table + "\ncolumn: id\n", table + ".yaml");
    }
}
