package dev.ferry.cli;

/** Which engine job a progress display follows: the same events read differently in a dry run and a rollback. */
enum EngineJob {
    DRY_RUN("Dry run", "checked"),
    RUN("Migrating", "migrated"),
    ROLLBACK("Rolling back", "undone");

    /** The progress bar's label. */
    final String task;
    /** What a batch did to its documents, for "Batch 3/11: migrated 1,000 docs". */
    final String batchVerb;

    EngineJob(String task, String batchVerb) {
        this.task = task;
        this.batchVerb = batchVerb;
    }
}
