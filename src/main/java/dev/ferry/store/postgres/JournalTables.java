package dev.ferry.store.postgres;

/**
 * Where a PostgreSQL operation journal's tables are: Ferry's own schema {@code ferry} since tables are keyed by schema
 * and name, or an older version's {@code ferry_pg_*} tables in a plan's schema (read, then moved into {@code ferry}).
 *
 * @param legacy true for the older layout: batches and tables keyed by bare table name, columns added over releases
 */
public record JournalTables(String schema, String runs, String batches, String tables, boolean legacy) {

    /** Ferry's own schema in a PostgreSQL database; the split journal keeps its tables there too. */
    public static final String FERRY_SCHEMA = "ferry";
    public static final JournalTables FERRY = new JournalTables(FERRY_SCHEMA, "operation_runs", "operation_batches",
            "operation_tables", false);
    /** The runs table's name in the older layout, as it sits in a plan's schema. */
    public static final String LEGACY_RUNS = "ferry_pg_runs";

    public static JournalTables legacy(String schema) {
        return new JournalTables(schema, LEGACY_RUNS, "ferry_pg_batches", "ferry_pg_tables", true);
    }

    String qualifiedRuns() {
        return SqlNames.qualified(schema, runs);
    }

    String qualifiedBatches() {
        return SqlNames.qualified(schema, batches);
    }

    String qualifiedTables() {
        return SqlNames.qualified(schema, tables);
    }

    /** {@code ferry.operation_runs}, for messages. */
    public String runsDisplay() {
        return schema + "." + runs;
    }
}
