package dev.ferry.engine.postgres;

import dev.ferry.engine.ValidationReport;
import dev.ferry.engine.ValidationVerdict;
import dev.ferry.store.postgres.PostgresRunVerdicts;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** A validation's verdict, journalled on the run it validated in {@code ferry.operation_runs}, read back for History. */
public final class JournalledVerdicts {

    private JournalledVerdicts() {
    }

    /** Records {@code report}'s verdict, finished now, on the run {@code runId} of Ferry's journal. */
    public static void record(Connection connection, String runId, ValidationReport report) throws SQLException {
        ValidationVerdict v = ValidationVerdict.of(report, Instant.now());
        new PostgresRunVerdicts(connection).record(runId, v.at(), v.passed(), v.mismatched(), v.cannotCheck(),
                v.summary());
    }

    /** The run's verdict, or null when it was never validated (or its journal predates verdicts). */
    public static ValidationVerdict read(PostgresRunVerdicts verdicts, String runId) throws SQLException {
        return verdicts.of(runId).map(v -> new ValidationVerdict(v.at(), v.passed(), v.mismatched(), v.cannotCheck(),
                v.summary())).orElse(null);
    }
}
