package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.store.postgres.ForeignKeyInfo;
import dev.ferry.store.postgres.IndexInfo;
import dev.ferry.store.postgres.OwnedSequence;
import dev.ferry.store.postgres.SqlNames;
import dev.ferry.store.postgres.TableInfo;
import java.util.List;
import java.util.Set;

/**
 * One table of a uuid key conversion: the columns that become uuid, what must be rebuilt on its shadow (indexes,
 * foreign keys, sequences, extended statistics), and the backup schema its original moves into at the swap. The shadow
 * is named after the original's OID, so a resumed run finds it again. Recorded in the journal as JSON: a run recorded
 * by an older version has no backup schema or statistics here ({@link #withDefaults} fills them in).
 */
public record ConvertedTable(TableInfo table, Set<String> columns, List<IndexInfo> indexes,
                             List<ForeignKeyInfo> foreignKeys, List<OwnedSequence> sequences, String backupSchema,
                             List<Statistics> statistics) {

    public ConvertedTable {
        columns = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(columns)); // the key first
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
        sequences = List.copyOf(sequences);
        statistics = statistics == null ? List.of() : List.copyOf(statistics);
    }

    /** An extended statistics object of the table; it stays in its schema when the table moves, so Ferry moves it. */
    public record Statistics(long oid, String schema, String name) {

        String qualified() {
            return SqlNames.qualified(schema, name);
        }

        /** Its copy's name on the shadow until the swap gives it this name. */
        String temporary() {
            return SqlNames.qualified(schema, "ferry_st_" + oid);
        }
    }

    /** A layout recorded before Ferry kept the backup schema per table: every original went to the plan's one. */
    ConvertedTable withDefaults(String planBackupSchema) {
        return backupSchema != null ? this : new ConvertedTable(table, columns, indexes, foreignKeys, sequences,
                planBackupSchema, statistics);
    }

    public String name() {
        return table.name();
    }

    /** {@code users}, or {@code audit.events} outside public: how messages and reports name the table. */
    public String display() {
        return table.display();
    }

    public String shadowName() {
        return "ferry_new_" + table.oid();
    }

    public String shadow() {
        return SqlNames.qualified(table.schema(), shadowName());
    }

    public String original() {
        return table.qualified();
    }

    /** Where the original is from the swap on (until rollback or cleanup_backup). */
    public String backup() {
        return SqlNames.qualified(backupSchema, table.name());
    }

    /** The index's name on the shadow until the swap gives it the original's name. */
    static String temporaryName(IndexInfo index) {
        return "ferry_ix_" + index.oid();
    }
}
