package dev.ferry.engine.postgres.uuidkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.postgres.ConversionRefused;
import dev.ferry.engine.postgres.Runbook002Schema;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.testing.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 3: validate_schema covers every table it will convert whatever its primary key (composite included)
 * and every value behind a NOT VALID key, naming the rows by their whole key; its list of columns is the list the run
 * converts; and an error later in the run names the application's tables and keys, never Ferry's copies.
 */
class UuidSchemaCoverageTest {

    static final String PLAN = """
            kind: uuid-key-conversion
            name: members-uuid
            table: users
            column: id
            batch_size: 100
            list_bad_rows: 5
            """;

    @Test
    void compositeKeysAreCheckedAndTheirRowsNamedByTheWholeKey() throws Exception {
        String url = TestPostgres.freshDatabase("uuid_composite");
        Runbook002Schema.execute(url, """
                CREATE TABLE users (id varchar(36) PRIMARY KEY, name text);
                INSERT INTO users SELECT md5('u' || i)::uuid::text, 'user ' || i FROM generate_series(1, 200) i;
                CREATE TABLE memberships (group_id int, user_id varchar(36), role text, PRIMARY KEY (group_id, user_id));
                INSERT INTO memberships SELECT 1 + i % 4, md5('u' || i)::uuid::text, 'member' FROM generate_series(1, 200) i;
                INSERT INTO memberships VALUES (9, 'not-a-uuid', 'member'), (9, '00000000-0000-0000-0000-0000000000aa', 'x');
                ALTER TABLE memberships ADD CONSTRAINT memberships_user FOREIGN KEY (user_id) REFERENCES users NOT VALID;
                CREATE TABLE user_roles (user_id varchar(36) REFERENCES users, role text, PRIMARY KEY (user_id, role));
                INSERT INTO user_roles SELECT id, 'reader' FROM users;
                """);
        UuidKeyPlan plan = (UuidKeyPlan) PostgresPlanLoader.parse(PLAN, "members.yaml");
        try (PostgresStore store = PostgresStore.connect(url)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, plan, RunListener.NONE, new RunControl());
            SchemaReport report = ops.validateSchema();

            assertThat(report.ok()).isFalse();
            assertThat(report.changes()).extracting(c -> c.table() + "." + c.column())
                    .containsExactlyInAnyOrder("users.id", "memberships.user_id", "user_roles.user_id");
            assertThat(report.badRows()).extracting(b -> b.table() + " " + b.key() + " " + b.problem()).containsExactly(
                    "memberships (9,not-a-uuid) not a UUID",
                    "memberships (9,00000000-0000-0000-0000-0000000000aa) references no users row");
            assertThat(report.blockers()).anyMatch(b -> b.startsWith("1 value in memberships.user_id are not UUIDs"))
                    .anyMatch(b -> b.startsWith("1 value in memberships.user_id reference no row of users"));

            Runbook002Schema.execute(url, "DELETE FROM memberships WHERE group_id = 9");
            List<String> listed = ops.validateSchema().changes().stream().map(c -> c.table() + "." + c.column()).toList();
            assertThat(ops.fullMigration().ok()).isTrue();
            assertThat(Runbook002Schema.scalar(url, "SELECT string_agg(table_name || '.' || column_name, ',' ORDER BY"
                    + " table_name) FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'uuid'"))
                    .as("the dry run listed what the run converts").isEqualTo(String.join(",", listed.stream().sorted()
                            .toList()));
        }
    }

    @Test
    void aKeyThatCollidesAfterTheDryRunIsReportedInTheApplicationsNames() throws Exception {
        String url = TestPostgres.freshDatabase("uuid_late_duplicate");
        Runbook002Schema.execute(url, """
                CREATE TABLE users (id varchar(36) PRIMARY KEY, name text);
                INSERT INTO users SELECT md5('u' || i)::uuid::text, 'user ' || i FROM generate_series(1, 200) i;
                CREATE TABLE memberships (group_id int, user_id varchar(36) REFERENCES users, PRIMARY KEY (group_id, user_id));
                INSERT INTO memberships SELECT 1, id FROM users;
                """);
        UuidKeyPlan plan = (UuidKeyPlan) PostgresPlanLoader.parse(PLAN, "members.yaml");
        try (PostgresStore store = PostgresStore.connect(url)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, plan, RunListener.NONE, new RunControl());
            assertThat(ops.validateSchema().ok()).isTrue();
            assertThat(ops.backupData().ok()).isTrue();
            // the same UUID in capitals, written after the dry run: text keys differ, uuid keys would not
            Runbook002Schema.execute(url, "INSERT INTO users SELECT upper(id), 'twin' FROM users LIMIT 1");

            assertThatThrownBy(ops::convert).isInstanceOf(ConversionRefused.class)
                    .hasMessageContaining("users_pkey (on the converted copy of users)")
                    .hasMessageContaining("Run rollback").hasMessageNotContaining("ferry_")
                    .hasMessageNotContaining("Hint");
            assertThat(Runbook002Schema.scalar(url, "SELECT message FROM migration_log WHERE operation = 'convert'"))
                    .doesNotContain("ferry_new_").doesNotContain("ferry_ix_");
            assertThat(ops.rollback().ok()).isTrue();
            assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM pg_class WHERE relname LIKE 'ferry_%'"))
                    .isEqualTo("0");
        }
    }
}
