package dev.ferry.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code kind: uuid-key-conversion}: turn a varchar key column holding UUID strings into {@code uuid}, with every
 * foreign key that references it (found from the catalog at run time, not listed in the plan).
 *
 * @param batchSize       rows copied per committed batch into the shadow tables
 * @param backupSchema    where the original tables go at the swap (they are the backup)
 * @param lockTimeoutMs   the swap's {@code lock_timeout}: it gives up rather than queue behind long transactions
 * @param maxListedRows   bad rows listed per problem (the count is always given)
 * @param retry           how long an operation waits for the database before it pauses ({@code retry:})
 * @param also            columns that hold the key's values without a foreign key ({@code also:}), converted in the
 *                        same swap
 */
public record UuidKeyPlan(String name, Path file, String hash, String schema, String table, String column,
                          int batchSize, String backupSchema, long lockTimeoutMs, int maxListedRows, RetrySpec retry,
                          List<ColumnRef> also) implements PostgresPlan {

    public UuidKeyPlan {
        retry = retry == null ? RetrySpec.none() : retry;
        also = also == null ? List.of() : List.copyOf(also);
    }

    /** A column named in {@code also:} as {@code table.column} (in the plan's schema) or {@code schema.table.column}. */
    public record ColumnRef(String schema, String table, String column) {
        @Override
        public String toString() {
            return schema + "." + table + "." + column;
        }
    }

    public static final String KIND = "uuid-key-conversion";
    public static final int DEFAULT_BATCH = 50_000;
    public static final String DEFAULT_BACKUP_SCHEMA = "migration_backup";

    @Override
    public PlanKind kind() {
        return PlanKind.UUID_KEY_CONVERSION;
    }

    @Override
    public String subject() {
        return schema + "." + table + "." + column;
    }

    @Override
    public String summary() {
        return subject() + " varchar → uuid with every foreign key that references it"
                + (also.isEmpty() ? "" : " and " + also) + " · backup in " + backupSchema
                + " · batches of " + batchSize;
    }

    @Override
    public UuidKeyPlan withBatchSize(int size) {
        return new UuidKeyPlan(name, file, hash, schema, table, column, size, backupSchema, lockTimeoutMs,
                maxListedRows, retry, also);
    }
}
