package dev.ferry.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code kind: postgres-operations} (runbook 003): add columns and indexes (with their down), backfill a column from
 * an SQL expression in keyset batches, incrementally for rows created since a time, and validate the result.
 * Expressions and filters are SQL written by the plan's author, like a migration script; names are always quoted.
 * {@code retry} says how long an operation waits for the database before it pauses.
 */
public record ColumnBackfillPlan(String name, Path file, String hash, String schema, String table,
                                 List<NewColumn> addColumns, List<NewIndex> indexes, Backfill backfill,
                                 String createdAtColumn, Checks validation, RetrySpec retry) implements PostgresPlan {

    public static final String KIND = "postgres-operations";

    public ColumnBackfillPlan {
        addColumns = List.copyOf(addColumns);
        indexes = List.copyOf(indexes);
        retry = retry == null ? RetrySpec.none() : retry;
    }

    @Override
    public PlanKind kind() {
        return PlanKind.COLUMN_BACKFILL;
    }

    @Override
    public String subject() {
        return schema + "." + table;
    }

    @Override
    public int batchSize() {
        return backfill == null ? 0 : backfill.batchSize();
    }

    @Override
    public String summary() {
        List<String> parts = new java.util.ArrayList<>();
        if (!addColumns.isEmpty()) {
            parts.add("add " + addColumns.stream().map(NewColumn::name).collect(java.util.stream.Collectors.joining(", ")));
        }
        if (!indexes.isEmpty()) {
            parts.add(indexes.size() + (indexes.size() == 1 ? " index" : " indexes"));
        }
        if (backfill != null) {
            parts.add("backfill " + backfill.column() + " · batches of " + backfill.batchSize());
        }
        return subject() + (parts.isEmpty() ? "" : ": " + String.join(" · ", parts));
    }

    /** The backfill in batches of {@code size} rows; a plan without a backfill stays as it is. */
    @Override
    public ColumnBackfillPlan withBatchSize(int size) {
        return backfill == null ? this : new ColumnBackfillPlan(name, file, hash, schema, table, addColumns, indexes,
                new Backfill(backfill.column(), backfill.expression(), backfill.filter(), size), createdAtColumn,
                validation, retry);
    }

    /** {@code type} is an SQL type name, checked against the server's catalog before use. */
    public record NewColumn(String name, String type) { }

    public record NewIndex(String name, List<String> columns) {
        public NewIndex {
            columns = List.copyOf(columns);
        }
    }

    /** {@code SET column = expression WHERE filter} (filter may be null: every row), {@code batchSize} rows a batch. */
    public record Backfill(String column, String expression, String filter, int batchSize) { }

    /** What "migrated" and "invalid" mean, as SQL conditions on a row; either may be null. */
    public record Checks(String migratedWhen, String invalidWhen) { }
}
