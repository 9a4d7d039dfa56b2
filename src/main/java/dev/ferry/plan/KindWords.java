package dev.ferry.plan;

/**
 * How a kind of plan describes its dry run and its rollback to a person, the same in the console and the CLI.
 * Phrases about one collection or table take it as {@code %1$s} and its records, counted, as {@code %2$s}.
 *
 * @param dryRun   what its dry run does, {@code %s} the plan's subject
 * @param rollback how its rollback works and what it checks afterwards
 * @param undoFrom where a rollback takes back what it puts back, or null when it only drops what the plan added
 * @param delete   what a rollback will delete from one container
 * @param restore  what a rollback will put back into one container
 * @param deleted  what a finished rollback deleted
 * @param restored what a finished rollback put back
 */
public record KindWords(String dryRun, String rollback, String undoFrom, String delete, String restore,
                        String deleted, String restored) {

    static final KindWords SPLIT = new KindWords("Reads every record of %s and maps it",
            "A rollback replays the run's undo log in reverse, batch by batch: it deletes what the run inserted and"
                    + " puts back the pre-images of what it replaced. Then it checks every target against the checksum"
                    + " taken before the run, and the source against what the run read.",
            "the run's undo log in the journal (the keys it inserted, and the pre-images of what it replaced)",
            "delete %2$s the run inserted into %1$s", "restore %2$s of %1$s the run replaced",
            "deleted %2$s from %1$s", "restored %2$s of %1$s");

    static final KindWords UUID_KEY_CONVERSION = new KindWords(
            "Checks %s and every column that references it (runbook 002's validate_schema)",
            "A key conversion's rollback drops the converted tables and moves the originals back from the backup"
                    + " schema (rows written since the conversion are lost); before the swap it drops the shadow"
                    + " copies. Then it checks every table's rows and column types against those taken before the run.",
            "the backup schema",
            "drop %1$s (%2$s)", "put back the original %1$s (%2$s)",
            "dropped %1$s (%2$s)", "put back the original %1$s (%2$s)");

    static final KindWords COLUMN_BACKFILL = new KindWords(
            "Checks %s: the columns and indexes to add, and the rows the backfill's filter selects",
            "A column backfill's rollback is its down: it drops the plan's indexes, then its columns with their"
                    + " values; the rest of each row stays as it is. Then it checks that none of the plan's columns"
                    + " is left.",
            null,
            "drop %1$s (%2$s)", "put back %1$s (%2$s)",
            "dropped %1$s (%2$s)", "put back %1$s (%2$s)");

    public String dryRun(String subject) {
        return String.format(dryRun, subject);
    }

    public String delete(String container, String records) {
        return String.format(delete, container, records);
    }

    public String restore(String container, String records) {
        return String.format(restore, container, records);
    }

    public String deleted(String container, String records) {
        return String.format(deleted, container, records);
    }

    public String restored(String container, String records) {
        return String.format(restored, container, records);
    }
}
