package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a migration set folder: the earlybird set, and every fault reported with file, line and column. */
class MigrationSetLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsRunbook004sSetInVersionOrderWithChecksums() {
        MigrationSet set = MigrationSetLoader.load(Path.of("sets", "earlybird"));

        assertThat(set.name()).isEqualTo("earlybird");
        assertThat(set.files()).extracting(MigrationFile::label).containsExactly("001", "002", "003", "004", "005");
        assertThat(set.files()).allSatisfy(f -> {
            assertThat(f.checksum()).hasSize(64);
            assertThat(f.explicitDown()).isFalse();
        });
        MigrationFile indexes = set.file(3).orElseThrow();
        assertThat(indexes.up()).hasSize(14).allMatch(op -> op instanceof OperationSpec.CreateIndex);
        OperationSpec.CreateIndex compound = (OperationSpec.CreateIndex) indexes.up().get(4);
        assertThat(compound.keys()).isEqualTo(new Document("user_id", 1).append("status", 1));
        assertThat(((OperationSpec.CreateIndex) indexes.up().get(3)).keys()).isEqualTo(new Document("delivery_date", -1));
        assertThat(set.file(5).orElseThrow().up()).hasSize(6).extracting(op -> ((OperationSpec.AddField) op).field())
                .contains("confirmed_by_user_id", "device_info");
    }

    @Test
    void versionsAreWrittenAsNumbersWithOrWithoutV() {
        assertThat(MigrationSet.parseVersion("3")).isEqualTo(3);
        assertThat(MigrationSet.parseVersion("003")).isEqualTo(3);
        assertThat(MigrationSet.parseVersion("V003")).isEqualTo(3);
        assertThat(MigrationSet.parseVersion("V003__add_indexes.yaml")).isEqualTo(3);
        assertThatThrownBy(() -> MigrationSet.parseVersion("three")).hasMessageContaining("not a version");
    }

    @Test
    void everyFaultIsReportedWithItsLocation() throws Exception {
        write("V001__command.yaml", "up:\n  - command: { collMod: orders }\n");
        write("V002__index.yaml", """
                up:
                  - create_index: { collection: orders, keys: { a: 2 }, uniqe: true }
                """);
        write("V003__field.yaml", """
                description: both
                up:
                  - add_field: { collection: ferry_runs, field: x, fields: { y: 1 } }
                """);
        write("V3__again.yaml", "up:\n  - add_field: { collection: orders, field: z }\n");
        write("V004__link.yaml", """
                up:
                  - backfill_link: { collection: users, field: c, from: customers_v2, match: { a: b, c: d }, value: id }
                """);
        write("README.md", "not a migration");

        PlanException e = (PlanException) org.assertj.core.api.Assertions.catchThrowable(
                () -> MigrationSetLoader.load(tmp));

        List<String> errors = e.errors().stream().map(PlanError::render).toList();
        assertThat(errors).anySatisfy(m -> assertThat(m).endsWith("V001__command.yaml:2:5: up[0].command: Ferry cannot derive"
                + " what undoes a command operation: add a 'down:' section to this file with the operations that"
                + " undo it"));
        assertThat(errors).anySatisfy(m -> assertThat(m).endsWith("V002__index.yaml:2:57: up[0].create_index.uniqe:"
                + " unknown key 'uniqe' (did you mean 'unique'?)"));
        assertThat(errors).anySatisfy(m -> assertThat(m).contains("V002__index.yaml:2:52: up[0].create_index.keys.a:"
                + " expected 1 (ascending) or -1 (descending)"));
        assertThat(errors).anySatisfy(m -> assertThat(m).contains("V003__field.yaml:3:30: up[0].add_field.collection:"
                + " 'ferry_runs' is a name Ferry keeps for its journal"));
        assertThat(errors).anySatisfy(m -> assertThat(m).contains("V3__again.yaml:1:1: version 3 is also given by"
                + " V003__field.yaml"));
        assertThat(errors).anySatisfy(m -> assertThat(m).contains("V004__link.yaml:2:78: up[0].backfill_link.match:"
                + " expected one pair"));
        assertThat(errors).noneMatch(m -> m.contains("README"));
    }

    @Test
    void aFileWithItsOwnDownMayRunACommand() throws Exception {
        write("V001__validator.yaml", """
                up:
                  - command: { collMod: orders, validationLevel: moderate }
                down:
                  - command: { collMod: orders, validationLevel: strict }
                """);
        MigrationFile file = MigrationSetLoader.load(tmp).files().get(0);
        assertThat(file.explicitDown()).isTrue();
        assertThat(file.description()).isEqualTo("validator");
    }

    private void write(String name, String text) throws Exception {
        Files.writeString(tmp.resolve(name), text);
    }
}
