package dev.ferry.service;

import dev.ferry.FerryException;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.MigrationPlans;
import dev.ferry.plan.PlanError;
import dev.ferry.plan.PlanException;
import dev.ferry.plan.RuleInsertion;
import dev.ferry.plan.UnsavedPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The plan editor's work off the UI thread: reading a plan's text, reading edited text as the plan it would be,
 * saving it (then the session takes the saved plan), and keeping crash-safe drafts of it.
 */
public final class PlanTextService {

    /** A document read, with the draft of it found from an earlier session, if any. */
    public record Loaded(PlanDocument document, Optional<PlanDrafts.Draft> draft) { }

    /** Edited text read as a plan: the plan when it has no errors, else the errors at their lines. */
    public record Linted(String text, MigrationPlan plan, List<PlanError> errors) { }

    /** The document as saved, and the plan the saved file is (null when it has errors, listed). */
    public record Saved(PlanDocument document, MigrationPlan plan, List<PlanError> errors) { }

    private final TaskExecutor executor;
    private final Session session;
    private final RecentPlans recent;
    private final PlanDrafts drafts;

    public PlanTextService(TaskExecutor executor, Session session, RecentPlans recent, PlanDrafts drafts) {
        this.executor = executor;
        this.session = session;
        this.recent = recent;
        this.drafts = drafts;
    }

    public PlanDrafts drafts() {
        return drafts;
    }

    /** Reads the text of {@code plan}: its file, or the built-in plan's own text. */
    public void load(MigrationPlan plan, Consumer<Loaded> done, Consumer<String> failed) {
        executor.execute(BackgroundTask.of("read plan text", () -> withDraft(documentOf(plan)))
                .onSuccess(done).onFailure(error -> failed.accept(describe(error, plan.file()))));
    }

    /** Reads {@code file}'s text (a plan that did not load, to be fixed in the editor). */
    public void load(Path file, Consumer<Loaded> done, Consumer<String> failed) {
        executor.execute(BackgroundTask.of("read plan text", () -> withDraft(read(file)))
                .onSuccess(done).onFailure(error -> failed.accept(describe(error, file))));
    }

    /** Reads {@code text} as the plan it would be if {@code doc} held it. */
    public void lint(PlanDocument doc, String text, Consumer<Linted> done) {
        executor.execute(BackgroundTask.of("lint plan text", () -> {
            try {
                return new Linted(text, UnsavedPlan.read(text, doc.location()), List.of());
            } catch (PlanException e) {
                return new Linted(text, null, e.errors());
            }
        }).onSuccess(done).onFailure(error -> done.accept(new Linted(text, null, List.of(new PlanError(
                doc.location().toString(), 0, 0, "", Failures.describe("Reading the plan text", error)))))));
    }

    /**
     * Writes {@code text} to {@code target} as {@code doc}'s file writes it (line ends, byte-order mark), replacing the
     * file in one move, and drops the draft; refused when {@code target} is {@code doc}'s file and it changed on disk
     * since it was read. Then the session takes the saved plan, unless it has errors or a run is using the open one.
     * {@code version} is the edit saved: a draft of a later edit is kept, an older one is not.
     */
    public void save(PlanDocument doc, Path target, String text, long version, Consumer<Saved> done,
            Consumer<String> failed) {
        executor.execute(BackgroundTask.of("save plan", () -> {
            if (target.equals(doc.file()) && Files.exists(target)
                    && !PlanDocument.hash(Files.readAllBytes(target)).equals(doc.diskHash())) {
                throw new FerryException(target + " changed on disk since it was opened; Save as… another"
                        + " file to keep both, or Revert to load what is on disk");
            }
            AtomicWrite.replace(target, doc.bytes(text));
            PlanDocument saved = doc.savedAs(target, text);
            drafts.drop(doc, version);
            if (!target.equals(doc.file())) {
                drafts.drop(saved, version);
            }
            try {
                return new Saved(saved, MigrationPlans.load(target), List.of());
            } catch (PlanException e) {
                return new Saved(saved, null, e.errors());
            }
        }).onSuccess(saved -> {
            recent.add(target);
            done.accept(saved); // first: the editor knows its new document before the session announces the plan
            if (saved.plan() != null && !session.state().busy()) {
                session.planOpened(saved.plan());
            }
            session.info("plan", "Saved " + target + (saved.plan() == null ? " with " + saved.errors().size()
                    + " error(s)" : ""));
        }).onFailure(error -> {
            String reason = Failures.describe("Saving " + target, error);
            session.error("plan", reason);
            failed.accept(reason);
        }));
    }

    /** The edit that adds a rule copying {@code from} into {@code field} of {@code target}, worked out off the UI thread. */
    public void addRule(PlanDocument doc, String text, String target, String field, String from,
            Consumer<RuleInsertion.Edit> done, Consumer<String> failed) {
        executor.execute(BackgroundTask.of("add a rule", () -> RuleInsertion.addRule(text, doc.location().toString(),
                target, field, from)).onSuccess(done).onFailure(error -> failed.accept(error instanceof PlanException p
                ? "Cannot add the rule: " + p.errors().get(0).render() : Failures.describe("Adding the rule", error))));
    }

    /** Keeps {@code text} as the crash-safe draft of {@code doc} (version: a later keep or drop wins). */
    public void keepDraft(PlanDocument doc, String text, long version) {
        executor.execute(BackgroundTask.<Void>of("keep plan draft", () -> {
            drafts.keep(doc, text, version);
            return null;
        }).onFailure(error -> session.warn("plan", Failures.describe("Keeping a draft of " + doc.name(), error))));
    }

    public void dropDraft(PlanDocument doc, long version) {
        executor.execute(BackgroundTask.<Void>of("drop plan draft", () -> {
            drafts.drop(doc, version);
            return null;
        }).onFailure(error -> session.warn("plan", Failures.describe("Dropping the draft of " + doc.name(), error))));
    }

    private Loaded withDraft(PlanDocument doc) {
        return new Loaded(doc, drafts.find(doc).filter(d -> !d.text().equals(doc.text())));
    }

    private static PlanDocument documentOf(MigrationPlan plan) throws IOException {
        Path file = plan.file();
        if (file != null && Files.isRegularFile(file)) {
            return read(file);
        }
        PlanDocument builtIn = PlanDocument.ofBuiltInPlan();
        if (builtIn.diskHash().equals(plan.hash())) {
            return builtIn;
        }
        throw new NoSuchFileException(String.valueOf(file));
    }

    private static PlanDocument read(Path file) throws IOException {
        return PlanDocument.of(file, Files.readAllBytes(file)).orElseThrow(() -> new FerryException(file
                + " is not valid UTF-8 text, so the editor cannot change it safely; save it as UTF-8 and open it"
                + " again"));
    }

    private static String describe(Throwable error, Path file) {
        if (error instanceof NoSuchFileException) {
            return "The plan's file " + file + " is gone, so its text cannot be shown; open the plan again.";
        }
        return Failures.describe("Reading the plan " + file, error);
    }
}
