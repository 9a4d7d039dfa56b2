package dev.ferry.store.postgres;

import dev.ferry.FerryException;
import dev.ferry.plan.SourceSpec;
import dev.ferry.store.Secrets;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.SourceReader;
import dev.ferry.store.DocumentChecksum;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * Reads a PostgreSQL table in key order as BSON documents ({@link BsonFromPostgres}), batch after batch: each batch
 * is {@code WHERE key > last ORDER BY key LIMIT n} on its own connection (keyset, never OFFSET), so a run resumes
 * from a checkpoint's key. A row's checksum is a hash of its text form ({@code row::text}), which keeps every
 * microsecond and digit that the BSON form may not.
 */
public final class PostgresBatchReader implements SourceReader {

    /** Key types whose values pass through a checkpoint (BSON) and back unchanged, and compare the same in SQL. */
    private static final Set<String> KEY_TYPES = Set.of("int2", "int4", "int8", "numeric", "text", "varchar", "uuid");

    private final Connection connection;
    private final PostgresTable table;
    private final PostgresTable.Column key;
    private final String name;
    /** Changed only by {@link #resize}, read by the thread that reads ahead. */
    private volatile int batchSize;
    private final String columns;
    private Object lastKey;
    private Object upTo;
    private DocumentChecksum.Sum lastBatchSum = DocumentChecksum.Sum.EMPTY;
    private List<Integer> lastBatchSizes = List.of();

