package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.store.postgres.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a uuid key conversion's shadow tables will take, computed by the server from the originals: each table's
 * total size (heap, TOAST, indexes) with every converted value's stored size replaced by uuid's 16 bytes, in the heap
 * and in each index on its column. The originals stay as the backup until cleanup_backup, so this is what the
 * conversion adds. The shadows are written and indexed in one go, so they may come out a little smaller still.
 */
final class ShadowStorage {

    static final int UUID_BYTES = 16;

    private final Connection connection;

    ShadowStorage(Connection connection) {
        this.connection = connection;
    }

    /** Bytes per converted table, by its name for people (schema.name outside public). One scan of each table's converted columns. */
    Map<String, Long> estimate(ConversionLayout layout) throws SQLException {
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (ConvertedTable t : layout.tables()) {
            long total = scalar("SELECT pg_total_relation_size(" + t.table().oid() + "::oid)");
            long saved = 0;
            Map<String, long[]> values = values(t);
            for (Map.Entry<String, long[]> column : values.entrySet()) {
                long count = column.getValue()[0];
                long stored = column.getValue()[1];
                saved += (stored - UUID_BYTES * count) * (1 + indexesOn(t, column.getKey()));
            }
            bytes.put(t.display(), Math.max(0, total - saved));
        }
        return bytes;
    }

    /** Per converted column: its non-null values and their stored bytes. */
    private Map<String, long[]> values(ConvertedTable t) throws SQLException {
        StringJoiner select = new StringJoiner(", ");
        t.columns().forEach(c -> select.add("count(" + SqlNames.quote(c) + "), coalesce(sum(pg_column_size("
                + SqlNames.quote(c) + ")), 0)"));
        Map<String, long[]> out = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT " + select + " FROM " + t.original())) {
            r.next();
            int i = 1;
            for (String c : t.columns()) {
                out.put(c, new long[] {r.getLong(i), r.getLong(i + 1)});
                i += 2;
            }
        }
        return out;
    }

    /** How many of the table's indexes hold the column: each keeps its own copy of every value. */
    private long indexesOn(ConvertedTable t, String column) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT count(*) FROM pg_index i JOIN pg_attribute a"
                + " ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = ?::oid AND a.attname = ?")) {
            s.setLong(1, t.table().oid());
            s.setString(2, column);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private long scalar(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
