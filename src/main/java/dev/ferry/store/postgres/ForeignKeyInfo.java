package dev.ferry.store.postgres;

import java.util.List;

/**
 * A foreign key: {@code table(columns)} references {@code refTable(refColumns)}.
 *
 * @param definition   as {@code pg_get_constraintdef} prints it
 * @param onUpdate     pg_constraint.confupdtype (a no action, r restrict, c cascade, n set null, d set default)
 */
public record ForeignKeyInfo(String name, long tableOid, String schema, String table, List<String> columns,
                             long refTableOid, String refSchema, String refTable, List<String> refColumns,
                             String definition, String onUpdate, String onDelete, String match, boolean deferrable,
                             boolean deferred, boolean validated) {
    public ForeignKeyInfo {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
    }

    /** The constraint's clauses after the referenced columns: actions, MATCH, DEFERRABLE. */
    public String options() {
        StringBuilder sb = new StringBuilder();
        if ("f".equals(match)) {
            sb.append(" MATCH FULL");
        }
        sb.append(" ON UPDATE ").append(action(onUpdate)).append(" ON DELETE ").append(action(onDelete));
        if (deferrable) {
            sb.append(" DEFERRABLE INITIALLY ").append(deferred ? "DEFERRED" : "IMMEDIATE");
        }
        return sb.toString();
    }

    private static String action(String code) {
        return switch (code) {
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> "NO ACTION";
        };
    }
}
