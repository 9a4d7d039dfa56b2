package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.ConversionRefused;

import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.ColumnInfo;
import dev.ferry.store.postgres.ForeignKeyInfo;
import dev.ferry.store.postgres.PostgresCatalog;
import dev.ferry.store.postgres.TableInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tables and columns a uuid key conversion touches, read from the catalog: the key column and every
 * single-column foreign key that references it. Also the reasons it cannot go ahead (no primary key, triggers or
 * views that a swap would leave behind, foreign keys from other tables), each said in words.
 */
public record ConversionLayout(ConvertedTable keyTable, List<ConvertedTable> tables,
                               List<ForeignKeyInfo> keyReferences, List<String> blockers) {

    public ConversionLayout {
        tables = List.copyOf(tables);
        keyReferences = List.copyOf(keyReferences);
        blockers = List.copyOf(blockers);
    }

    /** Reads the layout from the original tables (before the swap; afterwards they live in the backup schema). */
    static ConversionLayout read(PostgresCatalog catalog, UuidKeyPlan plan, String schema) throws SQLException {
        Optional<TableInfo> key = catalog.table(schema, plan.table());
        if (key.isEmpty()) {
            throw new ConversionRefused("There is no table " + schema + "." + plan.table()
                    + ". Check `table:` and `schema:` in " + plan.file() + ".");
        }
        TableInfo keyInfo = key.get();
        List<String> blockers = new ArrayList<>();
        ColumnInfo keyColumn = keyInfo.column(plan.column()).orElseThrow(() -> new ConversionRefused("Table "
                + keyInfo.display() + " has no column " + plan.column() + ". Check `column:` in " + plan.file() + "."));
        List<ForeignKeyInfo> references = catalog.foreignKeysInto(keyInfo.oid()).stream()
                .filter(fk -> fk.refColumns().contains(plan.column())).toList();
        Map<Long, TableInfo> byOid = new LinkedHashMap<>();
        Map<Long, Set<String>> columns = new LinkedHashMap<>();
        byOid.put(keyInfo.oid(), keyInfo);
        columns.computeIfAbsent(keyInfo.oid(), o -> new LinkedHashSet<>()).add(plan.column());
        for (ForeignKeyInfo fk : references) {
            if (fk.columns().size() != 1) {
                blockers.add("Foreign key " + fk.name() + " on " + fk.table() + fk.columns() + " spans several columns;"
                        + " only single-column references to " + plan.table() + "." + plan.column() + " can be converted.");
                continue;
            }
            TableInfo t = byOid.computeIfAbsent(fk.tableOid(), oid -> find(catalog, fk.schema(), fk.table()));
            columns.computeIfAbsent(t.oid(), o -> new LinkedHashSet<>()).add(fk.columns().get(0));
        }
        if (keyColumn.type().equals("uuid")) {
            blockers.add(keyInfo.display() + "." + plan.column() + " is already uuid: nothing to convert.");
        }
        List<ConvertedTable> tables = new ArrayList<>();
        for (TableInfo t : byOid.values()) {
            tables.add(new ConvertedTable(t, columns.get(t.oid()), catalog.indexes(t.oid()),
                    catalog.foreignKeysOf(t.oid()), catalog.ownedSequences(t.oid())));
            blockers.addAll(blockers(catalog, t, columns.get(t.oid()), byOid.keySet()));
        }
        return new ConversionLayout(tables.get(0), tables, references, blockers);
    }

    private static List<String> blockers(PostgresCatalog catalog, TableInfo t, Set<String> converted, Set<Long> inSet)
            throws SQLException {
        List<String> found = new ArrayList<>();
        if (t.primaryKey().isEmpty()) {
            found.add("Table " + t.display() + " has no primary key: Ferry copies and verifies rows by key. Add one"
                    + " (e.g. ALTER TABLE ... ADD PRIMARY KEY (...)) and run validate_schema again.");
        }
        for (String c : converted) {
            String type = t.column(c).map(ColumnInfo::type).orElse("?");
            if (!type.startsWith("character varying") && !type.equals("text") && !type.startsWith("character(")) {
                found.add(t.display() + "." + c + " is " + type + ", not a text type; it cannot be converted from UUID strings.");
            }
        }
        List<String> triggers = catalog.userTriggers(t.oid());
        if (!triggers.isEmpty()) {
            found.add("Table " + t.display() + " has triggers " + triggers + " that the converted table would not have;"
                    + " drop them before the conversion and re-create them after it.");
        }
        List<String> views = catalog.dependentViews(t.oid());
        if (!views.isEmpty()) {
            found.add("Views " + views + " read " + t.display() + " and would keep reading the backup after the swap;"
                    + " drop them before the conversion and re-create them after it.");
        }
        for (ForeignKeyInfo fk : catalog.foreignKeysInto(t.oid())) {
            if (!inSet.contains(fk.tableOid())) {
                found.add("Foreign key " + fk.name() + " on " + fk.table() + " references " + t.display() + fk.refColumns()
                        + "; it would keep pointing at the backup after the swap. Drop it before the conversion and"
                        + " re-create it after.");
            }
        }
        return found;
    }

    private static TableInfo find(PostgresCatalog catalog, String schema, String table) {
        try {
            return catalog.table(schema, table).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
