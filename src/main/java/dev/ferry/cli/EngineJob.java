package dev.ferry.cli;

/** Which engine job a progress display follows: the same events read differently in a dry run and a rollback. */
enum EngineJob {
    DRY_RUN("Dry run", "checked", "errors", "docs"),
    RUN("Migrating", "migrated", "quarantined", "docs"),
    ROLLBACK("Rolling back", "undone", "quarantined", "docs"),
    /** A PostgreSQL operation: rows copied into the shadow tables, or backfilled. */
    PG_RUN("Migrating", "copied", "quarantined", "rows");

    /** The progress bar's label. */
    final String task;
    /** What a batch did to its documents, for "Batch 3/11: migrated 1,000 docs". */
    final String batchVerb;
    /** What the records that failed to map are, so far: a dry run quarantines nothing, it only finds errors. */
    final String quarantineWord;
    /** What the records are called: documents, or a table's rows. */
    final String unit;

    EngineJob(String task, String batchVerb, String quarantineWord, String unit) {
        this.task = task;
        this.batchVerb = batchVerb;
        this.quarantineWord = quarantineWord;
        this.unit = unit;
    }
}
