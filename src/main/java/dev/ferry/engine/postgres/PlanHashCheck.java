package dev.ferry.engine.postgres;

import dev.ferry.plan.PostgresPlan;
import dev.ferry.store.postgres.PostgresJournal;

/**
 * Refuses to resume a run that another version of the plan started, as on MongoDB: the resumed part would use other
 * batches, expressions or tables than the part already done. Rolling such a run back stays allowed. A run journalled
 * without a hash (before Ferry recorded it) is of an unknown version and is never refused.
 */
public final class PlanHashCheck {

    private PlanHashCheck() {
    }

    public static void refuseChanged(PostgresJournal.RunRow run, PostgresPlan plan) {
        if (run.planHash() == null || plan.hash() == null || run.planHash().equals(plan.hash())) {
            return;
        }
        throw new ConversionRefused("The unfinished run " + run.runId() + " of " + plan.name() + " was made with"
                + " another version of the plan (hash " + run.planHash() + ", now " + plan.hash() + "). Restore that"
                + " plan file to resume it, or roll the run back first (ferry rollback --uri … --plan " + plan.file()
                + ", or the console's Rollback screen).");
    }
}
