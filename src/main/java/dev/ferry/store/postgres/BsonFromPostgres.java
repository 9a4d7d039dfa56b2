package dev.ferry.store.postgres;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.postgresql.util.PGobject;

/**
 * PostgreSQL values as BSON values, for reading a table as documents: uuid → UUID (stored with the standard
 * representation), timestamptz → Date (milliseconds: microseconds are cut), timestamp → Date read as UTC, date →
 * Date at UTC midnight, numeric → Decimal128, jsonb/json → Document / List / scalar, arrays → List, bytea → Binary,
 * integers, floats, booleans and text as themselves; any other type (enum, inet, interval, …) as its text.
 */
public final class BsonFromPostgres {

    private BsonFromPostgres() {
    }

    /** Column {@code index} (1-based) of the current row, as a BSON value. */
    public static Object column(ResultSet rs, int index, PostgresTable.Column column) throws SQLException {
        switch (column.typname()) {
            case "timestamp" -> {
                // read without the JVM's time zone: a timestamp without time zone is taken as UTC
                LocalDateTime t = rs.getObject(index, LocalDateTime.class);
                return t == null ? null : Date.from(t.toInstant(ZoneOffset.UTC));
            }
            case "date" -> {
                LocalDate d = rs.getObject(index, LocalDate.class);
                return d == null ? null : Date.from(d.atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            case "json", "jsonb" -> {
                String text = rs.getString(index);
                return text == null ? null : json(text);
            }
            default -> {
                return value(rs.getObject(index), column.isArray() ? column.element() : column.typname());
            }
        }
    }

    /** A value as JDBC returns it (also an array's element), with the catalog name of its type. */
    static Object value(Object v, String typname) throws SQLException {
        if (v == null) {
            return null;
        }
        if (v instanceof Array array) {
            return list(array.getArray(), typname);
        }
        if (v instanceof Object[] nested) { // an element of a multi-dimensional array
            return list(nested, typname);
        }
        if ("json".equals(typname) || "jsonb".equals(typname)) {
            return json(v instanceof PGobject p ? p.getValue() : v.toString());
        }
        if (v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Boolean
                || v instanceof Double || v instanceof UUID) {
            return v;
        }
        if (v instanceof Short s) {
            return (int) s;
        }
        if (v instanceof Float f) {
            return Double.parseDouble(f.toString()); // 0.1f as 0.1, not 0.10000000149011612
        }
        if (v instanceof BigDecimal d) {
            return decimal(d);
        }
        if (v instanceof java.sql.Timestamp t) {
            return new Date(t.getTime());
        }
        if (v instanceof java.sql.Date d) {
            return Date.from(d.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (v instanceof byte[] bytes) {
            return new Binary(bytes);
        }
        if (v instanceof PGobject p) {
            return p.getValue();
        }
        return v.toString();
    }

    private static List<Object> list(Object elements, String typname) throws SQLException {
        Object[] items = (Object[]) elements;
        List<Object> out = new ArrayList<>(items.length);
        for (Object item : items) {
            out.add(value(item, typname));
        }
        return out;
    }

    /** Decimal128 holds 34 significant digits; a numeric with more is kept as its exact text rather than rounded. */
    private static Object decimal(BigDecimal d) {
        try {
            return new Decimal128(d);
        } catch (NumberFormatException | ArithmeticException e) {
            return d.toPlainString();
        }
    }

    /** A JSON text as the BSON value it reads as: an object → Document, an array → List, a scalar → itself. */
    static Object json(String text) {
        return Document.parse("{\"v\": " + text + "}").get("v");
    }
}
