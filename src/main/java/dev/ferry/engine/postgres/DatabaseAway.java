package dev.ferry.engine.postgres;

import dev.ferry.FerryException;

/** PostgreSQL stayed away past {@code -Dferry.retry.max}: the operation stopped, its run resumable. */
public final class DatabaseAway extends FerryException {

    public final String runId;

    public DatabaseAway(String message, String runId) {
        super(message);
        this.runId = runId;
    }
}
