package dev.ferry.store.postgres;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * BSON values as the text PostgreSQL reads for a column's type, bound as {@code CAST(? AS type)}: checked here
 * first, so that a value which does not fit its column (wrong type, too long, out of range, would be rounded,
 * null in a NOT NULL column) is refused with the reason and its record quarantined — never silently changed,
 * and never failing a whole batch. Types Ferry does not know (enum, inet, interval, …) take a string and are
 * checked by the server.
 */
public final class BsonToPostgres {

    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private BsonToPostgres() {
    }

    /** A value that does not fit its column; the message says why, for the quarantine. */
    public static final class DoesNotFit extends Exception {
        DoesNotFit(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The value's text for the column (null for SQL NULL). */
    public static String text(Object value, PostgresTable.Column column) throws DoesNotFit {
        if (value == null) {
            if (column.notNull()) {
                throw new DoesNotFit("null, but the column is NOT NULL");
            }
            return null;
        }
        if (column.isArray()) {
            if (!(value instanceof List<?> items)) {
                throw mismatch(value, "a list");
            }
            StringBuilder literal = new StringBuilder("{");
            for (int i = 0; i < items.size(); i++) {
                Object item = items.get(i);
                literal.append(i == 0 ? "" : ",");
                if (item == null) {
                    literal.append("NULL");
                } else {
                    String text = scalar(item, column.element(), -1);
                    literal.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                }
            }
            return literal.append('}').toString();
        }
        return scalar(value, column.typname(), column.typmod());
    }

    private static String scalar(Object v, String typname, int typmod) throws DoesNotFit {
        switch (typname) {
            case "uuid":
                if (v instanceof UUID u) {
                    return u.toString();
                }
                if (v instanceof String s) {
                    try {
                        return UUID.fromString(s).toString();
                    } catch (IllegalArgumentException e) {
                        throw new DoesNotFit("\"" + abbreviate(s) + "\" is not a UUID");
                    }
                }
                if (v instanceof Binary b && b.getData().length == 16 && (b.getType() == BsonBinarySubType.UUID_STANDARD.getValue()
                        || b.getType() == BsonBinarySubType.UUID_LEGACY.getValue())) {
                    return HexFormat.of().formatHex(b.getData())
                            .replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
                }
                throw mismatch(v, "a UUID");
            case "int2":
                return Long.toString(whole(v, Short.MIN_VALUE, Short.MAX_VALUE, "smallint"));
            case "int4":
                return Long.toString(whole(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer"));
            case "int8":
                return Long.toString(whole(v, Long.MIN_VALUE, Long.MAX_VALUE, "bigint"));
            case "numeric":
                return numeric(decimal(v), typmod);
            case "float4", "float8":
                if (v instanceof Number || v instanceof Decimal128) {
                    return Double.toString(v instanceof Decimal128 d ? d.doubleValue() : ((Number) v).doubleValue());
                }
                throw mismatch(v, "a number");
            case "bool":
                if (v instanceof Boolean b) {
                    return b.toString();
                }
                throw mismatch(v, "a boolean");
            case "text", "varchar", "bpchar", "name", "citext":
                String s = v instanceof String str ? str : v instanceof ObjectId id ? id.toHexString()
                        : v instanceof UUID u ? u.toString() : null;
                if (s == null) {
                    throw mismatch(v, "a string (add convert: string to the rule)");
                }
                if (s.indexOf('\0') >= 0) {
                    throw new DoesNotFit("the string contains a NUL character, which PostgreSQL text cannot hold");
                }
                int max = typmod - 4;
                if (("varchar".equals(typname) || "bpchar".equals(typname)) && typmod > 4
                        && s.codePointCount(0, s.length()) > max) {
                    throw new DoesNotFit("\"" + abbreviate(s) + "\" is " + s.codePointCount(0, s.length())
                            + " characters, over the column's " + max);
                }
                return s;
            case "timestamptz":
                return instant(v).toString();
            case "timestamp":
                return LocalDateTime.ofInstant(instant(v), ZoneOffset.UTC).toString();
            case "date":
                Instant at = instant(v);
                if (!LocalTime.ofInstant(at, ZoneOffset.UTC).equals(LocalTime.MIDNIGHT)) {
                    throw new DoesNotFit(at + " has a time of day; a date column would drop it (convert it first)");
                }
                return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
            case "json", "jsonb":
                String json = new Document("v", v).toJson(JSON);
                return json.substring(json.indexOf(':') + 1, json.length() - 1).trim();
            case "bytea":
                if (v instanceof Binary b) {
                    return "\\x" + HexFormat.of().formatHex(b.getData());
                }
                if (v instanceof byte[] bytes) {
                    return "\\x" + HexFormat.of().formatHex(bytes);
                }
                throw mismatch(v, "binary data");
            default:
                if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                    return v.toString(); // the server parses it, and refuses it if it does not fit
                }
                throw mismatch(v, "a string the server can read as " + typname);
        }
    }

    private static long whole(Object v, long min, long max, String type) throws DoesNotFit {
        BigDecimal d = decimal(v);
        if (d.stripTrailingZeros().scale() > 0) {
            throw new DoesNotFit(d.toPlainString() + " is not a whole number, and " + type + " holds whole numbers");
        }
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new DoesNotFit(d.toPlainString() + " is out of the range of " + type);
        }
        return d.longValueExact();
    }

    private static BigDecimal decimal(Object v) throws DoesNotFit {
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Double d && Double.isFinite(d)) {
            return BigDecimal.valueOf(d);
        }
        if (v instanceof Decimal128 d && d.isFinite()) {
            return d.bigDecimalValue();
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        throw mismatch(v, "a finite number");
    }

    /** numeric(p, s) rounds extra decimals away and fails on too many integer digits: refuse both, never round. */
    private static String numeric(BigDecimal d, int typmod) throws DoesNotFit {
        if (typmod >= 4) {
            int precision = ((typmod - 4) >> 16) & 0xffff;
            int scale = (typmod - 4) & 0xffff;
            BigDecimal plain = d.stripTrailingZeros();
            if (plain.scale() > scale) {
                throw new DoesNotFit(d.toPlainString() + " has more than the column's " + scale
                        + " decimal places and would be rounded");
            }
            int integerDigits = Math.max(0, plain.precision() - plain.scale());
            if (integerDigits > precision - scale) {
                throw new DoesNotFit(d.toPlainString() + " has more integer digits than numeric(" + precision + ","
                        + scale + ") holds");
            }
        }
        return d.toPlainString();
    }

    private static Instant instant(Object v) throws DoesNotFit {
        if (v instanceof Date d) {
            return d.toInstant();
        }
        throw mismatch(v, "a date (add convert: date to the rule)");
    }

    private static DoesNotFit mismatch(Object v, String expected) {
        String kind = v instanceof Map<?, ?> ? "an object" : v instanceof List<?> ? "a list"
                : v.getClass().getSimpleName() + " " + abbreviate(String.valueOf(v));
        return new DoesNotFit("expected " + expected + ", got " + kind);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
