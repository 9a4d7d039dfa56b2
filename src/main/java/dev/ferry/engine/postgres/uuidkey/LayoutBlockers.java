package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.store.postgres.ColumnInfo;
import dev.ferry.store.postgres.ForeignKeyInfo;
import dev.ferry.store.postgres.PostgresCatalog;
import dev.ferry.store.postgres.TableDependents;
import dev.ferry.store.postgres.TableInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What in a converted table's shape keeps the conversion from starting, each said with what to do: no primary key,
 * a column that is no text, triggers, rules, views and other objects that would stay with the original in the backup
 * schema, foreign keys from tables outside the conversion or between a converted and an unconverted column, and tables
 * a plain copy cannot stand in for (partitions, inheritance, typed tables).
 */
final class LayoutBlockers {

    /** PostgreSQL's limit on a name's length in bytes. */
    private static final int NAME_BYTES = 63;

    private LayoutBlockers() {
    }

    static List<String> of(PostgresCatalog catalog, ConvertedTable ct, List<ConvertedTable> all) throws SQLException {
        TableInfo t = ct.table();
        TableDependents dependents = catalog.dependents();
        List<String> found = new ArrayList<>();
        if (t.primaryKey().isEmpty()) {
            found.add("Table " + t.display() + " has no primary key: Ferry copies and verifies rows by key. Add one"
                    + " (e.g. ALTER TABLE ... ADD PRIMARY KEY (...)) and run validate_schema again.");
        }
        for (String c : ct.columns()) {
            String type = t.column(c).map(ColumnInfo::type).orElse("?");
            if (!type.startsWith("character varying") && !type.equals("text") && !type.startsWith("character(")) {
                found.add(t.display() + "." + c + " is " + type + ", not a text type; it cannot be converted from UUID"
                        + " strings. Take it out of the plan (`also:`).");
            }
        }
        Optional<String> shape = dependents.shapeOtherThanPlain(t.oid());
        shape.ifPresent(s -> found.add("Table " + t.display() + " " + s + "; Ferry converts plain tables only. Convert"
                + " it with ALTER TABLE ... ALTER COLUMN ... TYPE uuid during downtime instead."));
        List<String> triggers = dependents.userTriggers(t.oid());
        if (!triggers.isEmpty()) {
            found.add("Table " + t.display() + " has triggers " + triggers + " that the converted table would not have;"
                    + " drop them before the conversion and re-create them after it.");
        }
        List<String> rules = dependents.rules(t.oid());
        if (!rules.isEmpty()) {
            found.add("Table " + t.display() + " has rules " + rules + " that the converted table would not have;"
                    + " drop them before the conversion and re-create them after it.");
        }
        List<String> views = dependents.dependentViews(t.oid());
        if (!views.isEmpty()) {
            found.add("Views " + views + " read " + t.display() + " and would keep reading the backup after the swap;"
                    + " drop them before the conversion and re-create them after it.");
        }
        List<Long> inside = all.stream().map(x -> x.table().oid()).toList();
        for (String other : dependents.dependentsOutside(t.oid(), inside, true)) {
            found.add(capitalised(other) + " depends on " + t.display() + " (the table or its row type) and would"
                    + " stay with the original in the backup schema after the swap; drop it before the conversion and"
                    + " re-create it after.");
        }
        for (ForeignKeyInfo fk : catalog.foreignKeysInto(t.oid())) {
            if (!inside.contains(fk.tableOid())) {
                found.add("Foreign key " + fk.name() + " on " + TableInfo.display(fk.schema(), fk.table())
                        + " references " + t.display() + fk.refColumns() + "; it would keep pointing at the backup"
                        + " after the swap. Drop it before the conversion and re-create it after.");
            }
        }
        found.addAll(mismatchedKeys(ct, all));
        if (ct.backupSchema().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > NAME_BYTES) {
            found.add("The backup schema for " + t.display() + " would be named " + ct.backupSchema() + ", longer than"
                    + " PostgreSQL's 63 bytes. Name a shorter backup_schema in the plan.");
        }
        return found;
    }

    /** A foreign key whose column becomes uuid while the column it references stays text, or the other way round. */
    private static List<String> mismatchedKeys(ConvertedTable ct, List<ConvertedTable> all) {
        List<String> found = new ArrayList<>();
        for (ForeignKeyInfo fk : ct.foreignKeys()) {
            Optional<ConvertedTable> target = all.stream().filter(x -> x.table().oid() == fk.refTableOid()).findFirst();
            for (int i = 0; i < fk.columns().size(); i++) {
                boolean from = ct.columns().contains(fk.columns().get(i));
                boolean to = target.isPresent() && target.get().columns().contains(fk.refColumns().get(i));
                if (from != to) {
                    String column = ct.display() + "." + fk.columns().get(i);
                    String referenced = TableInfo.display(fk.refSchema(), fk.refTable()) + "." + fk.refColumns().get(i);
                    found.add("Foreign key " + fk.name() + " joins " + column + " to " + referenced + ", but only "
                            + (from ? column : referenced) + " would become uuid. Add " + (from ? referenced : column)
                            + " to `also:` in the plan, or drop the key before the conversion and re-create it after.");
                }
            }
        }
        return found;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
