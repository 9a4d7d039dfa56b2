package dev.ferry.engine.postgres;

import dev.ferry.engine.RunState;
import dev.ferry.engine.RunSummary;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.Secrets;
import dev.ferry.store.postgres.JournalTables;
import dev.ferry.store.postgres.PostgresJournal;
import dev.ferry.store.postgres.PostgresRunVerdicts;
import dev.ferry.store.postgres.PostgresStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The runs of PostgreSQL operation plans, newest first: Ferry's journal in schema {@code ferry}, and any journal an
 * older version kept in a plan's schema, read in place (it moves into {@code ferry} when that plan's operations next
 * open it). A run journalled as running whose plan lock nobody holds shows as interrupted (its process died); it
 * resumes with the next run.
 */
public final class PostgresRunHistory {

    private final PostgresStore store;

    public PostgresRunHistory(PostgresStore store) {
        this.store = store;
    }

    public List<RunSummary> list(String plan) throws SQLException {
        List<RunSummary> out = new ArrayList<>();
        List<PostgresJournal> journals = new ArrayList<>();
        journals.add(new PostgresJournal(store.connection(), null));
        for (String schema : olderJournalSchemas()) {
            journals.add(PostgresJournal.olderLayoutIn(store.connection(), schema));
        }
        for (PostgresJournal journal : journals) {
            PostgresRunVerdicts verdicts = new PostgresRunVerdicts(store.connection(), journal.tables());
            for (PostgresJournal.RunRow r : journal.runs(plan)) {
                out.add(summary(r, journal, verdicts));
            }
        }
        out.sort(Comparator.comparing(RunSummary::startedAt).reversed());
        return out;
    }

    /** The journal's state in words as a run state; a running run nobody holds the lock of was interrupted. */
    public static RunState state(PostgresJournal.RunRow run, PostgresJournal journal) throws SQLException {
        return switch (run.state()) {
            case "completed" -> RunState.COMPLETED;
            case "paused" -> RunState.PAUSED;
            case "failed" -> RunState.FAILED;
            case "rolled_back" -> RunState.ROLLED_BACK;
            case "cancelled" -> RunState.CANCELLED;
            default -> lockFree(run.plan(), journal) ? RunState.INTERRUPTED : RunState.RUNNING;
        };
    }

    private static RunSummary summary(PostgresJournal.RunRow r, PostgresJournal journal, PostgresRunVerdicts verdicts)
            throws SQLException {
        RunState state = state(r, journal);
        long done = journal.batches().rowsDone(r.runId());
        long total = journal.batches().rowsBefore(r.runId());
        String message = (r.kind().equals(UuidKeyPlan.KIND) ? "step " + r.step().toLowerCase() : r.step())
                + (r.message() == null || r.message().isBlank() ? "" : ": " + Secrets.redact(r.message()));
        boolean ended = state != RunState.RUNNING && state != RunState.INTERRUPTED;
        return new RunSummary(r.runId(), r.plan(), r.planHash(), state, r.owner(), null, r.startedAt(),
                ended ? r.updatedAt() : null, done, total > 0 ? total : done, 0, Map.of(),
                state == RunState.RUNNING ? "another Ferry session (holds the plan's lock)" : null, message,
                JournalledVerdicts.read(verdicts, r.runId()), false); // a runbook operation quarantines nothing
    }

    /** Every schema holding a journal of an older version (it kept one in each plan's schema). */
    private List<String> olderJournalSchemas() throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (PreparedStatement s = store.connection().prepareStatement(
                "SELECT schemaname FROM pg_tables WHERE tablename = ? ORDER BY schemaname")) {
            s.setString(1, JournalTables.LEGACY_RUNS);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    schemas.add(r.getString(1));
                }
            }
        }
        return schemas;
    }

    private static boolean lockFree(String plan, PostgresJournal journal) throws SQLException {
        if (journal.tryLease(plan)) {
            journal.releaseLease(plan);
            return true;
        }
        return false;
    }
}
