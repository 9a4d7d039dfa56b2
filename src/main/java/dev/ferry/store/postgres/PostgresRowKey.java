package dev.ferry.store.postgres;

import dev.ferry.store.SourceKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * A target table's primary key as it takes a record's {@code _id}: a key of one column takes the {@code _id} itself;
 * a key of several columns (a fan-out table's parent key and position) takes the {@code _id}'s fields of the same
 * names. Every value goes as text and is cast by the server to its column's type.
 */
final class PostgresRowKey {
    private final List<PostgresTable.Column> columns;

    PostgresRowKey(List<PostgresTable.Column> columns) {
        this.columns = List.copyOf(columns);
    }

    List<PostgresTable.Column> columns() {
        return columns;
    }

    boolean single() {
        return columns.size() == 1;
    }

    /** The key's values as text, one per column, from a record's {@code _id}. */
    List<String> texts(Object id) throws BsonToPostgres.DoesNotFit {
        if (single()) {
            return List.of(textOrNull(BsonToPostgres.text(id, columns.get(0))));
        }
        if (!(id instanceof Map<?, ?> fields)) {
            throw new BsonToPostgres.DoesNotFit("the primary key has " + columns.size() + " columns " + names()
                    + ", so the id must be a document with those fields, got " + SourceKeys.render(id));
        }
        List<String> texts = new ArrayList<>(columns.size());
        for (PostgresTable.Column c : columns) {
            if (!fields.containsKey(c.name())) {
                throw new BsonToPostgres.DoesNotFit("the id " + SourceKeys.render(id) + " has no field " + c.name()
                        + " for the primary key column " + c.describe());
            }
            texts.add(textOrNull(BsonToPostgres.text(fields.get(c.name()), c)));
        }
        return texts;
    }

    private static String textOrNull(String text) throws BsonToPostgres.DoesNotFit {
        if (text == null) {
            throw new BsonToPostgres.DoesNotFit("a primary key value cannot be null");
        }
        return text;
    }

    /** Equal for ids the table holds equal: the single value's identity, or the fields' identities in key order. */
    Object identity(Object id) {
        if (single()) {
            return SourceKeys.identity(id);
        }
        if (!(id instanceof Map<?, ?> fields)) {
            return id;
        }
        List<Object> parts = new ArrayList<>(columns.size());
        columns.forEach(c -> parts.add(SourceKeys.identity(fields.get(c.name()))));
        return parts;
    }

    /** The id of a row read with the key's columns first, from {@code first} (1-based) on. */
    Object read(ResultSet rs, int first) throws SQLException {
        if (single()) {
            return BsonFromPostgres.value(rs.getObject(first), columns.get(0).typname());
        }
        Document id = new Document();
        for (int i = 0; i < columns.size(); i++) {
            id.put(columns.get(i).name(), BsonFromPostgres.value(rs.getObject(first + i), columns.get(i).typname()));
        }
        return id;
    }

    /** {@code t."a", t."b"}: the key's columns, for a select list. */
    String select(String alias) {
        return columns.stream().map(c -> alias + "." + SqlNames.quote(c.name())).collect(Collectors.joining(", "));
    }

    /** A condition matching the rows of many keys: bind {@link #arrays} to it. */
    String matchesAny(String alias) {
        if (single()) {
            return alias + "." + SqlNames.quote(columns.get(0).name()) + " = ANY (CAST(CAST(? AS text) AS "
                    + columns.get(0).type() + "[]))";
        }
        return "(" + select(alias) + ") IN (SELECT * FROM unnest(" + columns.stream()
                .map(c -> "CAST(CAST(? AS text) AS " + c.type() + "[])").collect(Collectors.joining(", ")) + "))";
    }

    /** A condition matching one row: bind {@link #texts} to it. */
    String matchesOne(String alias) {
        return columns.stream().map(c -> alias + "." + SqlNames.quote(c.name()) + " = " + RowSql.cast(c))
                .collect(Collectors.joining(" AND "));
    }

    /** One array literal per key column, of the ids' values as text; ids that do not fit are the caller's fault. */
    List<String> arrays(List<List<String>> keys) {
        List<String> out = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            StringBuilder literal = new StringBuilder("{");
            for (List<String> key : keys) {
                literal.append(literal.length() == 1 ? "" : ",").append('"')
                        .append(key.get(c).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            out.add(literal.append('}').toString());
        }
        return out;
    }

    boolean isKey(PostgresTable.Column column) {
        return columns.stream().anyMatch(c -> c.name().equals(column.name()));
    }

    String names() {
        return columns.stream().map(PostgresTable.Column::name).toList().toString();
    }
}
