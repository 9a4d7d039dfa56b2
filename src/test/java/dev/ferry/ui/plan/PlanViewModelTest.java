package dev.ferry.ui.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.MappingRow;
import dev.ferry.service.PlanService;
import dev.ferry.service.RecentPlans;
import dev.ferry.testing.ConsoleFixture;
import dev.ferry.testing.PlanScreen;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanViewModelTest {

    static PlanViewModel model(ConsoleFixture f, Path dir) {
        return PlanScreen.model(f.session, f.executor, new PlanService(f.executor, f.session,
                new RecentPlans(dir.resolve("recent.txt"))), dir);
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

            // the broken text is in the editor: fixed and saved there, it becomes the open plan
            PlanEditorViewModel editor = model.editor();
            assertThat(editor.documentProperty().get().file()).isEqualTo(broken);
            assertThat(editor.text()).contains("form: user_id");
            editor.edit(editor.text().replace("out\n", "out\n    id: { from: _id }\n").replace("form:", "from:"));
            f.executor.tick();
            assertThat(model.lintErrors()).isEmpty();
            assertThat(model.targets()).extracting(PlanViewModel.TargetPreview::collection).containsExactly("out");
            editor.save();
            assertThat(f.session.plan().name()).isEqualTo("broken");
            assertThat(Files.readString(broken)).contains("a: { from: user_id }");
        }
    }

    @Test
    void theSamplePreviewFollowsEveryChangeOfTheTextThatReadsAsAPlan(@TempDir Path dir) {
        try (ConsoleFixture f = new ConsoleFixture(40)) {
            PlanViewModel model = model(f, dir);
            PlanEditorViewModel editor = model.editor();
            model.next();
            model.next();
            assertThat(model.position().get()).isEqualTo("sample 3 of 20");
            String shown = model.sourceJsonProperty().get();

            editor.edit(editor.text().replace("user_id: { from: user_id }                          # DM",
                    "owner: { from: user_id }                          # DM"));
            assertThat(json(model, "dataset_metadata")).as("not before typing pauses").doesNotContain("\"owner\"");
            f.executor.tick();
            assertThat(model.position().get()).as("the same sample, mapped again").isEqualTo("sample 3 of 20");
            assertThat(model.sourceJsonProperty().get()).isEqualTo(shown);
            assertThat(json(model, "dataset_metadata")).contains("\"owner\"");
            assertThat(model.mappings()).extracting(MappingRow::field).contains("owner");
            assertThat(f.session.plan().name()).isEqualTo("split-user-data");

            // a misspelt source field reads as a plan, and the preview says no record has it
            editor.edit(editor.text().replace("filename: { from: filename }", "filename: { from: filenam }"));
            f.executor.tick();
            assertThat(model.warnings()).anySatisfy(w -> assertThat(w).contains("filenam").contains("filename"));

            // a text with an error leaves the preview as it was
            editor.edit(editor.text().replace("source: { collection", "sauce: { collection"));
            f.executor.tick();
            assertThat(model.lintErrors()).isNotEmpty();
            assertThat(json(model, "dataset_metadata")).contains("\"owner\"");
        }
    }

    @Test
    void aFieldPickedFromTheSampleBecomesARuleAndShowsInThePreview(@TempDir Path dir) {
        try (ConsoleFixture f = new ConsoleFixture(20)) {
            PlanViewModel model = model(f, dir);
            assertThat(model.ruleTargets()).containsExactly("dataset_metadata", "transformation_configs");
            SourceField statistics = model.sourceFields().stream().filter(s -> s.name().equals("file_path"))
                    .findFirst().orElseThrow();
            model.addRule("dataset_metadata", statistics, "stored_at");
            assertThat(model.editor().text()).contains("      stored_at: { from: file_path }\n");
            f.executor.tick();
            assertThat(json(model, "dataset_metadata")).contains("\"stored_at\"");

            SourceField nested = model.sourceFields().stream().filter(s -> s.name().equals("data_schema"))
                    .findFirst().orElseThrow().children().get(0).children().stream()
                    .filter(s -> s.name().equals("name")).findFirst().orElseThrow();
            assertThat(nested.path()).isEqualTo("data_schema.0.name");
            model.addRule("transformation_configs", nested, " ");
            assertThat(model.editor().text()).contains("      name: { from: data_schema.0.name }\n");

            model.addRule(null, nested, "x");
            assertThat(model.messageProperty().get()).contains("Choose the target");
        }
    }

    private static String json(PlanViewModel model, String target) {
        return model.targets().stream().filter(t -> t.collection().equals(target)).findFirst().orElseThrow().json();
    }
}
