package dev.ferry.store.journal;

/**
 * What the split engine keeps about its runs, in the database of the connected {@code --uri}: runs with their state and
 * checkpoint, batch records, the undo log, quarantine, the lease, dry-run estimates, and what lets a run be watched
 * and steered from anywhere: its events, its workers' heartbeats and the operators' requests. The engine speaks only this
 * interface; each store keeps it in its own layout ({@code MongoJournal}, {@code PostgresRunJournal}), and both pass
 * {@code JournalContractTest}. Grouped by what is kept, so that a new kind of record is one more part.
 */
public interface Journal {

    Runs runs();

    Batches batches();

    UndoLog undo();

    QuarantineLog quarantine();

    Leases leases();

    DryRuns dryRuns();

    /** The key ranges of partitioned runs, each with its own checkpoint and worker. */
    Partitions partitions();

    /** Operators' requests to runs: pause, resume, cancel, settings. */
    Requests requests();

    /** What screens show about runs besides their batches: state changes, guardrails, waits, quarantined records. */
    EventLog events();

    /** The processes working on runs, with their heartbeats and logs. */
    Workers workers();

    /** Creates what writing needs (indexes; a schema and its tables), before a run's first write. Idempotent. */
    void prepare();

    /**
     * Forgets what a run journalled for its batches after {@code batch} — undo entries with their pre-images,
     * quarantine entries, batch records — once a resume has reverted them: those batches are about to be replayed.
     */
    void discardAfter(String runId, long batch);

    /**
     * As {@link #discardAfter}, for the batches numbered after {@code batch} up to {@code upTo} only: one partition's
     * batches of a partitioned run, whose other partitions number theirs in ranges of their own.
     */
    void discardBetween(String runId, long batch, long upTo);

    /** The database that holds the journal, by name. */
    String databaseName();

    /** Where the journal is, for people: "MongoDB database app (collections ferry_*)". */
    String location();

    /**
     * A throwaway journal of the same kind beside this one (the dry run measures a run's bookkeeping in it), removed
     * with everything in it on {@link ScratchJournal#close()}.
     */
    ScratchJournal scratch();
}
