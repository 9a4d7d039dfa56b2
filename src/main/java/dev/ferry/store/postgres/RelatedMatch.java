package dev.ferry.store.postgres;

import dev.ferry.FerryException;
import dev.ferry.expr.ClosestName;
import dev.ferry.plan.FieldRule;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which columns of a related table match which fields of the record it hangs from: as the plan's {@code match} names
 * them, or from the catalog — for {@code embed}, the foreign key of the related table that references the record's
 * table (child rows); for {@code embed_one}, the foreign key of the record's table that references the related one.
 * What cannot be resolved is a plan error at the rule's line, saying what to write.
 */
record RelatedMatch(List<PostgresTable.Column> columns, List<String> localFields) {

    static PostgresTable table(Connection c, FieldRule.Embed rule) {
        try {
            return PostgresTable.read(c, rule.relation(), true);
        } catch (FerryException e) {
            String schema = rule.relation().contains(".") ? rule.relation().substring(0, rule.relation().indexOf('.'))
                    : "public";
            List<String> names = new ArrayList<>();
            try {
                new PostgresCatalog(c).tables(schema).forEach(t -> names.add(t.name()));
            } catch (SQLException ignored) {
                // no names to suggest
            }
            String table = rule.relation().substring(rule.relation().indexOf('.') + 1);
            throw problem(rule, "there is no table or view " + rule.relation() + ClosestName.hint(table, names), e);
        }
    }

    static RelatedMatch of(Connection c, PostgresTable related, String localTable, FieldRule.Embed rule)
            throws SQLException {
        List<PostgresTable.Column> columns = new ArrayList<>();
        List<String> local = new ArrayList<>();
        if (!rule.match().isEmpty()) {
            for (Map.Entry<String, String> m : rule.match().entrySet()) {
                columns.add(related.column(m.getKey()).orElseThrow(() -> problem(rule, related.qualified()
                        + " has no column " + m.getKey() + ClosestName.hint(m.getKey(), related.columns().stream()
                        .map(PostgresTable.Column::name).toList()) + " to match", null)));
                local.add(m.getValue());
            }
            return new RelatedMatch(columns, local);
        }
        if (localTable == null) {
            throw problem(rule, "the record it hangs from is not a table (a view, a query or a collection), so no"
                    + " foreign key says how they relate: name the columns with match: { <" + rule.relation()
                    + " column>: <field of the record> }", null);
        }
        PostgresTable home = PostgresTable.read(c, localTable, true);
        long relatedOid = oid(c, related);
        long homeOid = oid(c, home);
        PostgresCatalog catalog = new PostgresCatalog(c);
        List<ForeignKeyInfo> keys = (rule.many() ? catalog.foreignKeysOf(relatedOid) : catalog.foreignKeysOf(homeOid))
                .stream().filter(k -> rule.many() ? k.refTableOid() == homeOid : k.refTableOid() == relatedOid)
                .toList();
        if (keys.size() != 1) {
            String direction = rule.many() ? related.qualified() + " referencing " + home.qualified()
                    : home.qualified() + " referencing " + related.qualified();
            throw problem(rule, (keys.isEmpty() ? "no foreign key of " + direction : keys.size() + " foreign keys of "
                    + direction + " (" + String.join(", ", keys.stream().map(ForeignKeyInfo::name).toList())
                    + ")") + (rule.many() ? "" : " (embed_one follows a key of this record's table)")
                    + ": name the columns with match: { <" + rule.relation() + " column>: <field of the record> }",
                    null);
        }
        ForeignKeyInfo key = keys.get(0);
        List<String> relatedColumns = rule.many() ? key.columns() : key.refColumns();
        List<String> localColumns = rule.many() ? key.refColumns() : key.columns();
        for (int i = 0; i < relatedColumns.size(); i++) {
            columns.add(related.column(relatedColumns.get(i)).orElseThrow());
            local.add(localColumns.get(i));
        }
        return new RelatedMatch(columns, local);
    }

    /**
     * One array literal per matched column, of the key tuples' values as text for the column's type; a tuple with a
     * null or a value that cannot be of the column's type matches nothing and is left out. Null when none is left.
     */
    List<String> arrays(List<List<Object>> keys) {
        List<StringBuilder> literals = new ArrayList<>();
        columns.forEach(c -> literals.add(new StringBuilder("{")));
        int kept = 0;
        for (List<Object> key : keys) {
            List<String> texts = texts(key);
            if (texts == null) {
                continue;
            }
            for (int i = 0; i < texts.size(); i++) {
                literals.get(i).append(kept == 0 ? "" : ",").append('"')
                        .append(texts.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            kept++;
        }
        return kept == 0 ? null : literals.stream().map(l -> l.append('}').toString()).toList();
    }

    private List<String> texts(List<Object> key) {
        List<String> texts = new ArrayList<>(key.size());
        for (int i = 0; i < key.size(); i++) {
            if (key.get(i) == null) {
                return null;
            }
            try {
                texts.add(BsonToPostgres.text(key.get(i), columns.get(i)));
            } catch (BsonToPostgres.DoesNotFit e) {
                return null;
            }
        }
        return texts;
    }

    private static long oid(Connection c, PostgresTable t) throws SQLException {
        return PostgresTable.oid(c, t.schema(), t.tableName(), true).orElseThrow();
    }

    /** A plan error at the rule's line; {@code cause} is what the database said (its words are in {@code what}). */
    static FerryException problem(FieldRule.Embed rule, String what, Throwable cause) {
        return FerryException.usage(rule.where() + ": " + rule.id() + ": " + what + ".");
    }
}
