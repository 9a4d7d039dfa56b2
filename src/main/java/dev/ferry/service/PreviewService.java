package dev.ferry.service;

import dev.ferry.engine.PreviewReport;
import dev.ferry.plan.MigrationPlan;
import java.util.function.Consumer;

/** Reads a few source records and maps them with a plan (the session's, or the editor's unsaved one), writing nothing. */
public final class PreviewService {

    private final TaskExecutor executor;
    private final Session session;

    public PreviewService(TaskExecutor executor, Session session) {
        this.executor = executor;
        this.session = session;
    }

    public void preview(int samples, Consumer<PreviewReport> done, Consumer<String> failed) {
        preview(session.plan(), samples, done, failed);
    }

    /** Previews {@code plan}, which need not be the session's (the editor's text as it is now, not yet saved). */
    public void preview(MigrationPlan plan, int samples, Consumer<PreviewReport> done, Consumer<String> failed) {
        if (session.engine() == null || plan == null) {
            failed.accept(session.engine() == null ? "Connect to a database first (Connections)."
                    : "Open a plan first.");
            return;
        }
        executor.execute(BackgroundTask.of("preview", () -> session.engine().preview(plan, samples))
                .onSuccess(done)
                .onFailure(error -> {
                    String reason = Failures.describe("The preview", error);
                    session.error("preview", reason);
                    failed.accept(reason);
                }));
    }
}
