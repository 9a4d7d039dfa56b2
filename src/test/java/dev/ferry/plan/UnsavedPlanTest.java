package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnsavedPlanTest {

    @Test
    void readsTextAsTheFileItWillBeSavedAsWouldBeReadWhateverItsKind(@TempDir Path dir) throws Exception {
        String split = Files.readString(Path.of("plans", "user-data-split.yaml"), StandardCharsets.UTF_8);
        Path file = dir.resolve("split.yaml");
        MigrationPlan plan = UnsavedPlan.read(split, file);
        assertThat(plan.kind()).isEqualTo(PlanKind.SPLIT);
        assertThat(plan.file()).isEqualTo(file);
        Files.writeString(file, split, StandardCharsets.UTF_8);
        assertThat(plan.hash()).isEqualTo(MigrationPlans.load(file).hash());

        String uuid = Files.readString(Path.of("plans", "users-uuid.yaml"), StandardCharsets.UTF_8);
        assertThat(UnsavedPlan.read(uuid, dir.resolve("u.yaml")).kind()).isEqualTo(PlanKind.UUID_KEY_CONVERSION);
    }

    @Test
    void errorsNameTheFileAndTheLineAsLoadingItWould(@TempDir Path dir) {
        String text = """
                name: broken
                source: { collection: user_data, key: _id }
                targets:
                  - collection: out
                    id: { from: _id }
                    fields:
                      a: { form: user_id }
                """;
        Path file = dir.resolve("broken.yaml");
        assertThatThrownBy(() -> UnsavedPlan.read(text, file)).isInstanceOfSatisfying(PlanException.class,
                e -> assertThat(e.errors()).anySatisfy(err -> {
                    assertThat(err.file()).isEqualTo(file.toString());
                    assertThat(err.line()).isEqualTo(7);
                    assertThat(err.message()).contains("form");
                }));
        assertThatThrownBy(() -> UnsavedPlan.read("kind: uuid-key-conversion\nname: x\n", dir.resolve("u.yaml")))
                .isInstanceOf(PlanException.class).hasMessageContaining("u.yaml:");
    }
}
