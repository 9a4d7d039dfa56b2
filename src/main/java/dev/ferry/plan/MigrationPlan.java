package dev.ferry.plan;

import java.nio.file.Path;
import java.util.List;

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

    /**
     * The collection or table the plan reads (a split's source) or changes, as {@code assess} names it: a table bare
     * in {@code public}, {@code schema.table} elsewhere.
     */
    String sourceName();

    /**
     * The collections or tables a run writes, as the plan names them (a key conversion also rewrites every table
     * that references the key, which its dry run lists).
     */
    List<String> targetNames();

    /** The checks the plan lists ({@link PlanKind.Capability#CHECKS_IN_PLAN}); none when the engine decides them. */
    default List<CheckSpec> checks() {
        return List.of();
    }

    /** The same plan with only {@code checks} (to run one on its own); same name and hash. */
    default MigrationPlan withChecks(List<CheckSpec> checks) {
        throw new UnsupportedOperationException("a " + kind().label() + " plan lists no checks of its own");
    }

    /** The same plan with {@code size} records per batch (an operator's override); same name and hash. */
    MigrationPlan withBatchSize(int size);

    /** Key ranges a run of this plan is worked in at once (1: in one piece). */
    default int partitions() {
        return 1;
    }

    /** The same plan run in {@code n} key ranges at once; refused by kinds that run in one piece. */
    default MigrationPlan withPartitions(int n) {
        if (n == 1) {
            return this;
        }
        throw dev.ferry.FerryException.usage("A " + kind().label() + " plan runs in one piece; --partitions is for"
                + " split plans.");
    }

    /** Records (documents or rows) per committed, checkpointed batch. */
    int batchSize();

    /** One line for a title bar: the subject, what becomes of it, the batch size. */
    String summary();

    /** How long a run waits for a database that went away before it pauses ({@code retry:}; none: the defaults). */
    RetrySpec retry();

    /** The limits that watch a run, in words ({@link Guardrails#describe()}); empty for a kind without guardrails. */
    default java.util.Optional<String> guardrailsInWords() {
        return java.util.Optional.empty();
    }
}
