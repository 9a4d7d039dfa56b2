package dev.ferry.engine.postgres;

import dev.ferry.FerryException;

/** PostgreSQL stayed away past {@code -Dferry.retry.max}: the operation stopped, its run resumable. */
final class DatabaseAway extends FerryException {

    final String runId;

    DatabaseAway(String message, String runId) {
        super(message);
        this.runId = runId;
    }
}
