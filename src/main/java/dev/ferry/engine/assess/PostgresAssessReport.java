package dev.ferry.engine.assess;

import dev.ferry.store.postgres.TableInfo;
import java.time.Instant;
import java.util.List;

/**
 * {@code assess} on PostgreSQL: per table its exact count and the planner's estimate, size, primary key, columns
 * with types, indexes, and the foreign keys that reference it.
 *
 * @param skipped Ferry's own tables (journal, migration_log), listed so a reader knows they were left out
 */
public record PostgresAssessReport(String database, Instant at, List<Table> tables, List<String> skipped) {

    public PostgresAssessReport {
        tables = List.copyOf(tables);
        skipped = List.copyOf(skipped);
    }

    /** @param referencedBy {@code journal_entries.user_id → id (journal_entries_user_id_fkey)} */
    public record Table(String schema, String name, long rows, long estimate, long bytes, List<String> primaryKey,
                        List<String> columns, List<String> indexes, List<String> referencedBy) {
        public Table {
            primaryKey = List.copyOf(primaryKey);
            columns = List.copyOf(columns);
            indexes = List.copyOf(indexes);
            referencedBy = List.copyOf(referencedBy);
        }

        /** {@code users}, or {@code crm.users} outside the public schema. */
        public String display() {
            return TableInfo.display(schema, name);
        }
    }
}
