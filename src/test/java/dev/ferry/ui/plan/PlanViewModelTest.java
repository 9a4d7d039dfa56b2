package dev.ferry.ui.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.MappingRow;
import dev.ferry.service.PlanService;
import dev.ferry.service.PreviewService;
import dev.ferry.service.RecentPlans;
import dev.ferry.testing.ConsoleFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanViewModelTest {

    private static PlanViewModel model(ConsoleFixture f, Path dir) {
        return new PlanViewModel(f.session, new PlanService(f.executor, f.session,
                new RecentPlans(dir.resolve("recent.txt"))), new PreviewService(f.executor, f.session));
    }

    @Test
    void showsTheMappingTableAndStepsThroughRealSamples(@TempDir Path dir) {
        try (ConsoleFixture f = new ConsoleFixture(100)) {
            PlanViewModel model = model(f, dir);
            assertThat(model.title().get()).startsWith("split-user-data — user-data-split.yaml · hash ");
            assertThat(model.mappings()).contains(
                    new MappingRow("dataset_metadata", "num_rows", "row_count, num_rows", "coalesce (first non-null)"),
                    new MappingRow("dataset_metadata", "file_type", "file_type", "copy · default \"csv\""));
            assertThat(model.mappings()).extracting(MappingRow::field).contains("data_schema[].nullable");
            assertThat(model.position().get()).isEqualTo("sample 1 of 20");
            assertThat(model.sourceJsonProperty().get()).contains("\"user_id\"");
            assertThat(model.targets()).extracting(PlanViewModel.TargetPreview::collection)
                    .containsExactly("dataset_metadata", "transformation_configs");
            model.next();
            assertThat(model.position().get()).isEqualTo("sample 2 of 20");
            model.previous();
            model.previous();
            assertThat(model.indexProperty().get()).isZero();
        }
    }

    @Test
    void aPlanWithTransformErrorsShowsThemByFieldAndABrokenPlanListsItsErrorsAtTheirLines(@TempDir Path dir)
            throws Exception {
        try (ConsoleFixture f = new ConsoleFixture(30)) {
            PlanViewModel model = model(f, dir);
            Path strict = dir.resolve("strict.yaml");
            Files.writeString(strict, """
                    name: strict
                    source: { collection: user_data, key: _id }
                    targets:
                      - collection: strict_copy
                        id: { from: _id }
                        fields:
                          owner: { from: user_id }
                          licence: { from: licence, required: true }
                    """);
            model.open(strict);
            assertThat(model.lintErrors()).isEmpty();
            assertThat(f.session.plan().name()).isEqualTo("strict");
            assertThat(model.targets()).singleElement().satisfies(t -> {
                assertThat(t.collection()).isEqualTo("strict_copy");
                assertThat(t.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("licence"));
            });
            assertThat(model.recent()).containsExactly(strict.toAbsolutePath().normalize());

            Path broken = dir.resolve("broken.yaml");
            Files.writeString(broken, """
                    name: broken
                    source: { collection: user_data, key: _id }
                    targets:
                      - collection: out
                        fields:
                          a: { form: user_id }
                    """);
            model.open(broken);
            assertThat(model.lintErrors()).isNotEmpty();
            assertThat(model.lintErrors()).anySatisfy(e -> {
                assertThat(e.line()).isEqualTo(6);
                assertThat(e.message()).contains("form").contains("from"); // unknown key, did you mean
            });
            assertThat(model.messageProperty().get()).contains("the plan open before stays open");
            assertThat(f.session.plan().name()).isEqualTo("strict");
        }
    }
}
