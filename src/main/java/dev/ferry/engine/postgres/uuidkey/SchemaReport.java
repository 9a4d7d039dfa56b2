package dev.ferry.engine.postgres.uuidkey;

import java.util.List;

/**
 * validate_schema's answer, before anything is touched: per converted column what will change and what is wrong
 * with its values, the rows at fault (the first few of each problem), what blocks the conversion, and the columns
 * that probably hold the key without a foreign key (they stay text unless the plan names them in {@code also:}).
 */
public record SchemaReport(String plan, List<ColumnChange> changes, List<BadRow> badRows, List<String> blockers,
                           List<String> notes, List<ProbableReference> probableReferences) {

    public SchemaReport {
        changes = List.copyOf(changes);
        badRows = List.copyOf(badRows);
        blockers = List.copyOf(blockers);
        probableReferences = List.copyOf(probableReferences);
        List<String> all = new java.util.ArrayList<>(notes);
        probableReferences.stream().map(ProbableReference::note).filter(n -> !all.contains(n)).forEach(all::add);
        notes = List.copyOf(all);
    }

    public SchemaReport(String plan, List<ColumnChange> changes, List<BadRow> badRows, List<String> blockers,
                        List<String> notes) {
        this(plan, changes, badRows, blockers, notes, List.of());
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

    /**
     * A column outside the conversion whose sampled values include the key's.
     *
     * @param sampled values read (the first non-NULL ones); {@code matching} of them are the key's values
     * @param also    how the plan's {@code also:} names it
     */
    public record ProbableReference(String table, String column, String type, long sampled, long matching,
                                    String also) {
        public String note() {
            return table + "." + column + " (" + type + ") probably references the key without a foreign key ("
                    + matching + " of " + sampled + " sampled values are its keys): it will stay text. Add it to the"
                    + " plan (also: [" + also + "]) to convert it in the same swap, or leave it knowingly.";
        }
    }

    /** A row at fault: its table, its primary key, the column and value, and the problem in words. */
    public record BadRow(String table, String key, String column, String value, String problem) { }
}
