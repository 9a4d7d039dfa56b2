package dev.ferry.plan;

import java.nio.file.Path;

/**
 * {@code kind: uuid-key-conversion}: turn a varchar key column holding UUID strings into {@code uuid}, with every
 * foreign key that references it (found from the catalog at run time, not listed in the plan).
 *
 * @param batchSize       rows copied per committed batch into the shadow tables
 * @param backupSchema    where the original tables go at the swap (they are the backup)
 * @param lockTimeoutMs   the swap's {@code lock_timeout}: it gives up rather than queue behind long transactions
 * @param maxListedRows   bad rows listed per problem (the count is always given)
 * @param retry           how long an operation waits for the database before it pauses ({@code retry:})
 */
public record UuidKeyPlan(String name, Path file, String hash, String schema, String table, String column,
                          int batchSize, String backupSchema, long lockTimeoutMs, int maxListedRows, RetrySpec retry)
        implements PostgresPlan {

    public UuidKeyPlan {
        retry = retry == null ? RetrySpec.none() : retry;
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
        return subject() + " varchar → uuid with every foreign key that references it · backup in " + backupSchema
                + " · batches of " + batchSize;
    }

    @Override
    public UuidKeyPlan withBatchSize(int size) {
        return new UuidKeyPlan(name, file, hash, schema, table, column, size, backupSchema, lockTimeoutMs,
                maxListedRows, retry);
    }
}
