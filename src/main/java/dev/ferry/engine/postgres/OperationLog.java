package dev.ferry.engine.postgres;

import dev.ferry.store.Secrets;
import dev.ferry.store.postgres.MigrationLogTable;
import java.sql.SQLException;

/** Wraps one runbook operation in its migration_log row: running, then completed or failed with the reason. */
final class OperationLog {

    interface Operation<T> {
        T run() throws SQLException;
    }

    private final MigrationLogTable log;
    private final String plan;

    OperationLog(MigrationLogTable log, String plan) {
        this.log = log;
        this.plan = plan;
    }

    /** {@code ok} decides between completed and failed for an operation that returns a verdict instead of throwing. */
    <T> T record(String operation, String runId, Operation<T> work, java.util.function.Function<T, String> summary,
                 java.util.function.Predicate<T> ok) throws SQLException {
        long id = log.start(operation, plan, runId);
        try {
            T result = work.run();
            log.finish(id, ok.test(result) ? "completed" : "failed", Secrets.redact(summary.apply(result)));
            return result;
        } catch (SQLException | RuntimeException e) {
            log.finish(id, "failed", Secrets.redact(String.valueOf(e.getMessage())));
            throw e;
        }
    }
}
