package dev.ferry.cli;

/**
 * Which engine job a progress display follows: the same events read differently in a dry run and a rollback (what
 * the records are called is the plan kind's).
 */
enum EngineJob {
    DRY_RUN("Dry run", "checked", "errors"),
    /** A run, or a runbook operation that changes data in batches. */
    RUN("Migrating", "migrated", "quarantined"),
    ROLLBACK("Rolling back", "undone", "quarantined");

    /** The progress bar's label. */
    final String task;
    /** What a batch did to its documents, for "Batch 3/11: migrated 1,000 docs". */
    final String batchVerb;
    /** What the records that failed to map are, so far: a dry run quarantines nothing, it only finds errors. */
    final String quarantineWord;

    EngineJob(String task, String batchVerb, String quarantineWord) {
        this.task = task;
        this.batchVerb = batchVerb;
        this.quarantineWord = quarantineWord;
    }
}
