package dev.ferry.engine;

import dev.ferry.FerryException;

/**
 * A partition another live worker holds the lease of: nothing was done. A Spark task retried while its earlier
 * attempt still works (or a speculative copy) waits on this until the range is done or its holder's lease expires.
 */
public final class PartitionBusyException extends FerryException {

    public PartitionBusyException(String message) {
        super(message);
    }
}
