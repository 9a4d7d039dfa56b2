package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.store.postgres.ForeignKeyInfo;
import dev.ferry.store.postgres.IndexInfo;
import dev.ferry.store.postgres.OwnedSequence;
import dev.ferry.store.postgres.SqlNames;
import dev.ferry.store.postgres.TableInfo;
import java.util.List;
import java.util.Set;

/**
 * One table of a uuid key conversion: the columns that become uuid, and what must be rebuilt on its shadow (indexes,
 * foreign keys, sequences). The shadow is named after the original's OID, so a resumed run finds it again.
 */
public record ConvertedTable(TableInfo table, Set<String> columns, List<IndexInfo> indexes,
                             List<ForeignKeyInfo> foreignKeys, List<OwnedSequence> sequences) {

    public ConvertedTable {
        columns = Set.copyOf(columns);
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
        sequences = List.copyOf(sequences);
    }

    public String name() {
        return table.name();
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

    /** The index's name on the shadow until the swap gives it the original's name. */
    static String temporaryName(IndexInfo index) {
        return "ferry_ix_" + index.oid();
    }
}
