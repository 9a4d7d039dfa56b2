package dev.ferry.ui.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.BundledPlan;
import dev.ferry.plan.PlanError;
import dev.ferry.service.ConsoleState;
import dev.ferry.service.PlanDrafts;
import dev.ferry.service.PlanService;
import dev.ferry.service.PlanTextService;
import dev.ferry.service.RecentPlans;
import dev.ferry.testing.ConsoleFixture;
import dev.ferry.ui.shell.MainWindowViewModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan editor's view model without a window: the immediate executor, a clock the test moves, real files. */
class PlanEditorViewModelTest {

    private static final String RULE = "      user_id: { from: user_id }                          # DM: user_id → user_id,"
            + " direct copy";

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000_000);

    private PlanEditorViewModel editor(ConsoleFixture f) {
        return new PlanEditorViewModel(f.session, texts(f), f.executor, clock::get);
    }

    private PlanTextService texts(ConsoleFixture f) {
        return new PlanTextService(f.executor, f.session, new RecentPlans(dir.resolve("recent.txt")), drafts());
    }

    private PlanDrafts drafts() {
        return new PlanDrafts(dir.resolve("drafts"));
    }

    /** The built-in plan copied to a file of the test's, opened as a person would. */
    private Path openCopy(ConsoleFixture f, String text) throws Exception {
        Path file = dir.resolve("split.yaml");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        new PlanService(f.executor, f.session, new RecentPlans(dir.resolve("recent.txt"))).open(file, e -> {
            throw new AssertionError(e.getMessage());
        });
        return file;
    }

    private static int lineOf(String text, String needle) {
        String before = text.substring(0, text.indexOf(needle));
        return (int) before.chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void showsTheOpenPlansTextReadsItAsAPlanAndCallsTheBuiltInOneWhatItIs() {
        try (ConsoleFixture f = new ConsoleFixture(0)) {
            PlanEditorViewModel editor = editor(f);
            assertThat(editor.text()).isEqualTo(BundledPlan.text());
            assertThat(editor.dirtyProperty().get()).isFalse();
            assertThat(editor.errors()).isEmpty();
            assertThat(editor.planProperty().get().name()).isEqualTo("split-user-data");
            assertThat(editor.hasFile()).isFalse();
            assertThat(editor.status().get()).contains("built-in plan");
            assertThat(editor.editable().get()).isTrue();

            editor.edit(editor.text() + "# mine\n");
            editor.save();
            assertThat(editor.messageProperty().get()).contains("Save as");
            assertThat(editor.dirtyProperty().get()).isTrue();
        }
    }

    @Test
    void lintErrorsComeAtTheirLinesOnceTypingPausesAndTheFixGivesANewPlan() throws Exception {
        try (ConsoleFixture f = new ConsoleFixture(0)) {
            String text = BundledPlan.text();
            Path file = openCopy(f, text);
            PlanEditorViewModel editor = editor(f);
            assertThat(editor.documentProperty().get().file()).isEqualTo(file);
            AtomicInteger readings = new AtomicInteger();
            editor.errors().addListener((ListChangeListener<PlanError>) c -> readings.incrementAndGet());
            var planBefore = editor.planProperty().get();

            // three keystrokes' worth of changes: "from" → "form" on the user_id rule, one letter at a time
            int at = text.indexOf(RULE) + RULE.indexOf("from");
            String typo1 = text.substring(0, at) + "fo" + text.substring(at + 2);
            editor.edit(typo1);
            clock.addAndGet(100);
            editor.edit(typo1.substring(0, at + 2) + "rm" + typo1.substring(at + 4));
            clock.addAndGet(100);
            String typo = editor.text();
            assertThat(typo).contains("user_id: { form: user_id }");
            assertThat(editor.errors()).as("not read while typing").isEmpty();
            assertThat(readings).hasValue(0);

            f.executor.tick(); // the pause after typing
            assertThat(readings).as("read once, after the pause").hasValue(1);
            assertThat(editor.errors()).anySatisfy(e -> {
                assertThat(e.line()).isEqualTo(lineOf(text, RULE));
                assertThat(e.file()).isEqualTo(file.toString());
                assertThat(e.message()).contains("form").contains("from");
            });
            assertThat(editor.planProperty().get()).as("the last plan without errors stays").isSameAs(planBefore);

            editor.edit(text.replace(RULE, RULE.replace("user_id: { from: user_id }", "owner: { from: user_id }")));
            f.executor.tick();
            assertThat(editor.errors()).isEmpty();
            assertThat(editor.planProperty().get().hash()).isNotEqualTo(planBefore.hash());
            assertThat(f.session.plan().hash()).as("the session keeps the saved plan").isEqualTo(planBefore.hash());
            assertThat(editor.status().get()).contains("Unsaved").contains("saved plan");
        }
    }

    @Test
    void undoTakesBackAWordAtATimeAndRedoPutsItBack() throws Exception {
        try (ConsoleFixture f = new ConsoleFixture(0)) {
            String text = BundledPlan.text();
            openCopy(f, text);
            PlanEditorViewModel editor = editor(f);
            assertThat(editor.canUndoProperty().get()).isFalse();
            int end = text.indexOf("\n", text.indexOf("name: split-user-data"));
            for (char c : "-v2".toCharArray()) { // typed letter by letter, quickly
                String now = editor.text();
                editor.edit(now.substring(0, end) + c + now.substring(end));
                end++;
                clock.addAndGet(150);
            }
            clock.addAndGet(5_000);
            editor.edit(editor.text() + "# later\n");
            assertThat(editor.text()).contains("name: split-user-data-v2\n").endsWith("# later\n");
            assertThat(editor.dirtyProperty().get()).isTrue();

            editor.undo();
            assertThat(editor.text()).contains("name: split-user-data-v2\n").doesNotContain("# later");
            editor.undo();
            assertThat(editor.text()).isEqualTo(text);
            assertThat(editor.dirtyProperty().get()).isFalse();
            assertThat(editor.canUndoProperty().get()).isFalse();
            assertThat(editor.canRedoProperty().get()).isTrue();

            editor.redo();
            assertThat(editor.text()).contains("name: split-user-data-v2\n").doesNotContain("# later");
            editor.redo();
            assertThat(editor.text()).endsWith("# later\n");
            assertThat(editor.canRedoProperty().get()).isFalse();
            f.executor.tick();
            assertThat(editor.planProperty().get().name()).isEqualTo("split-user-data-v2");

            editor.undo();
            editor.edit(editor.text() + "# other\n");
            assertThat(editor.canRedoProperty().get()).as("a new change drops what could be redone").isFalse();
        }
    }

    @Test
    void savingWritesTheTextAsItIsCommentsLineEndsAndAllAndTheSessionTakesThePlan() throws Exception {
        try (ConsoleFixture f = new ConsoleFixture(0)) {
            String crlf = BundledPlan.text().replace("\n", "\r\n");
            Path file = dir.resolve("split.yaml");
            byte[] original = ("\uFEFF" + crlf).getBytes(StandardCharsets.UTF_8); // a Windows editor's file
            Files.write(file, original);
            new PlanService(f.executor, f.session, new RecentPlans(dir.resolve("recent.txt"))).open(file, e -> { });
            PlanEditorViewModel editor = editor(f);
            assertThat(editor.text()).doesNotContain("\r").startsWith("# Runbook 000");
            assertThat(editor.dirtyProperty().get()).isFalse();

            editor.edit(editor.text().replace("batch: { size: 1000 }", "batch: { size: 500 }"));
            f.executor.tick();
            editor.save();

            byte[] expected = new String(original, StandardCharsets.UTF_8)
                    .replace("batch: { size: 1000 }", "batch: { size: 500 }").getBytes(StandardCharsets.UTF_8);
            assertThat(Files.readAllBytes(file)).isEqualTo(expected);
            assertThat(editor.dirtyProperty().get()).isFalse();
            assertThat(editor.canUndoProperty().get()).as("saving keeps the undo history").isTrue();
            assertThat(f.session.plan().batchSize()).isEqualTo(500);
            assertThat(f.session.state()).isEqualTo(ConsoleState.DRAFT);
            assertThat(editor.messageProperty().get()).contains("Saved").contains("Dry run");
            assertThat(drafts().fileOf(editor.documentProperty().get())).doesNotExist();

            editor.undo();
            assertThat(editor.dirtyProperty().get()).isTrue();
            Files.writeString(file, "name: changed elsewhere\n"); // another editor saved meanwhile
            editor.save();
            assertThat(editor.messageProperty().get()).contains("changed on disk").contains("Save as");
            assertThat(Files.readString(file)).isEqualTo("name: changed elsewhere\n");
            assertThat(editor.dirtyProperty().get()).isTrue();
        }
    }

    @Test
    void savingDuringARunWritesTheFileAndLeavesTheRunsPlanAlone() throws Exception {
        try (ConsoleFixture f = new ConsoleFixture(0)) {
            Path file = openCopy(f, BundledPlan.text());
            var running = f.session.plan();
            f.session.moveTo(ConsoleState.RUNNING);
            PlanEditorViewModel editor = editor(f);
            editor.edit(editor.text().replace("batch: { size: 1000 }", "batch: { size: 10 }"));
            editor.save();
            assertThat(Files.readString(file)).contains("batch: { size: 10 }");
            assertThat(f.session.plan()).isSameAs(running);
            assertThat(f.session.state()).isEqualTo(ConsoleState.RUNNING);
            assertThat(editor.messageProperty().get()).contains("run in progress goes on");
            assertThat(editor.dirtyProperty().get()).isFalse();
        }
    }

    @Test
    void aTextWithErrorsIsSavedButTheSessionKeepsItsPlan() throws Exception {
        try (ConsoleFixture f = new ConsoleFixture(0)) {
            Path file = openCopy(f, BundledPlan.text());
            String hash = f.session.plan().hash();
            PlanEditorViewModel editor = editor(f);
            editor.edit(editor.text().replace("key: _id", "kee: _id"));
            editor.save();
            assertThat(Files.readString(file)).contains("kee: _id");
            assertThat(f.session.plan().hash()).isEqualTo(hash);
            assertThat(editor.messageProperty().get()).contains("error").contains("keeps the plan it had open");
        }
    }

    @Test
    void aDraftSurvivesACrashAndIsOfferedBackOnTheNextOpen() throws Exception {
        String edited;
        Path file;
        try (ConsoleFixture f = new ConsoleFixture(0)) {
            file = openCopy(f, BundledPlan.text());
            PlanEditorViewModel editor = editor(f);
            edited = editor.text().replace("batch: { size: 1000 }", "batch: { size: 250 }");
            editor.edit(edited);
            f.executor.tick();
            assertThat(drafts().fileOf(editor.documentProperty().get())).hasContent(edited);
        } // the console dies here without saving: nothing asked, nothing flushed

        try (ConsoleFixture f = new ConsoleFixture(0)) {
            new PlanService(f.executor, f.session, new RecentPlans(dir.resolve("recent.txt"))).open(file, e -> { });
            PlanEditorViewModel editor = editor(f);
            assertThat(editor.text()).isEqualTo(BundledPlan.text());
            assertThat(editor.draftProperty().get()).isNotNull();
            assertThat(editor.draftProperty().get().text()).isEqualTo(edited);
            assertThat(editor.editable().get()).as("restore or discard first").isFalse();
            assertThat(editor.status().get()).contains("draft").doesNotContain("changed on disk");

            editor.restoreDraft();
            assertThat(editor.text()).isEqualTo(edited);
            assertThat(editor.dirtyProperty().get()).isTrue();
            assertThat(editor.editable().get()).isTrue();
            editor.undo();
            assertThat(editor.text()).isEqualTo(BundledPlan.text());
            editor.redo();
            editor.save();
            assertThat(Files.readString(file)).isEqualTo(edited);
            assertThat(drafts().fileOf(editor.documentProperty().get())).doesNotExist();
        }

        try (ConsoleFixture f = new ConsoleFixture(0)) {
            new PlanService(f.executor, f.session, new RecentPlans(dir.resolve("recent.txt"))).open(file, e -> { });
            PlanEditorViewModel editor = editor(f);
            assertThat(editor.draftProperty().get()).as("saved: nothing to offer").isNull();
            editor.edit(editor.text() + "# scratch\n");
            f.executor.tick();
            assertThat(drafts().fileOf(editor.documentProperty().get())).exists();
            editor.revert();
            f.executor.tick();
            assertThat(editor.dirtyProperty().get()).isFalse();
            assertThat(drafts().fileOf(editor.documentProperty().get())).doesNotExist();
        }
    }

    @Test
    void aDiscardedDraftIsGoneAndOpeningAnotherPlanKeepsUnsavedChangesAsADraft() throws Exception {
        try (ConsoleFixture f = new ConsoleFixture(0)) {
            Path file = openCopy(f, BundledPlan.text());
            PlanEditorViewModel editor = editor(f);
            editor.edit(editor.text() + "# unsaved\n");
            var doc = editor.documentProperty().get();

            new PlanService(f.executor, f.session, new RecentPlans(dir.resolve("recent.txt"))).openBundled(e -> { });
            assertThat(editor.documentProperty().get().builtIn()).isTrue();
            assertThat(drafts().fileOf(doc)).hasContent(BundledPlan.text() + "# unsaved\n");
            assertThat(editor.messageProperty().get()).contains("kept as a draft");

            new PlanService(f.executor, f.session, new RecentPlans(dir.resolve("recent.txt"))).open(file, e -> { });
            assertThat(editor.draftProperty().get().text()).endsWith("# unsaved\n");
            editor.discardDraft();
            assertThat(editor.draftProperty().get()).isNull();
            assertThat(drafts().fileOf(doc)).doesNotExist();
            assertThat(editor.text()).isEqualTo(BundledPlan.text());
        }
    }

    @Test
    void aRuleAddedFromTheSampleIsOneUndoableChangeUnderItsTarget() throws Exception {
        try (ConsoleFixture f = new ConsoleFixture(0)) {
            String text = BundledPlan.text();
            openCopy(f, text);
            PlanEditorViewModel editor = editor(f);
            editor.addRule("transformation_configs", "source_rows", "statistics.row_count");
            assertThat(editor.text()).contains("""
                          updated_at: { from: updated_at }                    # TC: updated_at → updated_at, direct copy
                          source_rows: { from: statistics.row_count }
                    """);
            assertThat(editor.text().replace("      source_rows: { from: statistics.row_count }\n", ""))
                    .isEqualTo(text);
            assertThat(editor.messageProperty().get()).contains("Added source_rows").contains("transformation_configs");
            f.executor.tick();
            assertThat(editor.errors()).isEmpty();
            assertThat(editor.planProperty().get().hash()).isNotEqualTo(f.session.plan().hash());

            editor.addRule("transformation_configs", "source_rows", "statistics.other");
            assertThat(editor.messageProperty().get()).contains("already has a rule for 'source_rows'");
            editor.undo();
            assertThat(editor.text()).isEqualTo(text);
        }
    }

    @Test
    void closingAsksAboutUnsavedTextAndDiscardingLeavesNothingBehind() throws Exception {
        try (ConsoleFixture f = new ConsoleFixture(0)) {
            Path file = openCopy(f, BundledPlan.text());
            PlanEditorViewModel editor = editor(f);
            MainWindowViewModel shell = new MainWindowViewModel(f.session);
            shell.watch(new UnsavedPlanText(editor));
            assertThat(shell.unsavedWork()).isEmpty();

            editor.edit(editor.text() + "# one\n");
            f.executor.tick();
            assertThat(shell.unsavedWork()).get().satisfies(w ->
                    assertThat(w.unsaved()).get().asString().contains("split.yaml").contains("not saved"));
            shell.unsavedWork().orElseThrow().discard();
            f.executor.tick();
            assertThat(shell.unsavedWork()).isEmpty();
            assertThat(Files.readString(file)).isEqualTo(BundledPlan.text());
            assertThat(drafts().fileOf(editor.documentProperty().get())).doesNotExist();

            editor.edit(editor.text() + "# two\n");
            List<Boolean> saved = new ArrayList<>();
            shell.unsavedWork().orElseThrow().save(null, saved::add);
            assertThat(saved).containsExactly(true);
            assertThat(Files.readString(file)).endsWith("# two\n");
            assertThat(shell.unsavedWork()).isEmpty();
        }
    }

    @Test
    void theBuiltInPlanIsSavedAsAFileOfTheOperatorsOwn() throws Exception {
        try (ConsoleFixture f = new ConsoleFixture(0)) {
            PlanEditorViewModel editor = editor(f);
            editor.edit(editor.text().replace("name: split-user-data", "name: my-split"));
            AtomicBoolean done = new AtomicBoolean();
            Path mine = dir.resolve("mine.yaml");
            new UnsavedPlanText(editor).save(mine, done::set);
            assertThat(done).isTrue();
            assertThat(Files.readString(mine)).isEqualTo(BundledPlan.text().replace("name: split-user-data",
                    "name: my-split"));
            assertThat(editor.documentProperty().get().file()).isEqualTo(mine);
            assertThat(editor.hasFile()).isTrue();
            assertThat(f.session.plan().name()).isEqualTo("my-split");
            assertThat(f.session.plan().file()).isEqualTo(mine);
        }
    }
}
