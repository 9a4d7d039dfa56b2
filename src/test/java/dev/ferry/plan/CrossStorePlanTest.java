package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code table:} sources and targets in plan files: what they bind to, and the errors with their locations. */
class CrossStorePlanTest {

    private static List<String> errors(String text) {
        PlanException e = catchThrowableOfType(PlanException.class, () -> PlanLoader.parse(text, "plans/x.yaml"));
        assertThat(e).as("expected a PlanException").isNotNull();
        return e.errors().stream().map(PlanError::render).toList();
    }

    @Test
    void theShippedCrossStorePlansBindTablesAndCollections() {
        Plan toMongo = PlanLoader.load(Path.of("plans/people-to-mongo.yaml"));
        assertThat(toMongo.source()).isEqualTo(new SourceSpec("public.People", null, "id", StoreKind.POSTGRES));
        assertThat(toMongo.source().isTable()).isTrue();
        assertThat(toMongo.targets().get(0).isTable()).isFalse();
        Plan toPostgres = PlanLoader.load(Path.of("plans/profiles-to-postgres.yaml"));
        assertThat(toPostgres.source().isTable()).isFalse();
        assertThat(toPostgres.targets().get(0).collection()).isEqualTo("public.Profiles");
        assertThat(toPostgres.targets().get(0).store()).isEqualTo(StoreKind.POSTGRES);
        assertThat(toPostgres.targets().get(0).fields()).containsKeys("Display Name", "user");
    }

    @Test
    void aTableAndACollectionOfOneNameAreDifferentThings() {
        Plan plan = PlanLoader.parse("""
                name: same-name
                source: { table: people, key: id }
                targets:
                  - collection: people
                    id: { from: id }
                    fields: { n: { from: name } }
                """, "plans/x.yaml");
        assertThat(plan.targets()).hasSize(1);
    }

    @Test
    void tableErrorsSayWhereAndWhatToDo() {
        assertThat(errors("""
                name: x
                source: { table: people, collection: people, key: id }
                targets:
                  - table: ferry_runs
                    id: { from: id }
                    fields: {}
                """)).containsExactlyInAnyOrder(
                "plans/x.yaml:2:9: source: give either 'collection' (MongoDB) or 'table' (PostgreSQL), not both",
                "plans/x.yaml:4:12: targets[0].table: 'ferry_runs' is a name Ferry keeps for its journal (ferry_*);"
                        + " choose another target table");
        assertThat(errors("""
                name: x
                source: { table: people, filter: { a: 1 } }
                targets:
                  - table: people
                    id: { from: id }
                    fields: {}
                """)).containsExactlyInAnyOrder(
                "plans/x.yaml:2:34: source.filter: a table source takes no filter (it is a MongoDB filter); migrate"
                        + " the whole table, or select rows with view: or query:",
                "plans/x.yaml:2:9: source: a table, view or query source needs 'key: <column>': a unique, not-null"
                        + " column (e.g. the primary key) that batches are paged on",
                "plans/x.yaml:4:12: targets[0].table: target 'people' is the plan's source: a run would read what it"
                        + " writes; write to another table");
        assertThat(errors("""
                name: x
                source: { tabel: people }
                targets:
                  - collection: c
                    id: { from: id }
                    fields: {}
                """)).anySatisfy(e -> assertThat(e).contains("unknown key 'tabel' (did you mean 'table'?)"));
    }
}
