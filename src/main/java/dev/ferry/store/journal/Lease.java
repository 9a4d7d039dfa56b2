package dev.ferry.store.journal;

import java.time.Duration;
import java.util.Optional;

/**
 * A lease on one plan for one owner: taken if free, expired or already the owner's; renewed by heartbeat; a holder
 * that stops renewing loses it when it expires. Every change is conditional on the owner, so a process that lost
 * its lease cannot renew or release another's.
 */
public interface Lease {

    /** Takes the lease; empty when taken, else the current holder. */
    Optional<LeaseRecord> tryAcquire(String runId, String host, String operator);

    /** Names the run this lease is for, once known (the lease is taken before the journal is read). */
    void describe(String runId);

    /** Renews the lease for another time to live; false when it is no longer this owner's. */
    boolean heartbeat();

    void release();

    String owner();

    Duration ttl();
}