    public PostgresBatchReader(PostgresStore store, SourceSpec spec, Object afterKey, int batchSize) {
        this.connection = store.newConnection();
        try {
            this.table = PostgresTable.read(connection, spec.collection());
            this.key = table.column(spec.key()).orElseThrow(() -> new FerryException("The source table "
                    + table.qualified() + " has no column " + SqlNames.quote(spec.key()) + " for the plan's key;"
                    + " its columns are " + table.columnNames() + "."));
            if (!KEY_TYPES.contains(key.typname())) {
                throw new FerryException("The key " + key.describe() + " of " + table.qualified() + " cannot page a"
                        + " run: a key must be an integer, numeric, text or uuid column, whose values survive the"
                        + " checkpoint exactly. Use the primary key or another unique column of those types.");
            }
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
        this.name = spec.collection();
        this.batchSize = batchSize;
        this.lastKey = afterKey;
        this.columns = table.columns().stream().map(c -> "t." + SqlNames.quote(c.name()))
                .collect(Collectors.joining(", "));
    }

    /**
     * The row hash, 64 bits of the MD5 of the row's text. {@code ROW(t.*)}, not {@code t}: a bare alias means a column
     * when the table has a column of that name.
     */
    static String rowHash(String alias) {
        return "('x' || substr(md5(CAST(ROW(" + alias + ".*) AS text)), 1, 16))::bit(64)::bigint";
    }

    @Override
    public List<Document> next() {
        String where = range(lastKey, upTo);
        List<Document> batch = new ArrayList<>(batchSize);
        lastBatchSum = DocumentChecksum.Sum.EMPTY;
        lastBatchSizes = new ArrayList<>(batchSize);
        try (PreparedStatement st = connection.prepareStatement("SELECT " + columns + ", " + rowHash("t")
                + ", pg_column_size(t.*) FROM " + table.qualified() + " AS t" + where + " ORDER BY t."
                + SqlNames.quote(key.name()) + " LIMIT ?")) {
            int i = bind(st, lastKey, upTo);
            st.setInt(i, batchSize);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    batch.add(document(rs));
                    int n = table.columns().size();
                    lastBatchSum = lastBatchSum.plus(new DocumentChecksum.Sum(1, rs.getLong(n + 1)));
                    lastBatchSizes.add(rs.getInt(n + 2));
                }
            }
        } catch (SQLException e) {
            throw failure("read a batch of", e);
        }
        if (!batch.isEmpty()) {
            lastKey = batch.get(batch.size() - 1).get(key.name());
        }
        return batch;
    }

    /** {@code WHERE} the key is after {@code after} and up to {@code upTo}, each left out when null. */
    private String range(Object after, Object upTo) {
        String k = "t." + SqlNames.quote(key.name());
        String cast = " CAST(CAST(? AS text) AS " + key.type() + ")";
        List<String> parts = new ArrayList<>();
        if (after != null) {
            parts.add(k + " >" + cast);
        }
        if (upTo != null) {
            parts.add(k + " <=" + cast);
        }
        return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    /** Binds {@link #range}'s keys; the next parameter's index. */
    private int bind(PreparedStatement st, Object after, Object upTo) throws SQLException {
        int i = 1;
        if (after != null) {
            st.setString(i++, keyText(after));
        }
        if (upTo != null) {
            st.setString(i++, keyText(upTo));
        }
        return i;
    }

    @Override
    public void limitTo(Object upTo) {
        this.upTo = upTo;
    }

    @Override
    public long count(Object after, Object upTo) {
        try (PreparedStatement st = connection.prepareStatement("SELECT count(*) FROM " + table.qualified() + " AS t"
                + range(after, upTo))) {
            bind(st, after, upTo);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("count", e);
        }
    }

    /** A random sample sorted by the server, and the last key: one type of key, so one bracket. */
    @Override
    public List<Object> sampleKeys(int n) {
        String k = SqlNames.quote(key.name());
        List<Object> out = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("(SELECT k FROM (SELECT " + k + " AS k FROM "
                + table.qualified() + " ORDER BY random() LIMIT ?) AS s) UNION (SELECT " + k + " FROM "
                + table.qualified() + " ORDER BY 1 DESC LIMIT 1) ORDER BY 1")) {
            st.setInt(1, n);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Object v = BsonFromPostgres.column(rs, 1, key);
                    if (v != null) {
                        out.add(v);
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("sample the keys of", e);
        }
        return out;
    }

    private Document document(ResultSet rs) throws SQLException {
        Document doc = new Document();
        List<PostgresTable.Column> cols = table.columns();
        for (int c = 0; c < cols.size(); c++) {
            doc.put(cols.get(c).name(), BsonFromPostgres.column(rs, c + 1, cols.get(c)));
        }
        return doc;
    }

    private String keyText(Object value) {
        try {
            return BsonToPostgres.text(value, key);
        } catch (BsonToPostgres.DoesNotFit e) {
            throw new FerryException("The checkpoint's key " + SourceKeys.render(value) + " does not fit the key "
                    + key.describe() + " of " + table.qualified() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void resize(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public DocumentChecksum.Sum lastBatchSum() {
        return lastBatchSum;
    }

    @Override
    public List<Integer> lastBatchSizes() {
        return lastBatchSizes;
    }

    @Override
    public List<Document> first(int n) {
        List<Document> out = new ArrayList<>(n);
        try (PreparedStatement st = connection.prepareStatement("SELECT " + columns + " FROM " + table.qualified()
                + " AS t ORDER BY t." + SqlNames.quote(key.name()) + " LIMIT ?")) {
            st.setInt(1, n);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(document(rs));
                }
            }
        } catch (SQLException e) {
            throw failure("read the first rows of", e);
        }
        return out;
    }

    @Override
    public long count() {
        return single("SELECT count(*) FROM " + table.qualified(), "count");
    }

    @Override
    public String key() {
        return key.name();
    }

    @Override
    public String name() {
        return name;
    }

    /** Keys are compared by the server, in one type: only rows without a key can get in the way. */
    @Override
    public void refuseUnpageableKeys() {
        long nulls = single("SELECT count(*) FROM " + table.qualified() + " WHERE " + SqlNames.quote(key.name())
                + " IS NULL", "check the key of");
        if (nulls > 0) {
            throw new FerryException(nulls + " rows of " + table.qualified() + " have no value (NULL) in the plan's"
                    + " key " + SqlNames.quote(key.name()) + ". Give them a key, or use a NOT NULL unique column.");
        }
    }

    @Override
    public DocumentChecksum.Sum checksumUpTo(Object upTo) {
        DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
        try (PreparedStatement st = connection.prepareStatement("SELECT " + rowHash("t") + " FROM "
                + table.qualified() + " AS t WHERE t." + SqlNames.quote(key.name()) + " <= CAST(CAST(? AS text) AS "
                + key.type() + ")")) {
            st.setString(1, keyText(upTo));
            st.setFetchSize(1000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    sum = sum.plus(new DocumentChecksum.Sum(1, rs.getLong(1)));
                }
            }
        } catch (SQLException e) {
            throw failure("checksum", e);
        }
        return sum;
    }

    private long single(String sql, String what) {
        try (PreparedStatement st = connection.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private FerryException failure(String what, SQLException e) {
        return new FerryException("Could not " + what + " the source table " + table.qualified() + ": "
                + Secrets.redact(e.getMessage()), e);
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a connection that failed has nothing left to release
        }
    }
}
