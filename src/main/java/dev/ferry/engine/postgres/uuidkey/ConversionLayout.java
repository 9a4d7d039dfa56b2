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
 * The tables and columns a uuid key conversion touches, read from the catalog: the key column, every single-column
 * foreign key that references it, and the plan's {@code also:} columns. Also the reasons it cannot go ahead that the
 * tables' shape gives (no primary key, triggers, rules or views that a swap would leave behind, foreign keys from other
 * tables, partitions and inheritance), each said in words with what to do.
 */
public record ConversionLayout(ConvertedTable keyTable, List<ConvertedTable> tables,
                               List<ForeignKeyInfo> keyReferences, List<String> blockers) {

    public ConversionLayout {
        tables = List.copyOf(tables);
        keyReferences = List.copyOf(keyReferences);
        blockers = List.copyOf(blockers);
    }

    /** Layouts recorded by an older version lack each table's backup schema: the plan's then. */
    ConversionLayout withDefaults(String planBackupSchema) {
        List<ConvertedTable> filled = tables.stream().map(t -> t.withDefaults(planBackupSchema)).toList();
        return new ConversionLayout(filled.get(0), filled, keyReferences, blockers);
    }

    /** The names of every converted column, of all the tables. */
    Set<String> convertedColumnNames() {
        Set<String> names = new LinkedHashSet<>();
        tables.forEach(t -> names.addAll(t.columns()));
        return names;
    }

    /** The converted table of {@code schema.name}, if it is one. */
    Optional<ConvertedTable> table(String schema, String name) {
        return tables.stream().filter(t -> t.table().schema().equals(schema) && t.name().equals(name)).findFirst();
    }

    /**
     * Where a table's original goes at the swap: the plan's backup schema for the plan's schema, and one per other
     * schema beside it ({@code migration_backup_audit}), so that same-named tables, indexes and sequences of two
     * schemas never meet.
     */
    static String backupSchema(UuidKeyPlan plan, String tableSchema) {
        return tableSchema.equals(plan.schema()) ? plan.backupSchema() : plan.backupSchema() + "_" + tableSchema;
    }

    /** Reads the layout from the original tables (before the swap; afterwards they live in the backup schema). */
    static ConversionLayout read(PostgresCatalog catalog, UuidKeyPlan plan, String schema) throws SQLException {
        TableInfo keyInfo = catalog.table(schema, plan.table()).orElseThrow(() -> new ConversionRefused("There is no"
                + " table " + TableInfo.display(schema, plan.table()) + ". Check `table:` and `schema:` in "
                + plan.file() + "."));
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
                blockers.add("Foreign key " + fk.name() + " on " + TableInfo.display(fk.schema(), fk.table())
                        + fk.columns() + " spans several columns; only single-column references to " + keyInfo.display()
                        + "." + plan.column() + " can be converted. Drop it before the conversion and re-create it"
                        + " after (on the uuid columns).");
                continue;
            }
            TableInfo t = byOid.computeIfAbsent(fk.tableOid(), oid -> find(catalog, fk.schema(), fk.table()));
            columns.computeIfAbsent(t.oid(), o -> new LinkedHashSet<>()).add(fk.columns().get(0));
        }
        for (UuidKeyPlan.ColumnRef also : plan.also()) {
            Optional<TableInfo> t = catalog.table(also.schema(), also.table());
            if (t.isEmpty() || t.get().column(also.column()).isEmpty()) {
                blockers.add("`also:` names " + TableInfo.display(also.schema(), also.table()) + "." + also.column()
                        + ", which " + (t.isEmpty() ? "is no table" : "is no column of it") + " in this database."
                        + " Correct it in " + plan.file() + ".");
                continue;
            }
            TableInfo info = byOid.computeIfAbsent(t.get().oid(), oid -> t.get());
            columns.computeIfAbsent(info.oid(), o -> new LinkedHashSet<>()).add(also.column());
        }
        if (keyColumn.type().equals("uuid")) {
            blockers.add(keyInfo.display() + "." + plan.column() + " is already uuid: nothing to convert.");
        }
        List<ConvertedTable> tables = new ArrayList<>();
        for (TableInfo t : byOid.values()) {
            List<ConvertedTable.Statistics> statistics = catalog.statisticsObjects(t.oid()).stream()
                    .map(s -> new ConvertedTable.Statistics(Long.parseLong(s[0]), s[1], s[2])).toList();
            tables.add(new ConvertedTable(t, columns.get(t.oid()), catalog.indexes(t.oid()),
                    catalog.foreignKeysOf(t.oid()), catalog.ownedSequences(t.oid()), backupSchema(plan, t.schema()),
                    statistics));
        }
        for (ConvertedTable t : tables) {
            blockers.addAll(LayoutBlockers.of(catalog, t, tables));
        }
        return new ConversionLayout(tables.get(0), tables, references, blockers);
    }

    private static TableInfo find(PostgresCatalog catalog, String schema, String table) {
        try {
            return catalog.table(schema, table).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
