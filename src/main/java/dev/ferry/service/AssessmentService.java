package dev.ferry.service;

import dev.ferry.engine.AssessReport;
import java.util.function.Consumer;

/** Analyses the connected database in the background: counts, sizes and a sampled field inventory. Reads only. */
public final class AssessmentService {

    private final TaskExecutor executor;
    private final Session session;

    public AssessmentService(TaskExecutor executor, Session session) {
        this.executor = executor;
        this.session = session;
    }

    public void assess(int sampleSize, Consumer<AssessReport> done, Consumer<String> failed) {
        if (session.engine() == null) {
            failed.accept("Connect to a database first (Connections).");
            return;
        }
        executor.execute(BackgroundTask.of("assessment", () -> session.engine().assess(sampleSize))
                .onSuccess(report -> {
                    session.info("assessment", "Analysed " + report.collections().size() + " collections of "
                            + report.database());
                    done.accept(report);
                })
                .onFailure(error -> {
                    String reason = Failures.describe("The assessment", error);
                    session.error("assessment", reason);
                    failed.accept(reason);
                }));
    }
}
