package dev.ferry.engine.postgres;

import dev.ferry.store.Secrets;
import dev.ferry.store.postgres.MigrationLogTable;
import dev.ferry.store.postgres.ServerMessage;
import java.sql.SQLException;

/** Wraps one runbook operation in its migration_log row: running, then completed or failed with the reason. */
public final class OperationLog {

    public interface Operation<T> {
        T run() throws SQLException;
    }

    private final MigrationLogTable log;
    private final String plan;

    public OperationLog(MigrationLogTable log, String plan) {
        this.log = log;
        this.plan = plan;
    }

    /** {@code ok} decides between completed and failed for an operation that returns a verdict instead of throwing. */
    public <T> T record(String operation, String runId, Operation<T> work, java.util.function.Function<T, String> summary,
                 java.util.function.Predicate<T> ok) throws SQLException {
        return recordStatus(operation, runId, work, summary, r -> ok.test(r) ? "completed" : "failed");
    }

    /** {@code status}: completed, failed, or paused for a run stopped between batches (it resumes). */
    public <T> T recordStatus(String operation, String runId, Operation<T> work, java.util.function.Function<T, String> summary,
                       java.util.function.Function<T, String> status) throws SQLException {
        long id = log.start(operation, plan, runId);
        try {
            T result = work.run();
            log.finish(id, status.apply(result), Secrets.redact(summary.apply(result)));
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                log.finish(id, "failed", Secrets.redact(e instanceof SQLException sql ? ServerMessage.of(sql)
                        : String.valueOf(e.getMessage())));
            } catch (SQLException lost) { // the connection went with the failure: the first error says why
                e.addSuppressed(lost);
            }
            throw e;
        }
    }
}
