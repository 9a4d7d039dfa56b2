package dev.ferry.store.postgres;

import java.util.List;
import java.util.Optional;

/**
 * A table as the catalog describes it.
 *
 * @param estimate  the planner's row estimate (reltuples; -1 before the first ANALYZE)
 * @param bytes     total size with indexes and TOAST
 */
public record TableInfo(long oid, String schema, String name, long estimate, long bytes, String owner,
                        List<ColumnInfo> columns, List<String> primaryKey) {
    public TableInfo {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    public Optional<ColumnInfo> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** {@code "public"."users"}. */
    public String qualified() {
        return SqlNames.qualified(schema, name);
    }

    /** {@code users} or {@code crm.users}, for messages. */
    public String display() {
        return display(schema, name);
    }

    /** A table's name for people: bare in public, {@code schema.name} in any other schema. */
    public static String display(String schema, String name) {
        return "public".equals(schema) ? name : schema + "." + name;
    }
}
