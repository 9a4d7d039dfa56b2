package dev.ferry.store.postgres;

import dev.ferry.FerryException;
import dev.ferry.plan.FieldRule;
import dev.ferry.store.RelatedReader;
import dev.ferry.store.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * The related rows of one embed rule, a batch at a time: {@code SELECT … WHERE match = ANY (keys) ORDER BY …} (or,
 * for a foreign key of several columns, {@code (a, b) IN (SELECT * FROM unnest(…))}), on a read-only connection of
 * its own, each key's values bound as text and cast by the server to the column's type, so the index on the matched
 * columns is used. Which columns match comes from the plan or from the catalog's foreign key ({@link RelatedMatch}).
 */
public final class PostgresRelatedRows implements RelatedReader {
    private final Connection connection;
    private final PostgresTable table;
    private final RelatedMatch match;
    private final String sql;

    /**
     * @param localTable the table the related rows hang from ({@code schema.table}), for a foreign key; null when it is
     *                   a view or query (the plan must name the columns then)
     */
    public PostgresRelatedRows(PostgresStore store, String localTable, FieldRule.Embed rule) {
        this.connection = store.newConnection();
        try {
            try (Statement st = connection.createStatement()) {
                st.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
            }
            this.table = RelatedMatch.table(connection, rule);
            this.match = RelatedMatch.of(connection, table, localTable, rule);
            this.sql = sql(RelatedOrder.of(table, rule));
        } catch (SQLException e) {
            closeQuietly();
            throw new FerryException("Could not open the related table " + rule.relation() + ": "
                    + Secrets.redact(e.getMessage()), e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    private String sql(String orderBy) {
        String columns = table.columns().stream().map(c -> "t." + SqlNames.quote(c.name()))
                .collect(Collectors.joining(", "));
        List<PostgresTable.Column> keys = match.columns();
        String where;
        if (keys.size() == 1) {
            where = "t." + SqlNames.quote(keys.get(0).name()) + " = ANY (CAST(CAST(? AS text) AS "
                    + keys.get(0).type() + "[]))";
        } else {
            where = "(" + keys.stream().map(c -> "t." + SqlNames.quote(c.name())).collect(Collectors.joining(", "))
                    + ") IN (SELECT * FROM unnest(" + keys.stream().map(c -> "CAST(CAST(? AS text) AS " + c.type()
                    + "[])").collect(Collectors.joining(", ")) + "))";
        }
        return "SELECT " + columns + " FROM " + table.qualified() + " AS t WHERE " + where + " ORDER BY " + orderBy;
    }

    @Override
    public String name() {
        return table.name();
    }

    /** The related table, which relations nested in this one hang from. */
    public String table() {
        return table.name();
    }

    @Override
    public List<String> relatedFields() {
        return match.columns().stream().map(PostgresTable.Column::name).toList();
    }

    @Override
    public List<String> localFields() {
        return match.localFields();
    }

    @Override
    public List<Document> read(List<List<Object>> keys) {
        List<Document> rows = new ArrayList<>();
        List<String> literals = match.arrays(keys);
        if (literals == null) {
            return rows; // no key fits the matched columns: nothing can match
        }
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (int i = 0; i < literals.size(); i++) {
                st.setString(i + 1, literals.get(i));
            }
            st.setFetchSize(5000);
            try (ResultSet rs = st.executeQuery()) {
                List<PostgresTable.Column> cols = table.columns();
                while (rs.next()) {
                    Document row = new Document();
                    for (int c = 0; c < cols.size(); c++) {
                        row.put(cols.get(c).name(), BsonFromPostgres.column(rs, c + 1, cols.get(c)));
                    }
                    rows.add(row);
                }
            }
        } catch (SQLException e) {
            throw new FerryException("Could not read the related rows of " + table.qualified() + ": "
                    + Secrets.redact(e.getMessage()), e);
        }
        return rows;
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
