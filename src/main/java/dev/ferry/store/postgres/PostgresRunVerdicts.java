package dev.ferry.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The latest validation verdict of each run, in columns of the journal's runs table. An older journal in a plan's
 * schema may predate them: read in place it has no verdicts; moved into schema {@code ferry} it keeps those it had.
 */
public final class PostgresRunVerdicts {

    static final String VALIDATED_AT = "validated_at";
    /** The columns as {@code CREATE TABLE} takes them. */
    static final String[] COLUMNS = {VALIDATED_AT + " timestamptz", "validation_passed integer",
            "validation_mismatched integer", "validation_cannot_check integer", "validation_summary text"};

    private final Connection connection;
    private final JournalTables at;
    /** Whether the runs table has the verdict columns; null until looked up. */
    private Boolean present;

    /** The verdicts in the journal in schema {@code ferry}. */
    public PostgresRunVerdicts(Connection connection) {
        this(connection, JournalTables.FERRY);
    }

    public PostgresRunVerdicts(Connection connection, JournalTables at) {
        this.connection = connection;
        this.at = at;
    }

    /** Replaces the run's verdict; leaves {@code updated_at} alone (History shows it as when the run ended). */
    public void record(String runId, Instant at, int passed, int mismatched, int cannotCheck, String summary)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE " + this.at.qualifiedRuns() + " SET "
                + VALIDATED_AT + " = ?, validation_passed = ?, validation_mismatched = ?, validation_cannot_check = ?,"
                + " validation_summary = ? WHERE run_id = ?")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setInt(2, passed);
            s.setInt(3, mismatched);
            s.setInt(4, cannotCheck);
            s.setString(5, summary);
            s.setString(6, runId);
            s.executeUpdate();
        }
    }

    /** The run's verdict; empty when it was never validated or the journal predates verdicts. */
    public Optional<Verdict> of(String runId) throws SQLException {
        if (!present()) {
            return Optional.empty();
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT " + VALIDATED_AT + ", validation_passed,"
                + " validation_mismatched, validation_cannot_check, validation_summary FROM " + at.qualifiedRuns()
                + " WHERE run_id = ? AND " + VALIDATED_AT + " IS NOT NULL")) {
            s.setString(1, runId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Verdict(r.getTimestamp(1).toInstant(), r.getInt(2), r.getInt(3),
                        r.getInt(4), r.getString(5))) : Optional.empty();
            }
        }
    }

    private boolean present() throws SQLException {
        if (present == null) {
            present = PostgresJournal.hasColumn(connection, at, VALIDATED_AT);
        }
        return present;
    }

    /** One run's verdict as the journal keeps it: check counts by status and the one-line summary. */
    public record Verdict(Instant at, int passed, int mismatched, int cannotCheck, String summary) { }
}
