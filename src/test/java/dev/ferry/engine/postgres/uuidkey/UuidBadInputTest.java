package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.ConversionRefused;
import dev.ferry.engine.postgres.Runbook002Schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.testing.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input is reported by validate_schema with the rows at fault, and refused before any change: strings that are
 * no UUID, references to no user (behind a NOT VALID key), NULL references, a referencing table without a primary
 * key; names that need quoting (mixed case, spaces, reserved words) work once the data is fixed.
 */
class UuidBadInputTest {

    static final String PLAN = """
            kind: uuid-key-conversion
            name: people-uuid
            table: People
            column: Person Id
            batch_size: 2
            list_bad_rows: 5
            """;

    @Test
    void refusesBadRowsBeforeAnyChangeAndConvertsOnceFixed() throws Exception {
        String url = TestPostgres.freshDatabase("uuid_bad");
        Runbook002Schema.execute(url, """
                CREATE TABLE "People" ("Person Id" varchar(36) PRIMARY KEY, "order" int);
                INSERT INTO "People" VALUES ('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 1),
                  ('6BA7B811-9DAD-11D1-80B4-00C04FD430C8', 2), ('{6ba7b8129dad11d180b400c04fd430c8}', 3),
                  ('not-a-uuid', 4), ('', 5);
                CREATE TABLE "Select" (id int PRIMARY KEY, "Owner Ref" varchar(36));
                INSERT INTO "Select" VALUES (1, '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), (2, NULL),
                  (3, '00000000-0000-0000-0000-000000000001'), (4, 'zz');
                ALTER TABLE "Select" ADD CONSTRAINT "Select owner" FOREIGN KEY ("Owner Ref")
                  REFERENCES "People" ("Person Id") NOT VALID;
                CREATE TABLE notes (person varchar(36) REFERENCES "People" ("Person Id"), body text);
                INSERT INTO notes VALUES ('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'hello');
                """);
        UuidKeyPlan plan = (UuidKeyPlan) PostgresPlanLoader.parse(PLAN, "people-uuid.yaml");
        try (PostgresStore store = PostgresStore.connect(url)) {
            Map<String, String> before = checksums(url);
            UuidKeyOperations ops = new UuidKeyOperations(store, plan, RunListener.NONE, new RunControl());
            SchemaReport report = ops.validateSchema();

            assertThat(report.ok()).isFalse();
            assertThat(report.blockers()).anyMatch(b -> b.contains("2 values in People.Person Id are not UUIDs"))
                    .anyMatch(b -> b.contains("Select.Owner Ref") && b.contains("reference no row"))
                    .anyMatch(b -> b.contains("Table notes has no primary key"));
            assertThat(report.badRows()).extracting(r -> r.table() + "|" + r.key() + "|" + r.value() + "|" + r.problem())
                    .contains("People|||not a UUID", "People|not-a-uuid|not-a-uuid|not a UUID",
                            "Select|3|00000000-0000-0000-0000-000000000001|references no People row");
            assertThat(report.notes()).anyMatch(n -> n.contains("2 values in People.Person Id will be normalised"))
                    .anyMatch(n -> n.contains("1 value in Select.Owner Ref are NULL"));

            assertThatThrownBy(ops::convert).isInstanceOf(ConversionRefused.class)
                    .hasMessageContaining("nothing was changed").hasMessageContaining("not UUIDs");
            assertThat(checksums(url)).isEqualTo(before);
            assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM pg_class WHERE relname LIKE 'ferry_new_%'"))
                    .isEqualTo("0");
            assertThat(Runbook002Schema.scalar(url, "SELECT count(*) FROM pg_trigger WHERE tgname = 'ferry_write_guard'"))
                    .isEqualTo("0");

            // Fixed as the report says: bad keys and orphans deleted, a primary key for notes.
            Runbook002Schema.execute(url, """
                    DELETE FROM "Select" WHERE id IN (3, 4);
                    DELETE FROM "People" WHERE "order" IN (4, 5);
                    ALTER TABLE notes ADD COLUMN id serial PRIMARY KEY;
                    """);
            Map<String, String> fixed = checksums(url);
            FullMigrationReport full = ops.fullMigration();
            assertThat(full.ok()).as(String.valueOf(full)).isTrue();
            assertThat(Runbook002Schema.scalar(url, "SELECT string_agg(\"Person Id\"::text, ',' ORDER BY \"order\")"
                    + " FROM \"People\"")).isEqualTo("6ba7b810-9dad-11d1-80b4-00c04fd430c8,"
                    + "6ba7b811-9dad-11d1-80b4-00c04fd430c8,6ba7b812-9dad-11d1-80b4-00c04fd430c8");
            assertThat(Runbook002Schema.scalar(url, "SELECT pg_typeof(\"Owner Ref\")::text FROM \"Select\" LIMIT 1"))
                    .isEqualTo("uuid");
            assertThat(ops.rollback().ok()).isTrue();
            assertThat(checksums(url)).isEqualTo(fixed);
        }
    }

    private static Map<String, String> checksums(String url) throws Exception {
        return Map.of("People", sum(url, "\"People\""), "Select", sum(url, "\"Select\""), "notes", sum(url, "notes"));
    }

    private static String sum(String url, String table) throws Exception {
        return Runbook002Schema.scalar(url, "SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY"
                + " t::text), '')) FROM " + table + " t");
    }
}
