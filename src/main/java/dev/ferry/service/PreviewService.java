package dev.ferry.service;

import dev.ferry.engine.PreviewReport;
import java.util.function.Consumer;

/** Reads a few source records and maps them with the session's plan, writing nothing. */
public final class PreviewService {

    private final TaskExecutor executor;
    private final Session session;

    public PreviewService(TaskExecutor executor, Session session) {
        this.executor = executor;
        this.session = session;
    }

    public void preview(int samples, Consumer<PreviewReport> done, Consumer<String> failed) {
        if (session.engine() == null || session.plan() == null) {
            failed.accept(session.engine() == null ? "Connect to a database first (Connections)."
                    : "Open a plan first.");
            return;
        }
        var plan = session.plan();
        executor.execute(BackgroundTask.of("preview", () -> session.engine().preview(plan, samples))
                .onSuccess(done)
                .onFailure(error -> {
                    String reason = Failures.describe("The preview", error);
                    session.error("preview", reason);
                    failed.accept(reason);
                }));
    }
}
