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
 * Reads a PostgreSQL table, view or query in key order as BSON documents ({@link BsonFromPostgres}), batch after batch: each batch
 * is {@code WHERE key > last ORDER BY key LIMIT n} on its own connection (keyset, never OFFSET), so a run resumes
 * from a checkpoint's key. A row's checksum is a hash of its text form ({@code row::text}), which keeps every
 * microsecond and digit that the BSON form may not.
 */
public final class PostgresBatchReader implements SourceReader {

    /** Key types whose values pass through a checkpoint (BSON) and back unchanged, and compare the same in SQL. */
    private static final Set<String> KEY_TYPES = Set.of("int2", "int4", "int8", "numeric", "text", "varchar", "uuid");

    private final Connection connection;
    private final PostgresSourceRelation table;
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
        this.name = spec.collection();
        this.connection = store.newConnection();
        try {
            // a source is only read: a query or function that would write is refused by the server (the driver's
            // setReadOnly does not reach the server in auto-commit mode)
            try (java.sql.Statement st = connection.createStatement()) {
                st.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
            }
            this.table = PostgresSourceRelation.of(connection, spec);
            this.key = table.column(spec.key()).orElseThrow(() -> new FerryException("The " + table.what()
                    + " has no column " + SqlNames.quote(spec.key()) + " for the plan's key;"
                    + " its columns are " + table.columnNames() + "."));
            if (!KEY_TYPES.contains(key.typname())) {
                throw new FerryException("The key " + key.describe() + " of the " + table.what() + " cannot page a"
                        + " run: a key must be an integer, numeric, text or uuid column, whose values survive the"
                        + " checkpoint exactly. Use the primary key or another unique column of those types.");
            }
        } catch (SQLException e) {
            closeQuietly();
            throw failure("open", e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
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
                + ", pg_column_size(t.*) FROM " + table.from() + " AS t" + where + " ORDER BY t."
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
        try (PreparedStatement st = connection.prepareStatement("SELECT count(*) FROM " + table.from() + " AS t"
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
        try (PreparedStatement st = connection.prepareStatement("(SELECT k FROM (SELECT t." + k + " AS k FROM "
                + table.from() + " AS t ORDER BY random() LIMIT ?) AS s) UNION (SELECT t." + k + " FROM "
                + table.from() + " AS t ORDER BY 1 DESC LIMIT 1) ORDER BY 1")) {
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
                    + key.describe() + " of the " + table.what() + ": " + e.getMessage(), e);
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
        try (PreparedStatement st = connection.prepareStatement("SELECT " + columns + " FROM " + table.from()
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
        return single("SELECT count(*) FROM " + table.from() + " AS t", "count");
    }

    @Override
    public String key() {
        return key.name();
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Keys are compared by the server, in one type: rows without a key, and a key that repeats (possible in a view, a
     * query or a column no unique index holds), would lose records in keyset pages, so both are refused by name.
     */
    @Override
    public void refuseUnpageableKeys() {
        String k = SqlNames.quote(key.name());
        long nulls = single("SELECT count(*) FROM " + table.from() + " AS t WHERE t." + k + " IS NULL",
                "check the key of");
        if (nulls > 0) {
            throw new FerryException(nulls + " rows of the " + table.what() + " have no value (NULL) in the plan's"
                    + " key " + k + ". Give them a key, or use a NOT NULL unique column.");
        }
        if (!table.keyUnique()) {
            try (PreparedStatement st = connection.prepareStatement("SELECT CAST(t." + k + " AS text), count(*) FROM "
                    + table.from() + " AS t GROUP BY t." + k + " HAVING count(*) > 1 LIMIT 1");
                 ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    throw new FerryException("The plan's key " + k + " is not unique in the " + table.what() + ": "
                            + rs.getLong(2) + " rows have " + rs.getString(1) + ". Pages go past a key, so they would"
                            + " lose rows: page on a unique column (add one to the view or query).");
                }
            } catch (SQLException e) {
                throw failure("check the key of", e);
            }
        }
    }

    @Override
    public DocumentChecksum.Sum checksumUpTo(Object upTo) {
        DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
        try (PreparedStatement st = connection.prepareStatement("SELECT " + rowHash("t") + " FROM "
                + table.from() + " AS t WHERE t." + SqlNames.quote(key.name()) + " <= CAST(CAST(? AS text) AS "
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
        return new FerryException("Could not " + what + " the " + (table == null ? "source " + name : table.what())
                + ": " + Secrets.redact(e.getMessage()), e);
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
