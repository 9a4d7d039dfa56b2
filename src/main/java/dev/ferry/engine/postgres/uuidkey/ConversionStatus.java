package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.store.postgres.MigrationLogTable;
import java.time.Instant;
import java.util.List;

/**
 * status: where the plan's newest run stands (null fields when there is none) and the newest migration_log rows.
 *
 * @param rowsCopied rows committed to the shadows so far; {@code rowsTotal} counted at backup_data
 */
public record ConversionStatus(String plan, String runId, String step, String state, long rowsCopied, long rowsTotal,
                               Instant startedAt, Instant updatedAt, String message,
                               List<MigrationLogTable.Entry> log) {
    public ConversionStatus {
        log = List.copyOf(log);
    }
}
