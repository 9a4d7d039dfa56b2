package dev.ferry.plan;

import java.nio.file.Path;

/**
 * Any plan the console can open: a split plan ({@link Plan}, MongoDB or cross-store) or a PostgreSQL operation plan
 * ({@link PostgresPlan}). The console shows, hashes and dry-runs both alike; what a plan does is the engine's business.
 */
public sealed interface MigrationPlan permits Plan, PostgresPlan {

    String name();

    /** What kind of plan this is, and what that kind supports. */
    PlanKind kind();

    /** The plan file, or a bare file name for a built-in plan. */
    Path file();

    /** Short SHA-256 of the file's bytes: a dry run is valid for a run only with the same hash. */
    String hash();

    /** What the plan reads or changes, in a few words: "user_data by _id", "public.users.id". */
    String subject();

    /** Records (documents or rows) per committed, checkpointed batch. */
    int batchSize();

    /** One line for a title bar: the subject, what becomes of it, the batch size. */
    String summary();

    /** How long a run waits for a database that went away before it pauses ({@code retry:}; none: the defaults). */
    RetrySpec retry();
}
