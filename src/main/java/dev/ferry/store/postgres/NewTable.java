package dev.ferry.store.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table a run creates: its columns with their types and NOT NULLs, its primary key and its foreign keys, as the
 * plan and the data it maps determine them; {@link #ddl()} is what the dry run shows and the run executes. Types are
 * the catalog's own spelling or a plan's {@code type:}, which the plan loader accepts only as a type name.
 *
 * @param table as the plan names it ({@code schema.table}, or {@code table} in {@code public})
 */
public record NewTable(String table, List<ColumnDef> columns, List<String> primaryKey,
                              List<ForeignKeyDef> foreignKeys) {

    public NewTable {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        foreignKeys = List.copyOf(foreignKeys);
    }

    /** @param why where the type comes from, for the dry run: "convert: date", "customers.email", "values: text" */
    public record ColumnDef(String name, String type, boolean notNull, String why) { }

    public record ForeignKeyDef(List<String> columns, String refTable, List<String> refColumns) {
        public ForeignKeyDef {
            columns = List.copyOf(columns);
            refColumns = List.copyOf(refColumns);
        }
    }

    /** {@code "schema"."table"}. */
    public String qualified() {
        return qualified(table);
    }

    static String qualified(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? SqlNames.qualified("public", name)
                : SqlNames.qualified(name.substring(0, dot), name.substring(dot + 1));
    }

    /** The CREATE TABLE statement, foreign keys included. */
    public String ddl() {
        return ddl(qualified(), true);
    }

    /** The statement for a table of this shape under another name, without foreign keys (a dry run's scratch copy). */
    String ddl(String qualifiedName, boolean withForeignKeys) {
        List<String> parts = new ArrayList<>();
        columns.forEach(c -> parts.add(SqlNames.quote(c.name()) + " " + c.type() + (c.notNull() ? " NOT NULL" : "")));
        parts.add("PRIMARY KEY (" + names(primaryKey) + ")");
        if (withForeignKeys) {
            foreignKeys.forEach(f -> parts.add("FOREIGN KEY (" + names(f.columns()) + ") REFERENCES "
                    + qualified(f.refTable()) + " (" + names(f.refColumns()) + ")"));
        }
        return "CREATE TABLE " + qualifiedName + " (" + String.join(", ", parts) + ")";
    }

    private static String names(List<String> names) {
        return names.stream().map(SqlNames::quote).collect(Collectors.joining(", "));
    }
}
