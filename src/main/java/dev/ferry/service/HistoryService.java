package dev.ferry.service;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.report.MessageTemplates;
import dev.ferry.report.MessageValues;
import dev.ferry.report.ReportFiles;
import dev.ferry.report.RunMessage;
import dev.ferry.report.ReportFormat;
import java.nio.file.Path;
import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every run the database's journal records, newest first, read in the background. A run of the open plan that was
 * left unfinished (paused, cancelled, or its process died) puts a fresh session into that state, so it can be
 * resumed or rolled back after the console restarts.
 */
public final class HistoryService {

    private final TaskExecutor executor;
    private final Session session;

    public HistoryService(TaskExecutor executor, Session session) {
        this.executor = executor;
        this.session = session;
    }

    public void load(Consumer<List<RunSummary>> done, Consumer<String> failed) {
        if (session.engine() == null) {
            failed.accept("Connect to a database first (Connections)");
            return;
        }
        executor.execute(BackgroundTask.of("history", () -> session.engine().history(null))
                .onSuccess(runs -> {
                    adoptUnfinished(runs);
                    done.accept(runs);
                })
                .onFailure(error -> {
                    String reason = Failures.describe("Reading the run history", error);
                    session.error("history", reason);
                    failed.accept(reason);
                }));
    }

    /** Writes the report of run {@code runId} of the open plan to {@code file}; its digest goes to the journal. */
    public void report(String runId, ReportFormat format, Path file, Consumer<ReportFiles.Written> done,
                       Consumer<String> failed) {
        MigrationPlan plan = session.plan();
        if (session.engine() == null || plan == null) {
            failed.accept("Connect to a database and open the run's plan first");
            return;
        }
        executor.execute(BackgroundTask.of("report", () -> ReportFiles.write(session.engine(), plan, runId, format,
                        file))
                .onSuccess(written -> {
                    session.info("history", "Report of run " + runId + " written to " + written.file() + " (SHA-256 "
                            + written.digest().digest() + ")");
                    done.accept(written);
                })
                .onFailure(error -> {
                    String reason = Failures.describe("Writing the report", error);
                    session.error("history", reason);
                    failed.accept(reason);
                }));
    }

    /** Fills one of the runbook's messages for run {@code runId} (null: the latest) of the open plan. */
    public void message(RunMessage message, String runId, Consumer<String> done, Consumer<String> failed) {
        MigrationPlan plan = session.plan();
        if (session.engine() == null || plan == null) {
            failed.accept("Connect to a database and open the run's plan first");
            return;
        }
        MessageTemplates templates = new MessageTemplates(MessageTemplates.defaultFolder());
        executor.execute(BackgroundTask.of("message", () -> MessageTemplates.fill(templates.template(message),
                        MessageValues.of(message, session.engine(), plan, runId)))
                .onSuccess(done)
                .onFailure(error -> failed.accept(Failures.describe("Filling the message", error))));
    }

    private void adoptUnfinished(List<RunSummary> runs) {
        if (session.plan() == null) {
            return;
        }
        ConsoleState now = session.state();
        if (now != ConsoleState.DRAFT && now != ConsoleState.READY) {
            return;
        }
        runs.stream().filter(r -> r.plan().equals(session.plan().name())).findFirst()
                .filter(r -> r.planHash() == null || r.planHash().equals(session.plan().hash()))
                .filter(r -> r.state().resumable() && r.state() != RunState.RUNNING)
                .ifPresent(r -> {
                    session.moveTo(r.state() == RunState.PAUSED ? ConsoleState.PAUSED : ConsoleState.INTERRUPTED);
                    session.info("history", "Run " + r.runId() + " of " + r.plan() + " is " + r.state().label()
                            + " at " + r.processed() + "/" + r.total() + ": it can be resumed or rolled back");
                });
    }
}
