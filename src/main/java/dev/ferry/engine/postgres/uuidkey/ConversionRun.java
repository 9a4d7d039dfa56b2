package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresJournal;
import dev.ferry.store.postgres.PostgresStore;

/** What every step of one conversion run works with: the database, the plan, its run in the journal, the layout. */
record ConversionRun(PostgresStore store, UuidKeyPlan plan, PostgresJournal journal, String runId,
                     ConversionLayout layout, RunControl control, RunListener listener, int workers) {

    /** Parallel connections for fills and index builds; {@code -Dferry.pg.workers} overrides the 2. */
    static int defaultWorkers() {
        return Integer.getInteger("ferry.pg.workers", 2);
    }
}
