package dev.ferry.store.postgres;

import java.util.List;
import java.util.stream.Collectors;

/** SQL fragments for writing rows: every value a text parameter cast to its column's type, every name quoted. */
final class RowSql {

    private RowSql() {
    }

    /** 32 bits of the MD5 of the row's text: what an undo compares to tell the run's row from a changed one. */
    static String hash32(String alias) {
        return "('x' || substr(md5(CAST(ROW(" + alias + ".*) AS text)), 1, 8))::bit(32)::int";
    }

    static String cast(PostgresTable.Column c) {
        return "CAST(CAST(? AS text) AS " + c.type() + ")";
    }

    static String names(List<PostgresTable.Column> columns) {
        return columns.stream().map(c -> SqlNames.quote(c.name())).collect(Collectors.joining(", "));
    }

    static String casts(List<PostgresTable.Column> columns) {
        return columns.stream().map(RowSql::cast).collect(Collectors.joining(", "));
    }
}
