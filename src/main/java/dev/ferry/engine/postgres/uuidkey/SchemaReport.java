package dev.ferry.engine.postgres.uuidkey;

import java.util.List;

/**
 * validate_schema's answer, before anything is touched: per converted column what will change and what is wrong
 * with its values, the rows at fault (the first few of each problem), and what blocks the conversion.
 */
public record SchemaReport(String plan, List<ColumnChange> changes, List<BadRow> badRows, List<String> blockers,
                           List<String> notes) {

    public SchemaReport {
        changes = List.copyOf(changes);
        badRows = List.copyOf(badRows);
        blockers = List.copyOf(blockers);
        notes = List.copyOf(notes);
    }

    /** True when the conversion may start. */
    public boolean ok() {
        return blockers.isEmpty();
    }

    /**
     * One column that becomes uuid.
     *
     * @param normalised values valid for uuid but not in canonical form (upper case, braces, no hyphens): stored
     *                   canonical after the conversion; the backup keeps the original text
     * @param invalid    values that are no UUID at all
     * @param orphans    references with no matching key (uuid comparison)
     * @param duplicates keys equal once normalised (two spellings of one UUID)
     */
    public record ColumnChange(String table, String column, String typeNow, String references, long rows, long nulls,
                               long normalised, long invalid, long orphans, long duplicates) { }

    /** A row at fault: its table, its primary key, the column and value, and the problem in words. */
    public record BadRow(String table, String key, String column, String value, String problem) { }
}
